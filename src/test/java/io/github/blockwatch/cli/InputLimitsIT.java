package io.github.blockwatch.cli;

import static io.github.blockwatch.kafka.CommittedRecords.endOffsets;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.blockwatch.broker.BrokerWithTopics;
import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.kafka.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each limit on what a feed may send, through {@code blockwatch ingest} on a real broker, against a mirror
 * (the JDK's HttpServer on 127.0.0.1) that misbehaves on purpose: an endless body, a body at a trickle, a
 * gzip bomb, a redirect loop; and dump.xml values past their limit. Each ends with one line naming the
 * limit's flag, exit code 1, quickly, not retried, and nothing published.
 */
class InputLimitsIT {
    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final String ERROR = "blockwatch ingest: error: ";

    @TempDir
    static Path work;

    @AutoClose
    private static EmbeddedBroker broker;
    private static HttpServer mirror;
    private static byte[] bomb;
    private static final AtomicInteger endlessRequests = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        broker = BrokerWithTopics.start(work.resolve("broker"));
        // A dump.csv of 256 MiB (one row again and again), about 1 MiB gzipped.
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write("Updated: 2021-03-01 10:00:00 +0000\n".getBytes(CP1251));
            byte[] rows = "1.1.1.1;;;суд;1;2021-01-01\n".repeat(40_000).getBytes(CP1251);
            for (long written = 0; written < 256L << 20; written += rows.length) {
                out.write(rows);
            }
        }
        bomb = gz.toByteArray();
        mirror = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mirror.createContext("/endless", exchange -> {
            endlessRequests.incrementAndGet();
            streamForever(exchange, 64 * 1024, 0);
        });
        mirror.createContext("/trickle", exchange -> streamForever(exchange, 1, 200));
        mirror.createContext("/bomb.csv.gz", exchange -> {
            exchange.sendResponseHeaders(200, bomb.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(bomb);
            }
        });
        mirror.createContext("/loop", exchange -> {
            exchange.getResponseHeaders().set("Location", "/loop");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        mirror.setExecutor(Executors.newCachedThreadPool());
        mirror.start();
    }

    @AfterAll
    static void stop() {
        if (mirror != null) {
            mirror.stop(0);
        }
    }

    /** A body that never ends: {@code chunk} bytes every {@code pauseMs}, until the client hangs up. */
    private static void streamForever(HttpExchange exchange, int chunk, long pauseMs) throws IOException {
        exchange.sendResponseHeaders(200, 0); // chunked: no length announced
        try (OutputStream body = exchange.getResponseBody()) {
            byte[] bytes = "1.2.3.4\n".repeat(chunk / 8 + 1).substring(0, chunk).getBytes(CP1251);
            while (true) {
                body.write(bytes);
                body.flush();
                if (pauseMs > 0) {
                    Thread.sleep(pauseMs);
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client hung up: what the test wants
        }
    }

    @Test
    void shouldCutAnEndlessBodyAtTheDownloadLimitWithoutRetrying() {
        String url = mirrorUrl("/endless");
        int before = endlessRequests.get();

        assertRefused(url + ": body larger than 8 MiB (--max-download-size); refused",
                "--url", url, "--max-download-size", "8MiB");
        assertThat(endlessRequests.get() - before).as("a limit is not retried").isEqualTo(1);
    }

    @Test
    void shouldGiveUpABodySentAtATrickle() {
        String url = mirrorUrl("/trickle");
        long started = System.nanoTime();

        CliRun run = assertRefusedLike(url + ": body not complete within 3s (--fetch-timeout) after ",
                "--url", url, "--fetch-timeout", "3s");

        assertThat(run.errLines().get(0)).endsWith(" bytes; refused");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not 170 s").isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void shouldRefuseAGzipBombOnceItPassesTheDumpSizeLimit() {
        String url = mirrorUrl("/bomb.csv.gz");

        assertRefused(url + ": larger than 16 MiB decompressed, the limit on a dump's size; refused (--max-dump-size)",
                "--url", url, "--max-dump-size", "16MiB");
    }

    @Test
    void shouldStopFollowingARedirectLoop() {
        String url = mirrorUrl("/loop");

        assertRefused(url + ": more than 5 redirects; refused", "--url", url);
    }

    @Test
    void shouldRefuseADumpXmlWithAnAttributeOverTheValueLimit() throws IOException {
        Path dump = Files.writeString(work.resolve("long-attribute.xml"), "<?xml version=\"1.0\" encoding=\"windows-1251\"?>"
                + "<reg:register updateTime=\"2021-02-01T10:00:00+03:00\" xmlns:reg=\"http://rsoc.ru\">"
                + "<content id=\"1\" hash=\"" + "A".repeat(2 * 1024 * 1024) + "\"><ip>1.2.3.4</ip></content></reg:register>", CP1251);

        CliRun run = assertRefusedLike("long-attribute.xml: dump.xml has an attribute value longer than 1 MiB at line 1, column ",
                "--force", dump.toString());

        assertThat(run.errLines().get(0)).endsWith(", the limit on one value; refused (--max-field-size)");
    }

    @Test
    void shouldRefuseAFileOrRelativeUrlBeforeConnectingToKafka() {
        for (String url : new String[] {"file:///etc/passwd", "dump.csv.gz", "ftp://mirror.example/dump.csv.gz"}) {
            // Nothing listens on port 1: checking the URL after connecting would fail differently, and slowly.
            CliRun run = CliRun.of("ingest", "--bootstrap", "127.0.0.1:1", "--no-progress", "--url", url);

            assertThat(run.exitCode()).as(url).isEqualTo(2);
            assertThat(run.errLines().get(0)).as(url)
                    .startsWith("Invalid value for option '--url': '" + url + "' is not an http or https URL");
            assertThat(run.out()).isEmpty();
        }
    }

    private static void assertRefused(String line, String... args) {
        CliRun run = assertRefusedLike(line, args);
        assertThat(run.errLines()).containsExactly(ERROR + line);
    }

    /** Exit code 1, one line on stderr starting as given, nothing on stdout, nothing published. */
    private static CliRun assertRefusedLike(String start, String... args) {
        Map<TopicPartition, Long> before = endOffsets(broker.bootstrapServers(), Topics.ALL);
        String[] all = new String[args.length + 4];
        all[0] = "ingest";
        all[1] = "--bootstrap";
        all[2] = broker.bootstrapServers();
        all[3] = "--no-progress";
        System.arraycopy(args, 0, all, 4, args.length);

        CliRun run = CliRun.of(all);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString().startsWith(ERROR + start);
        assertThat(run.out()).isEmpty();
        assertThat(endOffsets(broker.bootstrapServers(), Topics.ALL)).isEqualTo(before);
        return run;
    }

    private static String mirrorUrl(String path) {
        return "http://127.0.0.1:" + mirror.getAddress().getPort() + path;
    }
}
