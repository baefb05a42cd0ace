package io.github.blockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.blockwatch.broker.BrokerWithTopics;
import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.reliability.ChildJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT, sent to a real {@code blockwatch} JVM started from the shaded jar) stops every verb at
 * once, whatever it is doing, and leaves none of its temporary files behind (the child's
 * {@code java.io.tmpdir} is a directory of the test's own). "At once" is ShutdownSignal's one-second grace
 * plus the JVM's exit; the bound here is generous for a shared machine — what it rules out is the demo that
 * went on for 74 s after Ctrl-C. The demo's Ctrl-C while serving is {@code ReadmeIT}'s, at the end of the
 * README's first command.
 */
class CtrlCIT {
    private static final Duration STOPS_WITHIN = Duration.ofSeconds(5);
    private static final Duration STARTS_WITHIN = Duration.ofMinutes(3);
    /** What the JVM reports for a process ended by SIGINT. */
    private static final int SIGINT_EXIT = 130;

    @TempDir
    static Path shared;

    @TempDir
    Path work;

    private static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() throws IOException {
        broker = BrokerWithTopics.start(shared.resolve("broker"));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldStopTheBrokerAtOnce() throws Exception {
        try (ChildJvm child = start("broker", "broker", "--port", "0", "--data-dir", work.resolve("broker-data").toString())) {
            child.awaitOutLine(STARTS_WITHIN, line -> line.startsWith("blockwatch broker: listening on"));

            assertStopsAtOnce(child);
        }
    }

    @Test
    void shouldStopRunWhileItServes() throws Exception {
        try (ChildJvm child = start("run", "run", "--bootstrap", broker.bootstrapServers(), "--http-port", "0",
                "--state-dir", work.resolve("streams").toString(), "--application-id", "ctrl-c-run")) {
            child.awaitOutLine(STARTS_WITHIN, line -> line.startsWith("blockwatch run: applying") && line.endsWith("Ctrl-C to stop"));

            assertStopsAtOnce(child);
        }
    }

    @Test
    void shouldStopIngestMidDownloadAndRemoveTheDownload() throws Exception {
        HttpServer mirror = trickling();
        try (ChildJvm child = start("ingest-url", "ingest", "--bootstrap", broker.bootstrapServers(), "--no-progress",
                "--url", "http://127.0.0.1:" + mirror.getAddress().getPort() + "/dump.csv", "--transactional-id", "ctrl-c-ingest")) {
            Awaitility.await().atMost(STARTS_WITHIN).until(() -> tempFiles().stream()
                    .anyMatch(p -> p.getFileName().toString().startsWith("blockwatch-dump-")));

            assertStopsAtOnce(child);
        } finally {
            mirror.stop(0);
        }
    }

    @Test
    void shouldStopReplayMidHistoryAndRemoveTheBundlesCopy() throws Exception {
        try (ChildJvm child = start("replay", "replay", "--bootstrap", broker.bootstrapServers(), "--no-progress", "-v",
                "--transactional-id", "ctrl-c-replay", "data/rkn-xml-2014-11-01-to-11-10.bundle")) {
            child.awaitOutLine(STARTS_WITHIN, line -> line.startsWith("dump.xml@") || line.contains("registry time 2014-11-0"));

            assertStopsAtOnce(child);
        }
    }

    @Test
    void shouldStopTheDemoWhileItStartsAndTakeAFreeHttpPortWhenItsOwnIsBusy() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int busy = taken.getLocalPort();
            try (ChildJvm child = start("demo-starting", "demo", "--port", "0", "--http-port", String.valueOf(busy))) {
                String served = child.awaitOutLine(STARTS_WITHIN, line -> line.startsWith("blockwatch demo: dashboard and API at"));

                assertThat(served).endsWith("(port " + busy + " is in use)").doesNotContain(":" + busy + "/");
                assertThat(child.outLines().get(0)).isEqualTo("blockwatch demo: starting a Kafka broker in this process ...");
                assertStopsAtOnce(child);
            }
        }
    }

    @Test
    void shouldStopTheDemoWhileItIngests() throws Exception {
        try (ChildJvm child = start("demo-ingesting", "demo", "--port", "0", "--http-port", "0")) {
            child.awaitOutLine(STARTS_WITHIN, line -> line.startsWith("INGEST zi-2017-07-01.csv.gz"));

            assertStopsAtOnce(child);
        }
    }

    private ChildJvm start(String name, String... args) throws IOException {
        Files.createDirectories(work.resolve("tmp"));
        return ChildJvm.start(work.resolve("logs"), name, "1g", List.of("-Djava.io.tmpdir=" + work.resolve("tmp")), args);
    }

    private void assertStopsAtOnce(ChildJvm child) throws Exception {
        long sent = System.nanoTime();
        child.interrupt();
        int exit = child.awaitExit(Duration.ofMinutes(2));
        Duration took = Duration.ofNanos(System.nanoTime() - sent);

        assertThat(took).as("time from SIGINT to exit; stderr: %s", child.err()).isLessThan(STOPS_WITHIN);
        assertThat(exit).isEqualTo(SIGINT_EXIT);
        assertThat(tempFiles()).as("left in java.io.tmpdir").noneMatch(p -> p.getFileName().toString().startsWith("blockwatch-"));
        // Ctrl-C is what the person asked for: no error line, no stack trace.
        assertThat(child.err()).doesNotContain("error:").doesNotContain("Exception");
    }

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(work.resolve("tmp"))) {
            return files.toList();
        }
    }

    /** A mirror that sends a dump's first line, then a byte every 100 ms of a body that never ends. */
    private static HttpServer trickling() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/dump.csv", exchange -> {
            exchange.sendResponseHeaders(200, 100_000_000);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write("Updated: 2018-05-05 13:25:00 +0000\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                body.flush();
                for (int i = 0; i < 3_000; i++) {
                    body.write('#');
                    body.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // the client went away: what the test is about
            }
        });
        server.start();
        return server;
    }
}
