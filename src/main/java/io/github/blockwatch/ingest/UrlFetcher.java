package io.github.blockwatch.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

/**
 * Downloads a dump from a mirror with a conditional GET ({@code If-None-Match} / {@code If-Modified-Since}
 * from the previous answer), so polling an unchanged mirror costs one small request. Uses the JDK's
 * HttpClient (HTTP/1.1 and 2, TLS, redirects). Failed attempts are retried with exponential backoff.
 */
public final class UrlFetcher {
    private final URI url;
    private final HttpClient client;
    private final Duration timeout;
    private final int attempts;
    private final Duration firstBackoff;
    private String etag;
    private String lastModified;

    public UrlFetcher(URI url, Duration timeout, int attempts, Duration firstBackoff) {
        this.url = url;
        this.timeout = timeout;
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public UrlFetcher(URI url) {
        this(url, Duration.ofSeconds(60), 4, Duration.ofSeconds(2));
    }

    /**
     * Fetches the dump into {@code target} if it changed since the last fetch.
     *
     * @return true if a new body was saved, false if the mirror answered 304 Not Modified
     * @throws IOException once every attempt failed, with the last failure as a one-line message
     */
    public boolean fetchIfChanged(Path target) throws IOException, InterruptedException {
        IOException last = null;
        Duration backoff = firstBackoff;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return fetchOnce(target);
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
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        HttpResponse<Path> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofFile(partial));
        } catch (IOException e) {
            // A connection lost mid-body (or a body shorter than its Content-Length) fails here, after
            // ofFile() has written part of it: do not leave the partial download behind.
            Files.deleteIfExists(partial);
            throw e;
        }
        int status = response.statusCode();
        if (status == 304) {
            Files.deleteIfExists(partial);
            return false;
        }
        if (status != 200) {
            Files.deleteIfExists(partial);
            throw new IOException("HTTP " + status);
        }
        Optional<String> length = response.headers().firstValue("Content-Length");
        if (length.isPresent() && Long.parseLong(length.get()) != Files.size(partial)) {
            Files.deleteIfExists(partial);
            throw new IOException("body cut short: " + Files.size(partial) + " of " + length.get() + " bytes");
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        etag = response.headers().firstValue("ETag").orElse(null);
        lastModified = response.headers().firstValue("Last-Modified").orElse(null);
        return true;
    }
}
