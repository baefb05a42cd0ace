package io.github.blockwatch.notify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * One POST and what its answer means for delivery: 2xx accepted; 408, 425, 429 and 5xx worth another try
 * (429 with its {@code Retry-After}, seconds or an HTTP date); any other status fails for good; a refused
 * connection or a timeout is worth another try. Shared by the webhook, Slack and Telegram channels (the JDK's
 * HTTP client: no extra dependency, HTTP/1.1 and 2, TLS with the JVM's trust store).
 */
final class HttpPoster {
    private static final int MAX_REASON_BODY = 200;

    private final HttpClient client;
    private final Duration timeout;

    HttpPoster(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect of a signed POST is not followed blindly
                .build();
    }

    /**
     * @param retryAfterInBody reads a wait out of a 429's body when the header has none (Telegram's
     *                         {@code parameters.retry_after})
     */
    Attempt post(HttpRequest.Builder request, byte[] body, Function<String, Optional<Duration>> retryAfterInBody)
            throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = client.send(request.timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new Attempt.Retry("no answer within " + timeout.toSeconds() + " s", null);
        } catch (ConnectException e) {
            return new Attempt.Retry("connection refused", null);
        } catch (IOException e) {
            // The JDK's messages name no URL (which may hold a token): the class and message are safe.
            return new Attempt.Retry("I/O error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + oneLine(e.getMessage())), null);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Attempt.ACCEPTED;
        }
        String reason = "HTTP " + status + bodyExcerpt(response.body());
        if (status == 429) {
            Duration wait = response.headers().firstValue("Retry-After").flatMap(HttpPoster::retryAfter)
                    .or(() -> retryAfterInBody.apply(response.body()))
                    .orElse(null);
            return new Attempt.Retry(reason, wait);
        }
        if (status == 408 || status == 425 || status >= 500) {
            return new Attempt.Retry(reason, null);
        }
        return new Attempt.Failed(reason);
    }

    /** {@code Retry-After: 120} or {@code Retry-After: Wed, 21 Oct 2026 07:28:00 GMT}. */
    static Optional<Duration> retryAfter(String value) {
        String text = value.strip();
        if (text.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(Instant.now(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String bodyExcerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = oneLine(body);
        return ": " + (text.length() > MAX_REASON_BODY ? text.substring(0, MAX_REASON_BODY) + "…" : text);
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
