package io.github.blockwatch.bench.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One listing endpoint ({@code /api/ranges?within=…}, {@code /api/ranges/recent}) asked again and again by a
 * one-thread blocking client (HttpURLConnection, kept alive), as {@link HttpLookups#sequentialBlocking}
 * asks {@code /api/ip}. Every answer must be 200 with at least one range: an empty page would time nothing.
 */
final class HttpListings {
    private final String url;

    HttpListings(String apiUrl, String pathAndQuery) {
        this.url = apiUrl + pathAndQuery;
    }

    /** Sends {@code requests} GETs one at a time, recording the latency of each; returns requests/s. */
    double sequential(int requests, Latencies latencies) throws IOException {
        long first = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            long started = System.nanoTime();
            get();
            latencies.recordNanos(System.nanoTime() - started);
        }
        return requests / ((System.nanoTime() - first) / 1e9);
    }

    private void get() throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        int status = connection.getResponseCode();
        String body;
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8); // read to the end: the connection is reused
        }
        if (status != 200 || !body.contains("\"cidr\"")) {
            throw new IllegalStateException("GET " + url + ": " + status + " " + body);
        }
    }
}
