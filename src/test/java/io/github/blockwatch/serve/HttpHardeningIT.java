package io.github.blockwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.blockwatch.app.RunningPipeline;
import io.github.blockwatch.app.StreamsApp;
import io.github.blockwatch.ingest.Ingestor;
import io.github.blockwatch.topology.AlertRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the HTTP server answers a hostile or unlucky client (issue 19, item 7; issue 15's plain-text 404),
 * on a real broker with the 2017 mirror dump applied: every error is one line of JSON, Jetty's own
 * refusals (414, 431) included; every response carries the security headers; a {@code Host} the server
 * was not configured for is refused (DNS rebinding); a forged {@code X-Blockwatch-Forwarded} changes
 * nothing; and while a second instance joins and the group rebalances, every answer is 200 or a JSON 503
 * with {@code Retry-After}, never a 500.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpHardeningIT {
    private static final Duration STREAMS_TIMEOUT = Duration.ofMinutes(3);
    /** Every GET route, with parameters that need the table. */
    private static final List<String> ROUTES = List.of("/api/ip/52.58.0.1", "/api/ip/52.58.0.1?at=2017-07-02",
            "/api/ip/52.58.0.1/history", "/api/decisions?limit=2", "/api/decisions/by?number=27-31-2015%2F%D0%98%D0%B44082-15",
            "/api/ranges?within=52.0.0.0/8&limit=3", "/api/ranges/recent?limit=3", "/api/entries?key=x", "/api/stats",
            "/api/alerts?limit=2", "/metrics");

    @TempDir
    static Path work;

    @AutoClose
    private static RunningPipeline pipeline;
    private static int port;

    @BeforeAll
    static void serveTheFirstDump() throws Exception {
        pipeline = RunningPipeline.startServing(work, "http-hardening-it");
        port = pipeline.server().port();
        ApiClient api = new ApiClient(port);
        try (Ingestor ingestor = Ingestor.open(pipeline.clients())) {
            ingestor.ingest(Path.of("data/zi-2017-07-01.csv.gz"));
        }
        await().atMost(STREAMS_TIMEOUT).ignoreExceptions().until(() -> api.json("/api/stats").path("series").size() == 1);
    }

    @Test
    @Order(1)
    void shouldAnswerEveryErrorAsOneLineOfJson() throws Exception {
        String longPath = "/api/ip/" + "1".repeat(20_000);
        List<RawHttp.Response> errors = List.of(
                RawHttp.get(port, "/nothing-here", "localhost"),
                RawHttp.get(port, "/api/nothing-here", "localhost"),
                RawHttp.get(port, "/api/ranges?limit=0", "localhost"),
                RawHttp.get(port, longPath, "localhost"),
                RawHttp.get(port, "/api/stats", "localhost", "X-Padding: " + "x".repeat(20_000)));

        assertThat(errors).extracting(RawHttp.Response::status).containsExactly(404, 404, 400, 414, 431);
        for (RawHttp.Response error : errors) {
            assertThat(error.header("Content-Type")).as(error.body()).startsWith("application/json");
            assertThat(error.json().path("error").asText()).isNotBlank().doesNotContain("\n");
            assertThat(error.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        assertThat(errors.get(0).json().path("error").asText()).contains("/nothing-here");
    }

    @Test
    @Order(1)
    void shouldSendTheSecurityHeadersOnThePageItsFilesAndTheApi() throws Exception {
        for (String path : List.of("/", "/app.js", "/style.css", "/openapi.json", "/api/stats", "/metrics")) {
            RawHttp.Response response = RawHttp.get(port, path, "127.0.0.1:" + port);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(response.header("Content-Security-Policy")).as(path)
                    .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'");
        }
        assertThat(RawHttp.get(port, "/api/stats", "localhost").header("Cache-Control")).isEqualTo("no-store");
        assertThat(RawHttp.get(port, "/metrics", "localhost").header("Cache-Control")).isEqualTo("no-store");
        assertThat(RawHttp.get(port, "/", "localhost").header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    @Order(1)
    void shouldRefuseAHostNameItWasNotConfiguredFor() throws Exception {
        // What a page on rebind.example sends after its name was re-pointed at 127.0.0.1.
        RawHttp.Response rebound = RawHttp.get(port, "/api/stats", "rebind.example:" + port);

        assertThat(rebound.status()).isEqualTo(403);
        assertThat(rebound.json().path("error").asText()).contains("rebind.example", "--http-allowed-hosts");
        assertThat(RawHttp.get(port, "/", "rebind.example").status()).isEqualTo(403);
        assertThat(RawHttp.get(port, "/api/alerts/stream", "rebind.example").status()).isEqualTo(403);
        for (String host : List.of("localhost:" + port, "LOCALHOST", "127.0.0.1:" + port, "[::1]:" + port)) {
            assertThat(RawHttp.get(port, "/api/stats", host).status()).as(host).isEqualTo(200);
        }
    }

    @Test
    @Order(1)
    void shouldGiveAClientThatForgesTheForwardedHeaderNothingMore() throws Exception {
        for (String path : List.of("/api/ip/52.58.0.1", "/api/ranges?within=52.0.0.0/8&limit=3", "/api/stats")) {
            RawHttp.Response plain = RawHttp.get(port, path, "localhost");
            RawHttp.Response forged = RawHttp.get(port, path, "localhost", Forwarder.HEADER + ": 1");
            assertThat(forged.status()).as(path).isEqualTo(200);
            assertThat(forged.json()).as(path).isEqualTo(plain.json());
        }
    }

    @Test
    @Order(2)
    void shouldAnswerJsonOr503WhileAnotherInstanceJoinsAndTheGroupRebalances() throws Exception {
        List<String> unexpected = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        int[] answered = new int[2]; // 200s, 503s
        Thread asker = new Thread(() -> {
            while (!done.get()) {
                for (String path : ROUTES) {
                    try {
                        RawHttp.Response r = RawHttp.get(port, path, "localhost");
                        String expected = path.equals("/metrics") && r.status() == 200 ? "text/plain" : "application/json";
                        boolean json = String.valueOf(r.header("Content-Type")).startsWith(expected);
                        if (r.status() == 200 && json) {
                            answered[0]++;
                        } else if (r.status() == 503 && json && r.header("Retry-After") != null
                                && !r.json().path("error").asText().isBlank()) {
                            answered[1]++;
                        } else if (!(r.status() == 400 || r.status() == 404) || !json) {
                            synchronized (unexpected) {
                                unexpected.add(path + " -> " + r.status() + " " + r.header("Content-Type") + " " + r.body());
                            }
                        }
                    } catch (Exception e) {
                        synchronized (unexpected) {
                            unexpected.add(path + " -> " + e);
                        }
                    }
                }
            }
        }, "http-hardening-asker");
        asker.start();
        HttpEndpoint second = new HttpEndpoint("127.0.0.1", 0).resolve();
        try (StreamsApp joining = StreamsApp.start(pipeline.clients(), "http-hardening-it", work.resolve("streams-2"),
                AlertRules.defaults(), 1, second.applicationServer());
             ApiServer secondServer = ApiServer.start(pipeline.clients(), joining.streams(), second, true)) {
            ApiClient secondApi = new ApiClient(secondServer.port());
            await().atMost(STREAMS_TIMEOUT).ignoreExceptions()
                    .until(() -> secondApi.json("/api/stats").path("series").size() == 1);
        } finally {
            // The second instance leaves again: a second rebalance, asked through too.
            await().pollDelay(Duration.ofSeconds(2)).atMost(STREAMS_TIMEOUT).ignoreExceptions()
                    .until(() -> new ApiClient(port).json("/api/stats").path("series").size() == 1);
            done.set(true);
            asker.join(60_000);
        }

        assertThat(unexpected).isEmpty();
        assertThat(answered[0]).isPositive();
    }
}
