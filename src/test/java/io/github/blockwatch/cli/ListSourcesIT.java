package io.github.blockwatch.cli;

import static io.github.blockwatch.kafka.CommittedRecords.endOffsets;
import static io.github.blockwatch.kafka.CommittedRecords.readAll;
import static io.github.blockwatch.kafka.CommittedRecords.readTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.blockwatch.avro.DeadLetter;
import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.broker.BrokerWithTopics;
import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.kafka.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain lists and the rublacklist API as live sources of {@code ingest --url}: a local JDK HttpServer serves
 * real antifilter lists (data/antifilter) the way antifilter.download does (Last-Modified, ETag, 304 to a
 * conditional GET), and a JSON array of addresses the way reestr.rublacklist.net/api/v3/ips/ does; a real
 * broker is behind ingest.
 */
class ListSourcesIT {
    private static final Path DAYS = Path.of("data/antifilter");
    private static final String LAST_MODIFIED = "Mon, 29 Jul 2024 00:33:55 GMT";
    private static final String ETAG = "\"ipsum-2024-07-29\"";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path work;

    private static EmbeddedBroker broker;
    private static HttpServer server;
    private static byte[] ipsum0729;
    private static byte[] ipsum0730;
    private static byte[] ipsJson;
    /** "If-None-Match | If-Modified-Since" of each request for /list/ipsum.lst, "-" for a header not sent. */
    private static final List<String> conditions = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        broker = BrokerWithTopics.start(work.resolve("broker"));
        ipsum0729 = gunzip(DAYS.resolve("2024-07-29/ipsum.lst.gz"));
        ipsum0730 = gunzip(DAYS.resolve("2024-07-30/ipsum.lst.gz"));
        // reestr.rublacklist.net's addresses are not bundled: a real list in the API's form, plus one element
        // that is no address, as a changed API might send.
        String community = new String(gunzip(DAYS.resolve("2024-07-17/community.lst.gz")), StandardCharsets.UTF_8);
        ipsJson = community.lines().filter(l -> !l.isBlank()).map(l -> "\"" + l + "\"")
                .collect(Collectors.joining(", ", "[", ", \"not-an-ip\"]")).getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/list/ipsum.lst", ListSourcesIT::serveIpsum);
        server.createContext("/undated/ipsum.lst", exchange -> send(exchange, "text/plain", ipsum0730));
        server.createContext("/api/v3/ips/", exchange -> send(exchange, "application/json", ipsJson));
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldPollAListDatedByLastModifiedAndPublishNothingOn304() throws Exception {
        String url = url("/list/ipsum.lst");
        BackgroundCliRun poll = BackgroundCliRun.start("it-ingest-list", "ingest", "--bootstrap", broker.bootstrapServers(),
                "--source", "antifilter-ipsum", "--url", url, "--every", "1s", "--force", "--accept-shrink", "--no-progress");
        Map<TopicPartition, Long> afterFirst;
        try {
            await().atMost(TIMEOUT).until(() -> poll.out().contains("rows read"));
            afterFirst = endOffsetsOfIngestTopics();
            await().atMost(TIMEOUT).until(() -> poll.out().contains("HTTP 304"));
        } finally {
            poll.stop(TIMEOUT);
        }

        assertThat(poll.err()).isEmpty();
        List<String> lines = poll.out().lines().toList();
        assertThat(lines.get(0)).startsWith("[antifilter-ipsum] " + url + " (registry time 2024-07-29T00:33:55Z): rows read 10,434 = accepted 10,434 + rejected 0");
        assertThat(lines.get(1)).isEqualTo(url + ": not modified since the last fetch (HTTP 304); nothing published");
        assertThat(conditions.subList(0, 2)).containsExactly("- | -", ETAG + " | " + LAST_MODIFIED);
        assertThat(endOffsetsOfIngestTopics()).isEqualTo(afterFirst);
        DumpRecord record = dumpRecordOf(url);
        assertThat(record.getDump().getRegistryTime()).isEqualTo(Instant.parse("2024-07-29T00:33:55Z"));
        assertThat(record.getDump().getFormat()).isEqualTo("list");
        assertThat(record.getEntries()).isEqualTo(10_434L);
        assertThat(record.getDump().getSourceName()).isEqualTo("antifilter-ipsum");
        assertThat(record.getDump().getId()).startsWith("antifilter-ipsum/2024-07-29T00:33:55Z/");
    }

    @Test
    void shouldDateAListWithoutLastModifiedByItsFetch() {
        String url = url("/undated/ipsum.lst");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        CliRun run = CliRun.of("ingest", "--bootstrap", broker.bootstrapServers(), "--url", url, "--force", "--accept-shrink", "--no-progress");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).singleElement().asString().contains("rows read 10,410 = accepted 10,410 + rejected 0");
        assertThat(dumpRecordOf(url).getDump().getRegistryTime()).isBetween(before, Instant.now());
    }

    @Test
    void shouldReadTheRublacklistApiAsAListAndSendAnElementThatIsNoAddressToTheDlq() {
        String url = url("/api/v3/ips/");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        CliRun run = CliRun.of("ingest", "--bootstrap", broker.bootstrapServers(), "--source", "rublacklist", "--url", url,
                "--force", "--accept-shrink", "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(IngestCommand.ROWS_REJECTED);
        assertThat(run.outLines()).singleElement().asString().contains("rows read 665 = accepted 664 + rejected 1");
        DumpRecord record = dumpRecordOf(url);
        assertThat(record.getDump().getFormat()).isEqualTo("list");
        assertThat(record.getDump().getSourceName()).isEqualTo("rublacklist");
        assertThat(record.getDump().getRegistryTime()).isBetween(before, Instant.now());
        List<DeadLetter> letters = readAll(broker.bootstrapServers(), Topics.DLQ).stream().map(r -> r.value())
                .filter(l -> l.getSource().equals(url)).toList();
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.getLine()).isEqualTo(665L);
            assertThat(letter.getRaw()).isEqualTo("not-an-ip");
            assertThat(letter.getDumpId()).isEqualTo(record.getDump().getId());
        });
    }

    private static void serveIpsum(HttpExchange exchange) throws IOException {
        String etag = exchange.getRequestHeaders().getFirst("If-None-Match");
        String since = exchange.getRequestHeaders().getFirst("If-Modified-Since");
        conditions.add((etag == null ? "-" : etag) + " | " + (since == null ? "-" : since));
        exchange.getResponseHeaders().set("ETag", ETAG);
        exchange.getResponseHeaders().set("Last-Modified", LAST_MODIFIED);
        if (ETAG.equals(etag) || LAST_MODIFIED.equals(since)) {
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        send(exchange, "text/plain", ipsum0729);
    }

    private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        exchange.close();
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static DumpRecord dumpRecordOf(String source) {
        List<DumpRecord> records = readTable(broker.bootstrapServers(), Topics.REGISTRY_DUMPS).values().stream()
                .filter(d -> d.getDump().getSource().equals(source)).toList();
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static Map<TopicPartition, Long> endOffsetsOfIngestTopics() {
        return endOffsets(broker.bootstrapServers(),
                List.of(Topics.REGISTRY_EVENTS, Topics.REGISTRY_ENTRIES, Topics.REGISTRY_DUMPS, Topics.DLQ));
    }
}
