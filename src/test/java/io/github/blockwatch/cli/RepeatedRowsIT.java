package io.github.blockwatch.cli;

import static io.github.blockwatch.kafka.CommittedRecords.readTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.blockwatch.app.RunningPipeline;
import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.reliability.ChildJvm;
import io.github.blockwatch.topology.StoreNames;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One dump.csv row repeated {@value #DEFAULT_ROWS} times (2,000,000 with {@code -Preliability}: system
 * property {@code blockwatch.repeated.rows}), through {@code blockwatch ingest} (its own JVM, as a user runs
 * it) into a running application on a real broker. Every copy is an entry listing 52.58.0.0/15; the range's
 * state record in its changelog must stay as small for the last copy as for the first (it held every entry
 * before: quadratic, 13 events/s after 42,000 copies), and the next dump, without the row, unblocks it.
 */
class RepeatedRowsIT {
    private static final int DEFAULT_ROWS = 20_000;
    private static final int ROWS = Integer.getInteger("blockwatch.repeated.rows", DEFAULT_ROWS);
    private static final String RANGE = "52.58.0.0/15";
    private static final String APPLICATION_ID = "repeated-rows-it";
    /** A sample of 20 entries with their decisions is about 1.5 KiB; 20,000 entries were about 1.4 MB. */
    private static final int MAX_STATE_BYTES = 4096;
    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final Duration STREAMS_TIMEOUT = Duration.ofMinutes(Math.max(5, ROWS / 10_000));

    @TempDir
    static Path work;

    @AutoClose
    private static RunningPipeline pipeline;
    private static String bootstrap;

    @BeforeAll
    static void start() throws IOException {
        pipeline = RunningPipeline.start(work, APPLICATION_ID);
        bootstrap = pipeline.broker().bootstrapServers();
    }

    @Test
    void shouldApplyARowRepeatedWithARangeStateOfConstantSize() throws Exception {
        Path repeated = work.resolve("repeated.csv.gz");
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(repeated)), CP1251)) {
            out.write("Updated: 2018-04-16 12:00:00 +0000\n");
            for (int i = 0; i < ROWS; i++) {
                out.write(RANGE + ";;;Генпрокуратура;27-31-2018/Ид2971-18;2018-04-16\n");
            }
        }
        long started = System.nanoTime();
        assertThat(ingest("repeated", repeated)).isZero();
        assertThat(dumpRecord("repeated.csv.gz").getAdded()).isEqualTo(ROWS);

        await().atMost(STREAMS_TIMEOUT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(pipeline.app().failure()).isNull();
            BlockedRange range = readTable(bootstrap, Topics.BLOCKED_RANGES).get(RANGE);
            assertThat(range).isNotNull();
            assertThat(range.getEntryCount()).isEqualTo(ROWS);
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "RepeatedRowsIT: %,d copies of one row ingested and applied in %.1f s%n", ROWS, seconds);

        List<Integer> sizes = stateRecordSizes();
        assertThat(sizes).as("records of the range's state in its changelog").isNotEmpty();
        assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElseThrow())
                .as("largest state record for %,d entries", ROWS).isLessThanOrEqualTo(MAX_STATE_BYTES);

        Path without = Files.writeString(work.resolve("without.csv"),
                "Updated: 2018-04-17 12:00:00 +0000\n1.2.3.4;;;Генпрокуратура;1;2018-04-17\n", CP1251);
        assertThat(ingest("without", without, "--accept-shrink")).isEqualTo(0);
        await().atMost(STREAMS_TIMEOUT).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(pipeline.app().failure()).isNull();
            Map<String, BlockedRange> ranges = readTable(bootstrap, Topics.BLOCKED_RANGES);
            assertThat(ranges).containsKey("1.2.3.4/32").doesNotContainKey(RANGE);
        });
    }

    /** Ingest in a JVM of its own, with the launcher's heap: a big dump is held in memory while it is diffed. */
    private static int ingest(String name, Path dump, String... flags) throws IOException, InterruptedException {
        String[] args = new String[flags.length + 5];
        args[0] = "ingest";
        args[1] = "--bootstrap";
        args[2] = bootstrap;
        args[3] = "--no-progress";
        System.arraycopy(flags, 0, args, 4, flags.length);
        args[args.length - 1] = dump.toString();
        try (ChildJvm child = ChildJvm.start(work.resolve("logs"), name, "2g", args)) {
            int exit = child.awaitExit(STREAMS_TIMEOUT);
            assertThat(child.err()).as("stderr of ingest").isEmpty();
            return exit;
        }
    }

    private static DumpRecord dumpRecord(String source) {
        return readTable(bootstrap, Topics.REGISTRY_DUMPS).values().stream()
                .filter(d -> d.getDump().getSource().equals(source)).findFirst().orElseThrow();
    }

    /** The serialized size of every record of the range in the address table's range-state changelog. */
    private static List<Integer> stateRecordSizes() {
        String changelog = APPLICATION_ID + "-" + StoreNames.BLOCKED_RANGES + "-changelog";
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "repeated-rows-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(Topics.MAX_MESSAGE_BYTES));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(changelog, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<Integer> sizes = new java.util.ArrayList<>();
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && RANGE.equals(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8))) {
                        sizes.add(record.value().length);
                    }
                }
            }
            return sizes;
        }
    }
}
