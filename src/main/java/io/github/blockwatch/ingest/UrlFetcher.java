package io.github.blockwatch.ingest;

import io.github.blockwatch.registry.DumpLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Downloads a dump from a mirror with a conditional GET ({@code If-None-Match} / {@code If-Modified-Since}
 * from the previous answer), so polling an unchanged mirror costs one small request. The saved file keeps
 * the answer's {@code Last-Modified} as its modification time (else it is the fetch time): that is the
 * registry time of a plain list, which has none of its own. Uses the JDK's
 * HttpClient (HTTP/1.1 and 2, TLS). Failed attempts are retried with exponential backoff.
 *
 * <p>A mirror is not trusted with ingest's resources ({@link FetchLimits}): the body is cut at a size and
 * the whole attempt at a time (the client's own timeout ends when the headers arrive, so a body sent a byte
 * a second held an attempt open for minutes), a connection silent for {@code timeout} is dropped, and
 * redirects are followed here, five at most, never from HTTPS to HTTP, and not to a private address unless
 * the URL given was one. Hitting a limit is not retried. The address check resolves the name before the
 * client does: a name whose DNS answer changes in between (rebinding) is not caught; the HTTP API checks
 * Host headers for that reason.
 */
public final class UrlFetcher {
    private static final int MAX_REDIRECTS = 5;
    /** Closes the body of an attempt that ran out of time; one daemon thread for every fetcher. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "blockwatch-fetch-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final URI url;
    private final HttpClient client;
    private final Duration timeout;
    private final int attempts;
    private final Duration firstBackoff;
    private final FetchLimits limits;
    private String etag;
    private String lastModified;

    /**
     * @param timeout      connecting, waiting for the headers, and the longest silence within the body
     * @param attempts     tries per fetch before giving up
     * @param firstBackoff wait before the second try; doubled before each further one
     */
    public UrlFetcher(URI url, Duration timeout, int attempts, Duration firstBackoff, FetchLimits limits) {
        this.url = url;
        this.timeout = timeout;
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
        this.limits = limits;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public UrlFetcher(URI url, Duration timeout, int attempts, Duration firstBackoff) {
        this(url, timeout, attempts, firstBackoff, FetchLimits.DEFAULT);
    }

    public UrlFetcher(URI url, FetchLimits limits) {
        this(url, Duration.ofSeconds(60), 4, Duration.ofSeconds(2), limits);
    }

    public UrlFetcher(URI url) {
        this(url, FetchLimits.DEFAULT);
    }

    /**
     * Fetches the dump into {@code target} if it changed since the last fetch.
     *
     * @return true if a new body was saved, false if the mirror answered 304 Not Modified
     * @throws IOException once every attempt failed, with the last failure as a one-line message, or at once
     *                     when a limit was hit ({@link FetchRefusedException})
     */
    public boolean fetchIfChanged(Path target) throws IOException, InterruptedException {
        IOException last = null;
        Duration backoff = firstBackoff;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return fetchOnce(target);
            } catch (FetchRefusedException e) {
                throw e;
            } catch (IOException e) {
                last = e;
                if (attempt < attempts) {
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2);
                }
            }
        }
        throw new IOException(url + ": " + attempts + " attempts failed, last: " + last.getMessage(), last);
    }

    private boolean fetchOnce(Path target) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limits.maxTime().toNanos();
        URI current = url;
        for (int hop = 0; ; hop++) {
            HttpResponse<InputStream> response = request(current);
            int status = response.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                response.body().close();
                current = redirect(current, response, hop);
                continue;
            }
            if (status == 304) {
                response.body().close();
                return false;
            }
            if (status != 200) {
                response.body().close();
                throw new IOException("HTTP " + status);
            }
            Optional<Long> length = response.headers().firstValue("Content-Length").map(Long::parseLong);
            if (length.isPresent() && length.get() > limits.maxBytes()) {
                response.body().close();
                throw tooLarge();
            }
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            try {
                long saved = save(response.body(), partial, deadline);
                if (length.isPresent() && length.get() != saved) {
                    throw new IOException("body cut short: " + saved + " of " + length.get() + " bytes");
                }
            } catch (IOException e) {
                // A connection lost mid-body, a body shorter than its Content-Length, a limit: no partial file left.
                Files.deleteIfExists(partial);
                throw e;
            }
            lastModified = response.headers().firstValue("Last-Modified").orElse(null);
            // A plain list has no time of its own: its registry time is its file's modification time. Keep the
            // server's, as curl -R and wget -N do, so the list is dated when it changed, not when it was fetched.
            Instant modified = parseHttpDate(lastModified);
            if (modified != null) {
                Files.setLastModifiedTime(partial, FileTime.from(modified));
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            etag = response.headers().firstValue("ETag").orElse(null);
            return true;
        }
    }

    /** An HTTP date (RFC 1123, as {@code Last-Modified} carries it), or null when absent or not one. */
    static Instant parseHttpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null; // the fetch time stands: a list must be dated by something
        }
    }

    private HttpResponse<InputStream> request(URI uri) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Where a redirect leads, if it may be followed. */
    private URI redirect(URI from, HttpResponse<?> response, int hop) throws IOException {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new IOException("HTTP " + response.statusCode() + " without a Location"));
        URI to;
        try {
            to = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new IOException("HTTP " + response.statusCode() + " to an invalid Location '" + location + "'", e);
        }
        if (hop + 1 > MAX_REDIRECTS) {
            throw new FetchRefusedException(url + ": more than " + MAX_REDIRECTS + " redirects; refused");
        }
        RedirectRule.check(url, from, to, limits.allowPrivateRedirects());
        return to;
    }

    /**
     * Copies the body to {@code partial}, stopping it at the size limit, at the deadline of the attempt, and
     * after {@code timeout} without a byte. A watchdog closes the stream to end a read that waits.
     */
    private long save(InputStream body, Path partial, long deadline) throws IOException {
        AtomicReference<String> stopped = new AtomicReference<>();
        long[] lastByte = {System.nanoTime()};
        ScheduledFuture<?> watch = WATCHDOG.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            String reason = now - deadline > 0 ? "not complete within " + human(limits.maxTime()) + " (--fetch-timeout)"
                    : now - lastByte[0] > timeout.toNanos() ? "no data for " + human(timeout) : null;
            if (reason != null && stopped.compareAndSet(null, reason)) {
                try {
                    body.close();
                } catch (IOException ignored) {
                    // closing is how the blocked read is ended; its own error says nothing more
                }
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        long saved = 0;
        try (InputStream in = body; OutputStream out = Files.newOutputStream(partial)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                lastByte[0] = System.nanoTime();
                saved += n;
                if (saved > limits.maxBytes()) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            if (e instanceof FetchRefusedException || stopped.get() == null) {
                throw e;
            }
            if (stopped.get().startsWith("not complete")) {
                throw new FetchRefusedException(url + ": body " + stopped.get() + " after " + DumpLimits.human(saved) + "; refused");
            }
            throw new IOException("body stalled: " + stopped.get() + " after " + DumpLimits.human(saved), e);
        } finally {
            watch.cancel(false);
        }
        if (stopped.get() != null) {
            throw new IOException("body stopped: " + stopped.get());
        }
        return saved;
    }

    private FetchRefusedException tooLarge() {
        return new FetchRefusedException(url + ": body larger than " + DumpLimits.human(limits.maxBytes())
                + " (--max-download-size); refused");
    }

    private static String human(Duration d) {
        return IngestLimits.human(d);
    }
}
