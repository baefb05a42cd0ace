package io.github.blockwatch.cli;

import static io.github.blockwatch.kafka.CommittedRecords.endOffsets;
import static io.github.blockwatch.kafka.CommittedRecords.readAll;
import static io.github.blockwatch.kafka.CommittedRecords.readTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.broker.BrokerWithTopics;
import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.ingest.UrlFetcher;
import io.github.blockwatch.kafka.Topics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where dumps come from besides files named on the command line: a watched directory and an HTTP mirror
 * (the JDK's HttpServer on 127.0.0.1 serving a real dump), with a real broker behind {@code ingest}.
 */
class SourcesIT {
    private static final Path ZI_2017 = Path.of("data/zi-2017-07-01.csv.gz");
    private static final Path ZI_2018 = Path.of("data/zi-2018-05-05.csv.gz");
    private static final String ETAG = "\"zi-2018-05-05\"";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path work;

    private static EmbeddedBroker broker;
    private static HttpServer mirror;
    private static byte[] dump2018;
    /** The If-None-Match header of every request for /dump.csv.gz, "-" when absent. */
    private static final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
    private static final AtomicInteger brokenRequests = new AtomicInteger();
    private static final AtomicInteger cutRequests = new AtomicInteger();
    /** When each request for /hang arrived (System.nanoTime). */
    private static final List<Long> hangRequests = new CopyOnWriteArrayList<>();
    private static final Duration HANG = Duration.ofSeconds(5);

    @BeforeAll
    static void start() throws IOException {
        broker = BrokerWithTopics.start(work.resolve("broker"));
        dump2018 = Files.readAllBytes(ZI_2018);
        mirror = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mirror.createContext("/dump.csv.gz", SourcesIT::serveDump);
        mirror.createContext("/broken", exchange -> {
            brokenRequests.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        mirror.createContext("/cut.csv.gz", exchange -> {
            cutRequests.incrementAndGet();
            // Promise the whole dump, send half of it, hang up.
            exchange.sendResponseHeaders(200, dump2018.length);
            OutputStream body = exchange.getResponseBody();
            body.write(dump2018, 0, dump2018.length / 2);
            body.flush();
            exchange.close();
        });
        mirror.createContext("/hang", exchange -> {
            hangRequests.add(System.nanoTime());
            // Accept the request, then say nothing for longer than the client waits.
            try {
                Thread.sleep(HANG.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        // A hanging handler must not hold up the others: one thread per exchange.
        mirror.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        mirror.start();
    }

    @AfterAll
    static void stop() {
        if (mirror != null) {
            mirror.stop(0);
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldIngestADumpCopiedIntoAWatchedDirectory() throws Exception {
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        // --force and --accept-shrink: the tests of this class may ingest their dumps in any order, and 2017 after
        // 2018 is a registry a fifth of the size.
        BackgroundCliRun watch = BackgroundCliRun.start("it-ingest-watch", "ingest", "--bootstrap", broker.bootstrapServers(),
                "--watch", inbox.toString(), "--force", "--accept-shrink", "--no-progress");
        try {
            await().atMost(TIMEOUT).until(() -> watch.out().contains("watching " + inbox));
            Files.copy(ZI_2017, inbox.resolve("zi-2017-07-01.csv.gz"));

            await().atMost(TIMEOUT).until(() -> watch.out().contains(
                    "zi-2017-07-01.csv.gz (registry time 2017-07-01T08:00:00Z): rows read 6,687 = accepted 6,686 + rejected 1"));
            DumpRecord record = dumpRecordOf("zi-2017-07-01.csv.gz");
            assertThat(record.getAccepted()).isEqualTo(6_686L);
            assertThat(readAll(broker.bootstrapServers(), Topics.REGISTRY_EVENTS))
                    .filteredOn(r -> r.value().getDump().getSource().equals("zi-2017-07-01.csv.gz"))
                    .hasSize(record.getAdded() + record.getRemoved() + record.getUpdated())
                    .isNotEmpty();
        } finally {
            watch.stop(TIMEOUT);
        }

        assertThat(watch.isAlive()).isFalse();
        assertThat(watch.exitCode()).isEqualTo(3);
        assertThat(watch.err()).isEmpty();
        assertThat(watch.out().lines().filter(line -> line.contains("rows read"))).hasSize(1);
    }

    @Test
    void shouldIngestADumpFetchedFromAUrl() {
        String url = mirrorUrl("/dump.csv.gz");

        CliRun run = CliRun.of("ingest", "--bootstrap", broker.bootstrapServers(), "--url", url, "--force",
                "--no-progress");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).singleElement().asString().startsWith(
                url + " (registry time 2018-05-05T13:25:00Z): rows read 32,797 = accepted 32,796 + rejected 1;");
        assertThat(readTable(broker.bootstrapServers(), Topics.REGISTRY_DUMPS).values())
                .filteredOn(d -> d.getDump().getSource().equals(url))
                .singleElement()
                .satisfies(d -> assertThat(d.getAccepted()).isEqualTo(32_796L));
    }

    @Test
    void shouldNotDownloadAnUnchangedDumpAgain() throws Exception {
        Path target = work.resolve("conditional.csv.gz");
        UrlFetcher fetcher = new UrlFetcher(URI.create(mirrorUrl("/dump.csv.gz")), Duration.ofSeconds(10), 1, Duration.ofMillis(10));
        int before = ifNoneMatch.size();

        assertThat(fetcher.fetchIfChanged(target)).isTrue();
        assertThat(Files.readAllBytes(target)).isEqualTo(dump2018);
        assertThat(fetcher.fetchIfChanged(target)).isFalse();

        assertThat(ifNoneMatch.subList(before, ifNoneMatch.size())).containsExactly("-", ETAG);
        assertThat(Files.readAllBytes(target)).isEqualTo(dump2018);
        assertThat(target.resolveSibling("conditional.csv.gz.part")).doesNotExist();
    }

    @Test
    void shouldGiveUpAfterRetriesWhenTheMirrorFails() {
        Path target = work.resolve("broken.csv.gz");
        URI url = URI.create(mirrorUrl("/broken"));
        UrlFetcher fetcher = new UrlFetcher(url, Duration.ofSeconds(2), 3, Duration.ofMillis(10));

        assertThatThrownBy(() -> fetcher.fetchIfChanged(target))
                .isInstanceOf(IOException.class)
                .hasMessage(url + ": 3 attempts failed, last: HTTP 500");
        assertThat(brokenRequests.get()).isEqualTo(3);
        assertThat(target).doesNotExist();
        assertThat(target.resolveSibling("broken.csv.gz.part")).doesNotExist();
    }

    @Test
    void shouldFailIngestFromABrokenMirrorWithOneLineAndPublishNothing() {
        Map<TopicPartition, Long> before = endOffsetsOfIngestTopics();
        String url = mirrorUrl("/cut.csv.gz");

        CliRun run = CliRun.of("ingest", "--bootstrap", broker.bootstrapServers(), "--url", url, "--no-progress");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("blockwatch ingest: error: " + url + ": 4 attempts failed, last: ");
        assertThat(run.out()).isEmpty();
        assertThat(endOffsetsOfIngestTopics()).isEqualTo(before);
    }

    @Test
    void shouldRefuseABodyCutShort() {
        Path target = work.resolve("cut.csv.gz");
        int before = cutRequests.get();
        UrlFetcher fetcher = new UrlFetcher(URI.create(mirrorUrl("/cut.csv.gz")), Duration.ofSeconds(5), 2, Duration.ofMillis(10));

        assertThatThrownBy(() -> fetcher.fetchIfChanged(target)).isInstanceOf(IOException.class)
                .hasMessageContaining("2 attempts failed");
        assertThat(cutRequests.get() - before).isEqualTo(2);
        assertThat(target).doesNotExist();
        assertThat(target.resolveSibling("cut.csv.gz.part")).doesNotExist();
    }

    @Test
    void shouldTimeOutAHangingMirrorAndRetryWithGrowingBackoff() {
        Path target = work.resolve("hang.csv.gz");
        URI url = URI.create(mirrorUrl("/hang"));
        Duration timeout = Duration.ofMillis(500);
        Duration backoff = Duration.ofMillis(300);
        UrlFetcher fetcher = new UrlFetcher(url, timeout, 3, backoff);

        assertThatThrownBy(() -> fetcher.fetchIfChanged(target))
                .isInstanceOf(IOException.class)
                .hasMessage(url + ": 3 attempts failed, last: request timed out");

        assertThat(hangRequests).hasSize(3);
        // attempt, timeout, backoff, attempt, timeout, 2 x backoff, attempt (the client's timer and the
        // server's clock differ by a few milliseconds: 50 ms of slack)
        long firstGap = Duration.ofNanos(hangRequests.get(1) - hangRequests.get(0)).toMillis();
        long secondGap = Duration.ofNanos(hangRequests.get(2) - hangRequests.get(1)).toMillis();
        assertThat(firstGap).isGreaterThanOrEqualTo(timeout.plus(backoff).toMillis() - 50).isLessThan(HANG.toMillis());
        assertThat(secondGap - firstGap).as("the backoff doubles").isGreaterThanOrEqualTo(backoff.toMillis() - 50);
        assertThat(secondGap).isLessThan(HANG.toMillis());
        assertThat(target).doesNotExist();
        assertThat(target.resolveSibling("hang.csv.gz.part")).doesNotExist();
    }

    private static void serveDump(HttpExchange exchange) throws IOException {
        String condition = exchange.getRequestHeaders().getFirst("If-None-Match");
        ifNoneMatch.add(condition == null ? "-" : condition);
        exchange.getResponseHeaders().set("ETag", ETAG);
        if (ETAG.equals(condition)) {
            exchange.sendResponseHeaders(304, -1);
        } else {
            exchange.sendResponseHeaders(200, dump2018.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(dump2018);
            }
        }
        exchange.close();
    }

    private static String mirrorUrl(String path) {
        return "http://127.0.0.1:" + mirror.getAddress().getPort() + path;
    }

    private static DumpRecord dumpRecordOf(String source) {
        List<DumpRecord> records = readTable(broker.bootstrapServers(), Topics.REGISTRY_DUMPS).values().stream()
                .filter(d -> d.getDump().getSource().equals(source))
                .toList();
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static Map<TopicPartition, Long> endOffsetsOfIngestTopics() {
        return endOffsets(broker.bootstrapServers(),
                List.of(Topics.REGISTRY_EVENTS, Topics.REGISTRY_ENTRIES, Topics.REGISTRY_DUMPS, Topics.DLQ));
    }
}
