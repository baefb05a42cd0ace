package io.github.blockwatch.cli;

import static io.github.blockwatch.kafka.CommittedRecords.endOffsets;
import static io.github.blockwatch.kafka.CommittedRecords.readAll;
import static io.github.blockwatch.kafka.CommittedRecords.readTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.blockwatch.app.RunningPipeline;
import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DeadLetter;
import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.EventType;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.kafka.Topics;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a feed or another producer sends must not stop {@code blockwatch run}, on a real broker with the
 * Streams application running: a dump dated ahead of the clock is refused by ingest with one line; one
 * ingested before that rule existed (a 2099 dump, as the issue found it) no longer kills the application,
 * and no longer blocks every later dump as "older"; undecodable records on the input topics go to
 * {@code blockwatch.dlq} and the application applies the next dump, and so do records naming a source that
 * is no source name or not their dump id's. Dumps are dated relative to now,
 * in order. Ordered: each test adds to the registry the one before left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunKeepsRunningIT {
    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Duration STREAMS_TIMEOUT = Duration.ofMinutes(3);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    static Path work;

    @AutoClose
    private static RunningPipeline pipeline;
    private static String bootstrap;

    @BeforeAll
    static void start() throws IOException {
        pipeline = RunningPipeline.start(work, "run-keeps-running-it");
        bootstrap = pipeline.broker().bootstrapServers();
        CliRun first = ingest(dump("first.csv", NOW.minus(Duration.ofDays(3)), "10.19.1.0/24"));
        assertThat(first.exitCode()).as(first.err()).isZero();
        awaitBlocked("10.19.1.0/24");
    }

    @Test
    @Order(1)
    void shouldRefuseADumpDatedAheadOfTheClockAndApplyTheNextOne() throws IOException {
        Path future = dump("future.csv", NOW.plus(Duration.ofHours(2)), "10.19.2.0/24");
        // The topics ingest writes ('run' may still be writing its own).
        List<io.github.blockwatch.kafka.Topic<?, ?>> ingestTopics = List.of(Topics.REGISTRY_EVENTS, Topics.REGISTRY_ENTRIES,
                Topics.REGISTRY_DUMPS, Topics.DLQ);
        Map<TopicPartition, Long> before = endOffsets(bootstrap, ingestTopics);

        CliRun refused = ingest(future);

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.errLines()).singleElement().asString()
                .startsWith("blockwatch ingest: error: future.csv: registry time " + NOW.plus(Duration.ofHours(2)) + " is ")
                .contains(" ahead of this machine's clock (")
                .endsWith("); refused, more than --max-clock-skew 15m (a wrong clock, or a local time labelled UTC)");
        assertThat(endOffsets(bootstrap, ingestTopics)).isEqualTo(before);

        CliRun next = ingest(dump("next.csv", NOW.minus(Duration.ofDays(2)), "10.19.3.0/24"));
        assertThat(next.exitCode()).as(next.err()).isZero();
        awaitBlocked("10.19.3.0/24");
        assertRunning();
    }

    @Test
    @Order(2)
    void shouldKeepRunningWithAFutureDatedDumpIngestedBeforeTheClockRule() throws IOException {
        // The state of a deployment from before --max-clock-skew: a 2099 dump is in the topics. The range
        // history's changelog takes registry time as record timestamp, which the broker refuses more than
        // an hour ahead of its clock; the application died on it at every restart.
        CliRun legacy = ingest(dump("from-2099.csv", Instant.parse("2099-01-01T00:00:00Z"), "10.19.4.0/24"),
                "--max-clock-skew", "36500d");
        assertThat(legacy.exitCode()).as(legacy.err()).isZero();
        awaitBlocked("10.19.4.0/24");

        // Neither refused as older than 2099 nor needing --force: a future-dated dump sets no order.
        CliRun after = ingest(dump("after-2099.csv", NOW.minus(Duration.ofDays(1)), "10.19.5.0/24"));
        assertThat(after.exitCode()).as(after.err()).isZero();
        awaitBlocked("10.19.5.0/24");
        assertRunning();
    }

    @Test
    @Order(3)
    void shouldSendUndecodableRecordsToTheDlqAndGoOn() throws Exception {
        RecordMetadata event = sendGarbage(Topics.REGISTRY_EVENTS.name());
        RecordMetadata dump = sendGarbage(Topics.REGISTRY_DUMPS.name());
        sendGarbage(Topics.OWNERS.name());

        CliRun next = ingest(dump("after-garbage.csv", NOW.minus(Duration.ofHours(12)), "10.19.6.0/24"));
        assertThat(next.exitCode()).as(next.err()).isZero();
        awaitBlocked("10.19.6.0/24");

        await().atMost(STREAMS_TIMEOUT).untilAsserted(() -> assertThat(streamDeadLetters())
                .extracting(d -> d.getSource() + ":" + d.getLine())
                .contains("blockwatch.registry.events-0:" + event.offset(), "blockwatch.registry.dumps-0:" + dump.offset()));
        assertThat(streamDeadLetters()).allSatisfy(letter -> {
            assertThat(letter.getReason()).startsWith("undecodable record: SerializationException");
            assertThat(letter.getRaw()).isEqualTo("not an Avro record");
        });
        assertRunning();
    }

    @Test
    @Order(4)
    void shouldSendRecordsNamingABadSourceToTheDlqAndGoOn() throws Exception {
        // Another producer's records: a source name with a zero byte, and one other than its dump id's source.
        Instant at = NOW.minus(Duration.ofHours(9));
        DumpRef zeroByte = new DumpRef("a\u0000b/" + at + "/hostile", "hostile.lst", "list", at, "a\u0000b");
        RegistryEvent event = RegistryEvent.newBuilder().setType(EventType.ADDED).setKey("a\u0000b/list:10.19.7.0/24")
                .setDump(zeroByte).setDumpEventCount(1)
                .setEntry(RegistryEntry.newBuilder().setKey("a\u0000b/list:10.19.7.0/24").setRanges(List.of("10.19.7.0/24")).build())
                .build();
        DumpRef evil = new DumpRef("official/" + at + "/hostile", "hostile.lst", "list", at, "evil");
        DumpRecord dumpRecord = DumpRecord.newBuilder().setDump(evil).setDigest("0".repeat(64)).setRowsRead(1).setAccepted(1)
                .setRejected(0).setEntries(1).setAdded(1).setRemoved(0).setUpdated(0).setIngestedAt(NOW).build();
        RecordMetadata sentEvent = send(Topics.REGISTRY_EVENTS, event.getKey(), event);
        RecordMetadata sentDump = send(Topics.REGISTRY_DUMPS, evil.getId(), dumpRecord);

        CliRun next = ingest(dump("after-bad-source.csv", NOW.minus(Duration.ofHours(6)), "10.19.8.0/24"));
        assertThat(next.exitCode()).as(next.err()).isZero();
        awaitBlocked("10.19.8.0/24");

        await().atMost(STREAMS_TIMEOUT).untilAsserted(() -> {
            assertThat(reasonOf(sentEvent)).startsWith("refused by entry-diff: IllegalArgumentException: dump a\\u0000b/")
                    .contains("source name 'a\\u0000b' is not one");
            assertThat(reasonOf(sentDump)).isEqualTo("refused by feed-dumps-source-check: IllegalArgumentException: "
                    + "dump names source 'evil' but dump id '" + evil.getId() + "' is of source 'official'");
        });
        assertThat(readTable(bootstrap, Topics.BLOCKED_RANGES)).doesNotContainKey("10.19.7.0/24");
        assertRunning();
    }

    /** The reason of the dead letter of a record sent, or null while there is none. */
    private static String reasonOf(RecordMetadata sent) {
        return streamDeadLetters().stream()
                .filter(d -> d.getSource().equals(sent.topic() + "-" + sent.partition()) && d.getLine() == sent.offset())
                .map(DeadLetter::getReason).findFirst().orElse(null);
    }

    private static <V> RecordMetadata send(io.github.blockwatch.kafka.Topic<String, V> topic, String key, V value) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(config, topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            return producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
    }

    private static RecordMetadata sendGarbage(String topic) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, "garbage".getBytes(StandardCharsets.UTF_8),
                    "not an Avro record".getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static List<DeadLetter> streamDeadLetters() {
        return readAll(bootstrap, Topics.DLQ).stream().map(ConsumerRecord::value)
                .filter(d -> d.getSource().startsWith("blockwatch.")).toList();
    }

    private static void assertRunning() {
        assertThat(pipeline.app().failure()).isNull();
        assertThat(pipeline.app().streams().state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
    }

    private static void awaitBlocked(String cidr) {
        await().atMost(STREAMS_TIMEOUT).untilAsserted(() -> {
            assertThat(pipeline.app().failure()).isNull();
            Map<String, BlockedRange> ranges = readTable(bootstrap, Topics.BLOCKED_RANGES);
            assertThat(ranges).containsKey(cidr);
        });
    }

    /** A one-row dump.csv of that registry time listing {@code cidr} (the registry as it stands: the rows of earlier dumps are removed). */
    private static Path dump(String name, Instant registryTime, String cidr) throws IOException {
        return Files.writeString(work.resolve(name), "Updated: " + UPDATED.format(registryTime) + " +0000\n"
                + cidr + ";;;суд;" + name + ";2021-01-01\n", CP1251);
    }

    private static CliRun ingest(Path dump, String... flags) {
        String[] all = new String[flags.length + 5];
        all[0] = "ingest";
        all[1] = "--bootstrap";
        all[2] = bootstrap;
        all[3] = "--no-progress";
        System.arraycopy(flags, 0, all, 4, flags.length);
        all[all.length - 1] = dump.toString();
        return CliRun.of(all);
    }
}
