package io.github.blockwatch.ingest;

import io.github.blockwatch.alerts.AlertJsonSchema;
import io.github.blockwatch.app.RunningPipeline;
import static io.github.blockwatch.kafka.CommittedRecords.endOffsets;
import static io.github.blockwatch.kafka.CommittedRecords.readAll;
import static io.github.blockwatch.kafka.CommittedRecords.readTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.blockwatch.app.StreamsApp;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DeadLetter;
import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.EventType;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.Dumps;
import io.github.blockwatch.registry.ParsedRow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest on a real embedded broker with the Streams application running: the 2017 and 2018 mirror dumps are
 * ingested once for the class, then checked topic by topic. The later tests (ordered) change the state on
 * purpose: a repeat, an aborted transaction, a second machine ingesting 2020, an old dump, a fenced ingest.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestIT {
    private static final Path ZI_2017 = Path.of("data/zi-2017-07-01.csv.gz");
    private static final Path ZI_2018 = Path.of("data/zi-2018-05-05.csv.gz");
    private static final Path ZI_2020 = Path.of("data/zi-2020-01-26.csv.gz");
    private static final Path XML_2014 = Path.of("src/test/resources/rkn-xml/dump-2014-10-31T2305.xml.gz");
    private static final Decision AWS_DECISION = new Decision("Генпрокуратура", "27-31-2015/Ид4082-15", "2015-12-04");
    private static final Duration STREAMS_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    static Path work;

    @AutoClose
    private static RunningPipeline pipeline;
    private static EmbeddedBroker broker;
    private static StreamsApp app;
    private static ClientSettings clients;
    private static IngestOutcome zi2017;
    private static IngestOutcome zi2018;

    @BeforeAll
    static void ingestTwoRealDumps() throws Exception {
        // Starting the application creates the topics, as 'blockwatch run' does before the first ingest.
        pipeline = RunningPipeline.start(work, "ingest-it");
        broker = pipeline.broker();
        clients = pipeline.clients();
        app = pipeline.app();
        try (Ingestor ingestor = Ingestor.open(clients)) {
            zi2017 = ingestor.ingest(ZI_2017);
            zi2018 = ingestor.ingest(ZI_2018);
        }
    }

    @Test
    @Order(1)
    void shouldAccountForEveryRowOfBothDumps() {
        assertThat(zi2017.published()).isTrue();
        assertThat(List.of(zi2017.rowsRead(), zi2017.accepted(), zi2017.rejected(), zi2017.entries()))
                .containsExactly(6_687L, 6_686L, 1L, 6_686L);
        // The first dump meets an empty registry: everything is new.
        assertThat(List.of(zi2017.added(), zi2017.removed(), zi2017.updated())).containsExactly(6_686, 0, 0);

        assertThat(zi2018.published()).isTrue();
        assertThat(List.of(zi2018.rowsRead(), zi2018.accepted(), zi2018.rejected(), zi2018.entries()))
                .containsExactly(32_797L, 32_796L, 1L, 32_796L);
        assertThat(zi2018.added()).isPositive();
        assertThat(zi2018.removed()).isPositive();
        assertThat(zi2017.entries() - zi2018.removed() + zi2018.added()).isEqualTo(zi2018.entries());
        assertThat(zi2018.dumpId()).startsWith("2018-05-05T13:25:00Z/");
        assertThat(zi2017.dumpId()).startsWith("2017-07-01T08:00:00Z/");
    }

    @Test
    @Order(2)
    void shouldPublishExactlyTheEventsTheOutcomesReport() {
        List<ConsumerRecord<String, RegistryEvent>> events = readAll(broker.bootstrapServers(), Topics.REGISTRY_EVENTS);

        assertThat(countByDumpAndType(events)).isEqualTo(Map.of(
                zi2017.dumpId(), Map.of(EventType.ADDED, (long) zi2017.added()),
                zi2018.dumpId(), nonZero(zi2018.added(), zi2018.removed(), zi2018.updated())));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.key()).isEqualTo(e.value().getKey());
            assertThat(e.value().getDumpEventCount()).isEqualTo(eventCount(e.value().getDump().getId()));
        });
        // Each dump names the one before it, so the table can apply them in order across partitions.
        assertThat(events).filteredOn(e -> e.value().getDump().getId().equals(zi2017.dumpId()))
                .allSatisfy(e -> assertThat(e.value().getFollows()).isNull());
        assertThat(events).filteredOn(e -> e.value().getDump().getId().equals(zi2018.dumpId()))
                .allSatisfy(e -> assertThat(e.value().getFollows()).isEqualTo(zi2017.dumpId()));
        // The entries table now holds exactly the 2018 registry.
        assertThat(readTable(broker.bootstrapServers(), Topics.REGISTRY_ENTRIES)).hasSize(32_796);
    }

    @Test
    @Order(3)
    void shouldSendTheCutOffRowOfEachDumpToTheDlq() throws IOException {
        List<ConsumerRecord<String, DeadLetter>> dlq = readAll(broker.bootstrapServers(), Topics.DLQ);

        assertThat(dlq).hasSize(2);
        Map<String, DeadLetter> bySource = dlq.stream()
                .collect(Collectors.toMap(r -> r.value().getSource(), ConsumerRecord::value));
        // The Updated: line, then every accepted row, then the cut one.
        assertDeadLetter(bySource.get("zi-2017-07-01.csv.gz"), ZI_2017, 6_688, zi2017.dumpId());
        assertDeadLetter(bySource.get("zi-2018-05-05.csv.gz"), ZI_2018, 32_798, zi2018.dumpId());
        assertThat(dlq).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("zi-2017-07-01.csv.gz:6688", "zi-2018-05-05.csv.gz:32798");
    }

    @Test
    @Order(4)
    void shouldRecordOneDumpRecordPerDump() {
        Map<String, DumpRecord> dumps = readTable(broker.bootstrapServers(), Topics.REGISTRY_DUMPS);

        assertThat(dumps).containsOnlyKeys(zi2017.dumpId(), zi2018.dumpId());
        DumpRecord record = dumps.get(zi2018.dumpId());
        assertThat(List.of(record.getRowsRead(), record.getAccepted(), record.getRejected(), record.getEntries()))
                .containsExactly(32_797L, 32_796L, 1L, 32_796L);
        assertThat(List.of(record.getAdded(), record.getRemoved(), record.getUpdated()))
                .containsExactly(zi2018.added(), zi2018.removed(), zi2018.updated());
        assertThat(record.getDump().getSource()).isEqualTo("zi-2018-05-05.csv.gz");
        assertThat(record.getDump().getFormat()).isEqualTo("csv");
        assertThat(record.getDigest()).hasSize(64).startsWith(zi2018.dumpId().substring(zi2018.dumpId().indexOf('/') + 1));
    }

    @Test
    @Order(5)
    void shouldPublishTheStatsOfEachDump() {
        Map<String, DumpStats> stats = awaitStatsOf(zi2018.dumpId());

        assertThat(stats).containsKeys(zi2017.dumpId(), zi2018.dumpId());
        // 'iprange -C' over the first field of the well-formed rows of each dump.
        assertThat(stats.get(zi2017.dumpId()).getDistinctIpv4()).isEqualTo(27_019L);
        assertThat(stats.get(zi2018.dumpId()).getDistinctIpv4()).isEqualTo(14_692_449L);
        assertThat(stats.get(zi2018.dumpId()).getEntries()).isEqualTo(32_796L);
        assertThat(List.of(stats.get(zi2018.dumpId()).getAdded(), stats.get(zi2018.dumpId()).getRemoved(),
                stats.get(zi2018.dumpId()).getUpdated()))
                .containsExactly(zi2018.added(), zi2018.removed(), zi2018.updated());
    }

    @Test
    @Order(6)
    void shouldKeepTheBlockedTableOfTheNewestDump() {
        awaitStatsOf(zi2018.dumpId());
        Map<String, BlockedRange> table = readTable(broker.bootstrapServers(), Topics.BLOCKED_RANGES);

        assertThat(table).containsKeys("52.58.0.0/15", "34.192.0.0/10");
        assertThat(table.get("52.58.0.0/15").getDecisions()).contains(AWS_DECISION);
        assertThat(table.get("34.192.0.0/10").getDecisions()).contains(AWS_DECISION);
        assertThat(table.get("34.192.0.0/10").getAddressCount().longValueExact()).isEqualTo(1L << 22);
        assertThat(table.get("34.192.0.0/10").getFirstBlockedDump()).isEqualTo(zi2018.dumpId());
        assertThat(table).hasSize(36_504); // distinct ranges of the 2018 dump ('blockwatch count')
    }

    @Test
    @Order(7)
    void shouldRaiseLargeRangeAlertsAsAvroAndJson() {
        awaitStatsOf(zi2018.dumpId());
        List<ConsumerRecord<String, RangeAlert>> alerts = readAll(broker.bootstrapServers(), Topics.ALERTS);
        List<ConsumerRecord<String, String>> json = readAll(broker.bootstrapServers(), Topics.ALERTS_JSON);

        assertThat(alerts)
                .filteredOn(r -> r.value().getType() == AlertType.LARGE_RANGE)
                .filteredOn(r -> r.value().getDump().getId().equals(zi2018.dumpId()))
                .filteredOn(r -> r.value().getDecisions().contains(AWS_DECISION))
                .flatExtracting(r -> r.value().getRanges())
                .contains("34.192.0.0/10", "52.64.0.0/12");
        assertThat(alerts).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getId()));
        assertThat(json).extracting(ConsumerRecord::key)
                .containsExactlyElementsOf(alerts.stream().map(ConsumerRecord::key).toList());
        assertThat(json).allSatisfy(r -> assertThat(r.value())
                .startsWith("{\"id\":\"" + r.key() + "\"").endsWith("}").doesNotContain("\n"));
        json.forEach(r -> AlertJsonSchema.assertValid(r.value()));
    }

    @Test
    @Order(8)
    void shouldPublishNothingAtAllWhenTheSameDumpComesAgain() throws Exception {
        // The Streams application writes only while it has events to apply: once the 2018 stats are out it is idle.
        awaitStatsOf(zi2018.dumpId());
        Map<TopicPartition, Long> before = endOffsets(broker.bootstrapServers(), Topics.ALL);

        IngestOutcome again;
        try (Ingestor ingestor = Ingestor.open(clients)) {
            again = ingestor.ingest(ZI_2018);
        }

        assertThat(again.published()).isFalse();
        assertThat(again.dumpId()).isEqualTo(zi2018.dumpId());
        assertThat(List.of(again.added(), again.removed(), again.updated())).containsExactly(0, 0, 0);
        assertThat(endOffsets(broker.bootstrapServers(), Topics.ALL)).isEqualTo(before).hasSize(Topics.ALL.size());
    }

    @Test
    @Order(9)
    void shouldLeaveNothingVisibleWhenADumpTransactionAborts() throws Exception {
        // A client config whose request limit is below the 2020 dump's 4 MB row: the send fails inside the
        // transaction, after other records of the dump may already be in the log.
        Path config = Files.writeString(work.resolve("small-requests.properties"), "max.request.size=1048576\n");
        ClientSettings smallRequests = ClientSettings.load(broker.bootstrapServers(), config);

        // Accepting the shrink: a held dump publishes no events, so the big row would never be sent.
        try (Ingestor ingestor = Ingestor.open(smallRequests, ShrinkPolicy.accepting())) {
            assertThatThrownBy(() -> ingestor.ingest(ZI_2020))
                    .isInstanceOf(IngestException.class)
                    .hasMessageStartingWith("publishing zi-2020-01-26.csv.gz failed, transaction aborted: RecordTooLargeException: ")
                    .hasMessageMatching(".* is [0-9,]+ bytes, over max.request.size \\(1,048,576\\)");
        }

        String bootstrap = broker.bootstrapServers();
        assertThat(readAll(bootstrap, Topics.REGISTRY_EVENTS)).noneMatch(r -> isFrom2020(r.value().getDump().getSource()));
        assertThat(readAll(bootstrap, Topics.DLQ)).noneMatch(r -> isFrom2020(r.value().getSource()));
        assertThat(readTable(bootstrap, Topics.REGISTRY_DUMPS)).hasSize(2);
        assertThat(readTable(bootstrap, Topics.REGISTRY_ENTRIES)).hasSize(32_796);
    }

    @Test
    @Order(10)
    void shouldRecoverTheStateOnASecondMachine() throws Exception {
        Set<String> keys2018 = entryKeys(ZI_2018);
        Set<String> keys2020 = entryKeys(ZI_2020);
        IngestOutcome repeat2018;
        IngestOutcome repeat2017;
        IngestOutcome zi2020;
        // A fresh Ingestor knows nothing but what it reads back from Kafka.
        // The 2020 mirror file is cut to 41 rows: applied knowingly (FeedHealthIT covers holding it).
        try (Ingestor secondMachine = Ingestor.open(clients, ShrinkPolicy.accepting())) {
            repeat2018 = secondMachine.ingest(ZI_2018);
            repeat2017 = secondMachine.ingest(ZI_2017);
            zi2020 = secondMachine.ingest(ZI_2020);
        }

        assertThat(repeat2018.published()).isFalse();
        assertThat(repeat2017.published()).isFalse();
        assertThat(zi2020.published()).isTrue();
        assertThat(List.of(zi2020.rowsRead(), zi2020.accepted(), zi2020.rejected())).containsExactly(42L, 41L, 1L);
        assertThat(zi2020.removed()).isEqualTo(difference(keys2018, keys2020).size()).isPositive();
        assertThat(zi2020.added()).isEqualTo(difference(keys2020, keys2018).size());
        assertThat(zi2020.added() + zi2020.updated()).isLessThanOrEqualTo(41);

        List<ConsumerRecord<String, RegistryEvent>> events = readAll(broker.bootstrapServers(), Topics.REGISTRY_EVENTS);
        assertThat(countByDumpAndType(events).get(zi2020.dumpId()))
                .isEqualTo(nonZero(zi2020.added(), zi2020.removed(), zi2020.updated()));
        // The second machine learnt the last dump with events from the dumps topic.
        assertThat(events).filteredOn(e -> e.value().getDump().getId().equals(zi2020.dumpId()))
                .allSatisfy(e -> assertThat(e.value().getFollows()).isEqualTo(zi2018.dumpId()));
        assertThat(readTable(broker.bootstrapServers(), Topics.REGISTRY_ENTRIES).keySet()).isEqualTo(keys2020);
    }

    @Test
    @Order(11)
    void shouldRefuseADumpOlderThanTheNewestIngested() throws Exception {
        Map<TopicPartition, Long> before = endOffsets(broker.bootstrapServers(), List.of(
                Topics.REGISTRY_EVENTS, Topics.REGISTRY_ENTRIES, Topics.REGISTRY_DUMPS, Topics.DLQ));

        try (Ingestor ingestor = Ingestor.open(clients)) {
            assertThatThrownBy(() -> ingestor.ingest(XML_2014))
                    .isInstanceOf(IngestException.class)
                    .hasMessageContaining("older than the newest dump already ingested")
                    .hasMessageContaining("--force");
        }

        assertThat(endOffsets(broker.bootstrapServers(), List.of(
                Topics.REGISTRY_EVENTS, Topics.REGISTRY_ENTRIES, Topics.REGISTRY_DUMPS, Topics.DLQ))).isEqualTo(before);
    }

    @Test
    @Order(12)
    void shouldFenceAnIngestWhenAnotherOpensWithTheSameTransactionalId() throws Exception {
        try (Ingestor first = Ingestor.open(clients, "it-fenced", Progress.NONE, true);
             Ingestor second = Ingestor.open(clients, "it-fenced", Progress.NONE, true)) {
            assertThatThrownBy(() -> first.ingest(XML_2014))
                    .isInstanceOf(IngestException.class)
                    .hasMessageContaining("took over")
                    .hasMessageContaining("published nothing for dump-2014-10-31T2305.xml.gz");
            assertThat(second).isNotNull();
        }

        String bootstrap = broker.bootstrapServers();
        assertThat(readAll(bootstrap, Topics.REGISTRY_EVENTS)).noneMatch(r -> r.value().getDump().getFormat().equals("xml"));
        assertThat(readTable(bootstrap, Topics.REGISTRY_DUMPS).values()).noneMatch(d -> d.getDump().getFormat().equals("xml"));
    }

    private static void assertDeadLetter(DeadLetter letter, Path dump, long line, String dumpId) throws IOException {
        assertThat(letter).isNotNull();
        assertThat(letter.getLine()).isEqualTo(line);
        assertThat(letter.getDumpId()).isEqualTo(dumpId);
        assertThat(letter.getReason()).isEqualTo("truncated row: dump ends without a line break (cut-off file)");
        // The raw text is the file's unterminated last line, read here without the parser.
        assertThat(letter.getRaw()).isNotBlank().isEqualTo(lastLine(dump));
        assertThat(letter.getRawLength()).isEqualTo(letter.getRaw().length());
    }

    private static String lastLine(Path gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip))) {
            String text = new String(in.readAllBytes(), Charset.forName("windows-1251"));
            return text.substring(text.lastIndexOf('\n') + 1);
        }
    }

    private static Map<String, DumpStats> awaitStatsOf(String dumpId) {
        return await().atMost(STREAMS_TIMEOUT).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    assertThat(app.failure()).isNull();
                    return readTable(broker.bootstrapServers(), Topics.STATS);
                }, stats -> stats.containsKey(dumpId));
    }

    private static Map<String, Map<EventType, Long>> countByDumpAndType(List<ConsumerRecord<String, RegistryEvent>> events) {
        return events.stream().map(ConsumerRecord::value).collect(Collectors.groupingBy(
                e -> e.getDump().getId(), Collectors.groupingBy(RegistryEvent::getType, Collectors.counting())));
    }

    private static Map<EventType, Long> nonZero(int added, int removed, int updated) {
        return Map.of(EventType.ADDED, (long) added, EventType.REMOVED, (long) removed, EventType.UPDATED, (long) updated)
                .entrySet().stream().filter(e -> e.getValue() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static int eventCount(String dumpId) {
        IngestOutcome outcome = dumpId.equals(zi2017.dumpId()) ? zi2017 : zi2018;
        return outcome.added() + outcome.removed() + outcome.updated();
    }

    private static boolean isFrom2020(String source) {
        return source.equals(ZI_2020.getFileName().toString());
    }

    /** The entry keys of a dump, read with the registry reader alone (no ingest code). */
    private static Set<String> entryKeys(Path dump) throws IOException {
        Set<String> keys = new HashSet<>();
        try (DumpReader reader = Dumps.open(dump)) {
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                if (row instanceof ParsedRow.Accepted accepted) {
                    keys.add(accepted.entry().key());
                }
            }
        }
        return keys;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> rest = new HashSet<>(a);
        rest.removeAll(b);
        return rest;
    }
}
