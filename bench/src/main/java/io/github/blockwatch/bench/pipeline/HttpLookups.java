package io.github.blockwatch.bench.pipeline;

import io.github.blockwatch.app.TopicFollower;
import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.kafka.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code GET /api/ip/{ip}} against the running API with {@link HttpClient} (HTTP/1.1, kept alive): half
 * the addresses inside blocked IPv4 ranges (read from {@code blockwatch.blocked.ranges}), half random
 * IPv4 addresses (almost all unblocked). Every answer must be 200 and say what the table says.
 */
final class HttpLookups {
    private final String apiUrl;
    private final String[] addresses;
    private final boolean[] expectBlocked;

    private HttpLookups(String apiUrl, String[] addresses, boolean[] expectBlocked) {
        this.apiUrl = apiUrl;
        this.addresses = addresses;
        this.expectBlocked = expectBlocked;
    }

    /** {@code count} addresses (a power of two is not needed), seeded. */
    static HttpLookups sample(BenchPipeline pipeline, int count, long seed) {
        List<long[]> ranges = new ArrayList<>();
        try (TopicFollower<String, BlockedRange> table = new TopicFollower<>(pipeline.clients(), Topics.BLOCKED_RANGES, true)) {
            table.readToEnd((cidr, range) -> {
                if (range != null && range.getFamily() == 4) {
                    ranges.add(new long[] {ipv4(range.getFirstAddress()), ipv4(range.getLastAddress())});
                }
            });
        }
        if (ranges.isEmpty()) {
            throw new IllegalStateException("the table has no IPv4 ranges to look up");
        }
        SplittableRandom random = new SplittableRandom(seed);
        String[] addresses = new String[count];
        boolean[] blocked = new boolean[count];
        for (int i = 0; i < count; i++) {
            if (i % 2 == 0) {
                long[] range = ranges.get(random.nextInt(ranges.size()));
                addresses[i] = dotted(range[0] + random.nextLong(range[1] - range[0] + 1));
                blocked[i] = true;
            } else {
                addresses[i] = dotted(random.nextLong(1L << 32));
            }
        }
        return new HttpLookups(pipeline.apiUrl(), addresses, blocked);
    }

    /** One client, one request at a time: records the latency of each; returns requests/s. */
    double sequential(int requests, Latencies latencies) throws IOException, InterruptedException {
        HttpClient client = client();
        return timed(requests, latencies, i -> lookup(client, i));
    }

    /**
     * As {@link #sequential}, with the JDK's blocking {@link HttpURLConnection} (kept alive) instead of
     * {@link HttpClient}: HttpClient hands every exchange between its selector thread and a worker thread,
     * and on two cores, with the server in the same process, those hand-offs land in the timings. This is
     * the one-thread client a script or {@code curl} is.
     */
    double sequentialBlocking(int requests, Latencies latencies) throws IOException, InterruptedException {
        return timed(requests, latencies, this::blockingLookup);
    }

    /** One lookup, by its index into the sample. */
    @FunctionalInterface
    private interface Lookup {
        void send(int i) throws IOException, InterruptedException;
    }

    /** Sends {@code requests} lookups one at a time, recording the latency of each; returns requests/s. */
    private static double timed(int requests, Latencies latencies, Lookup lookup) throws IOException, InterruptedException {
        long first = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            long started = System.nanoTime();
            lookup.send(i);
            latencies.recordNanos(System.nanoTime() - started);
        }
        return requests / ((System.nanoTime() - first) / 1e9);
    }

    private void blockingLookup(int i) throws IOException {
        int k = Math.floorMod(i, addresses.length);
        HttpURLConnection connection = (HttpURLConnection) URI.create(apiUrl + "/api/ip/" + addresses[k]).toURL().openConnection();
        int status = connection.getResponseCode();
        String body;
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8); // read to the end: the connection is reused
        }
        check(k, status, body);
    }

    /** {@code clients} threads each sending {@code perClient} requests back to back; returns requests/s. */
    double throughput(int clients, int perClient) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            long started = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int offset = c * 7919;
                done.add(pool.submit(() -> {
                    HttpClient client = client();
                    for (int i = 0; i < perClient; i++) {
                        lookup(client, offset + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return clients * (double) perClient / ((System.nanoTime() - started) / 1e9);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void lookup(HttpClient client, int i) throws IOException, InterruptedException {
        int k = Math.floorMod(i, addresses.length);
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/api/ip/" + addresses[k])).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        check(k, response.statusCode(), response.body());
    }

    private void check(int k, int status, String body) {
        if (status != 200) {
            throw new IllegalStateException("GET /api/ip/" + addresses[k] + ": " + status + " " + body);
        }
        if (expectBlocked[k] && !body.contains("\"blocked\":true")) {
            throw new IllegalStateException("GET /api/ip/" + addresses[k] + " should be blocked: " + body);
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static long ipv4(String dotted) {
        long value = 0;
        for (String part : dotted.split("\\.")) {
            value = (value << 8) | Integer.parseInt(part);
        }
        return value;
    }

    private static String dotted(long address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }
}
