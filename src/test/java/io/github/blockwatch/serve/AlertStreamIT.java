package io.github.blockwatch.serve;

import io.github.blockwatch.alerts.AlertJsonSchema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blockwatch.app.RunningPipeline;
import io.github.blockwatch.ingest.Ingestor;
import io.github.blockwatch.ingest.ShrinkPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/alerts/stream} on a real broker while the bundled dumps are ingested (issue 16 item 4, issue 19
 * item 5): any client gets the stream (the README's {@code curl -sN}, with no {@code Accept} header); every
 * alert event carries its position in the history as {@code id}; a client that was away while a dump raised
 * alerts reconnects with {@code Last-Event-ID} and receives exactly the ones it missed, in order, then the
 * live ones; clients that leave release their connections without waiting for an alert; one stream more
 * than the cap is answered 503.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertStreamIT {
    private static final Duration STREAMS_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    @AutoClose
    private static RunningPipeline pipeline;
    private static ApiClient api;

    @BeforeAll
    static void serve() throws IOException {
        pipeline = RunningPipeline.startServing(work, "alert-stream-it");
        api = new ApiClient(pipeline.server().port());
    }

    @Test
    @Order(1)
    void shouldStreamToCurlWithoutAnAcceptHeader() throws Exception {
        Path out = work.resolve("curl.out");
        // The README's command, as written but for the port.
        Process curl = new ProcessBuilder("curl", "-sN", "localhost:" + pipeline.server().port() + "/api/alerts/stream")
                .redirectOutput(out.toFile()).redirectErrorStream(true).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(out).startsWith(": connected"));
        } finally {
            curl.destroy();
            curl.waitFor(10, TimeUnit.SECONDS);
        }
        // The server learns that curl left when a write fails: the first heartbeat's write (15 s) may still
        // land in the socket's buffer, the second one fails.
        await().atMost(Duration.ofSeconds(2 * 15 + 15)).until(() -> pipeline.server().openStreams() == 0);
    }

    @Test
    @Order(2)
    void shouldSendAReconnectingClientExactlyTheAlertsItMissedInOrderThenTheLiveOnes() throws Exception {
        ingest(Path.of("data/zi-2017-07-01.csv.gz")); // no alert: nothing of /16 or more yet
        awaitApplied(1);
        int before2018 = historyIdsOldestFirst().size();
        List<SseClientForTest.Event> seen;
        try (SseClientForTest a = SseClientForTest.connect(api.http(), api.uri("/api/alerts/stream"), null)) {
            assertThat(a.response().statusCode()).isEqualTo(200);
            assertThat(a.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("text/event-stream"));
            await().atMost(Duration.ofSeconds(30)).until(() -> a.comments().contains("connected"));
            ingest(Path.of("data/zi-2018-05-05.csv.gz"));
            awaitApplied(2);
            await().atMost(STREAMS_TIMEOUT).until(() -> a.events().stream().anyMatch(e -> e.data().contains("34.192.0.0/10")));
            awaitAllOfTheHistory(a, before2018);
            seen = a.events();
        }
        assertThat(seen.size()).as("the 2018 dump raises alerts").isGreaterThan(1);
        assertThat(seen).extracting(SseClientForTest.Event::type).containsOnly("alert");
        seen.forEach(event -> AlertJsonSchema.assertValid(event.data()));
        assertThat(seen).extracting(SseClientForTest.Event::id).containsExactlyElementsOf(
                LongStream.rangeClosed(before2018 + 1, before2018 + seen.size()).mapToObj(Long::toString).toList());
        long lastSeenByA = Long.parseLong(seen.get(seen.size() - 1).id());

        // B lost the last 2018 alert: it gets it at once, then stays for the live ones.
        try (SseClientForTest b = SseClientForTest.connect(api.http(), api.uri("/api/alerts/stream"),
                Long.toString(lastSeenByA - 1))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> b.events().size() == 1);
            assertThat(b.events().get(0)).isEqualTo(seen.get(seen.size() - 1));

            // A is away while the 2020 dump raises its alerts; B is there.
            ingest(Path.of("data/zi-2020-01-26.csv.gz"));
            awaitApplied(3);
            await().atMost(STREAMS_TIMEOUT).until(() -> b.events().stream()
                    .anyMatch(e -> e.data().contains("\"UNBLOCKED\"") && e.data().contains("34.192.0.0/10")));
            awaitAllOfTheHistory(b, (int) lastSeenByA - 1);

            // A comes back with the last id it saw: exactly what it missed, in order.
            try (SseClientForTest back = SseClientForTest.connect(api.http(), api.uri("/api/alerts/stream"),
                    Long.toString(lastSeenByA))) {
                awaitAllOfTheHistory(back, (int) lastSeenByA);
                assertThat(back.events()).isNotEmpty();
                assertThat(back.events()).isEqualTo(b.events().subList(1, b.events().size()));
                assertThat(back.events()).extracting(SseClientForTest.Event::id).containsExactlyElementsOf(
                        LongStream.rangeClosed(lastSeenByA + 1, lastSeenByA + back.events().size())
                                .mapToObj(Long::toString).toList());
            }
        }
    }

    @Test
    @Order(3)
    void shouldReleaseTheConnectionsOfClientsThatLeaveAndCapOpenStreams() throws Exception {
        ServeOptions options = ServeOptions.defaults().withHeartbeat(Duration.ofMillis(200)).withMaxStreams(50);
        try (ApiServer server = ApiServer.start(pipeline.clients(), pipeline.app().streams(),
                new HttpEndpoint("127.0.0.1", 0).resolve(), true, null, options)) {
            int port = server.port();
            long baseline = openDescriptors();
            // Open, read the first comment, leave: no alert comes meanwhile (all three dumps are applied). A
            // client that leaves is found at the next heartbeat and its place freed: in rounds of as many
            // clients as the cap allows, every one of 1,000 is let in, because the round before has left.
            int opened = 0;
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < 50; i++) {
                    try (Socket socket = openStream(port)) {
                        if (readStatusThenUntil(socket.getInputStream(), ": connected") == 200) {
                            opened++;
                        }
                    }
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> server.openStreams() == 0);
            }
            assertThat(opened).isEqualTo(1000);
            await().atMost(Duration.ofSeconds(30)).until(() -> openDescriptors() <= baseline + 50);

            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    Socket socket = openStream(port);
                    held.add(socket);
                    assertThat(readStatusThenUntil(socket.getInputStream(), ": connected")).isEqualTo(200);
                }
                RawHttp.Response refused = RawHttp.get(port, "/api/alerts/stream", "localhost");
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.header("Retry-After")).isNotBlank();
                assertThat(refused.json().path("error").asText()).contains("50 alert streams");
                readStatusThenUntil(held.get(0).getInputStream(), ": heartbeat");
            } finally {
                for (Socket socket : held) {
                    socket.close();
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> server.openStreams() == 0);
            assertThat(RawHttp.get(port, "/api/stats", "localhost").status()).isEqualTo(200);
        }
    }

    private static void ingest(Path dump) throws Exception {
        // The 2020 mirror file is cut to 41 rows: applied knowingly (DUMP_SHRANK is still raised).
        try (Ingestor ingestor = Ingestor.open(pipeline.clients(), ShrinkPolicy.accepting())) {
            ingestor.ingest(dump);
        }
    }

    private static void awaitApplied(int dumps) {
        await().atMost(STREAMS_TIMEOUT).ignoreExceptions().until(() -> api.json("/api/stats").path("series").size() == dumps);
    }

    /**
     * Waits until {@code client} has received, as events, exactly the alerts of the history after the first
     * {@code after}, in order (the history and the stream both end at the last alert committed).
     */
    private static void awaitAllOfTheHistory(SseClientForTest client, int after) {
        await().atMost(STREAMS_TIMEOUT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<String> history = historyIdsOldestFirst();
            assertThat(history.size()).isGreaterThan(after);
            assertThat(client.events()).extracting(e -> alertId(e.data())).isEqualTo(history.subList(after, history.size()));
        });
    }

    private static List<String> historyIdsOldestFirst() {
        List<String> ids = new ArrayList<>(StreamSupport.stream(
                api.json("/api/alerts?limit=1000").path("alerts").spliterator(), false).map(a -> a.path("id").asText()).toList());
        java.util.Collections.reverse(ids);
        return ids;
    }

    private static String alertId(String data) {
        try {
            JsonNode alert = JSON.readTree(data);
            return alert.path("id").asText();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + data, e);
        }
    }

    private static Socket openStream(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(("GET /api/alerts/stream HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    /**
     * Reads the status line, then, for a 200, up to {@code marker}; returns the status. (A status already
     * read is not read again: {@code marker} is then looked for in what follows.)
     */
    private static int readStatusThenUntil(InputStream in, String marker) throws IOException {
        StringBuilder read = new StringBuilder();
        int status = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (status > 0 && status != 200) {
                    return status;
                }
                throw new AssertionError("stream ended before '" + marker + "': " + read);
            }
            read.append((char) b);
            if (status < 0 && read.length() >= 12 && read.toString().startsWith("HTTP/")) {
                status = Integer.parseInt(read.substring(9, 12));
            }
            if (status > 0 && status != 200 && read.indexOf("\r\n\r\n") >= 0) {
                return status;
            }
            if (read.indexOf(marker) >= 0) {
                return status < 0 ? 200 : status;
            }
        }
    }

    /** Open file descriptors of this JVM (the server runs in it). */
    private static long openDescriptors() throws IOException {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
