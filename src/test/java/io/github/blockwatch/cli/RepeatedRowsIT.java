package io.github.blockwatch.cli;

import static io.github.blockwatch.kafka.CommittedRecords.readAll;
import static io.github.blockwatch.kafka.CommittedRecords.readTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.blockwatch.app.RunningPipeline;
import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.kafka.AvroSerde;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.reliability.ChildJvm;
import io.github.blockwatch.topology.StoreNames;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

        // Read what stays small however many copies: the dump's stats, and the ends of the state changelog
        // (the blocked-ranges topic and the whole changelog hold a record per copy).
        DumpStats applied = awaitStats("repeated.csv.gz");
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "RepeatedRowsIT: %,d copies of one row ingested and applied in %.1f s%n", ROWS, seconds);
        assertThat(List.of(applied.getEntries(), applied.getRanges(), applied.getDistinctIpv4()))
                .containsExactly((long) ROWS, 1L, 131_072L);

        StateRecords state = stateRecords();
        assertThat(state.sizes()).as("records of the range's state in its changelog").isNotEmpty();
        assertThat(state.sizes().stream().mapToInt(Integer::intValue).max().orElseThrow())
                .as("largest state record among the first and the last for %,d entries", ROWS).isLessThanOrEqualTo(MAX_STATE_BYTES);
        RangeState last = AvroSerde.of(RangeState.class).deserializer().deserialize("changelog", state.last());
        assertThat(last.getEntries().size() + last.getMoreEntries()).as("entries counted exactly").isEqualTo(ROWS);

        Path without = Files.writeString(work.resolve("without.csv"),
                "Updated: 2018-04-17 12:00:00 +0000\n1.2.3.4;;;Генпрокуратура;1;2018-04-17\n", CP1251);
        assertThat(ingest("without", without, "--accept-shrink")).isEqualTo(0);
        DumpStats after = awaitStats("without.csv");
        assertThat(List.of(after.getEntries(), after.getRanges(), after.getDistinctIpv4())).containsExactly(1L, 1L, 1L);
        assertThat(stateRecords().last()).as("the range's state deleted with its last entry").isNull();
    }

    private static DumpStats awaitStats(String source) {
        DumpStats[] found = new DumpStats[1];
        await().atMost(STREAMS_TIMEOUT).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(pipeline.app().failure()).isNull();
            found[0] = readAll(bootstrap, Topics.STATS).stream().map(ConsumerRecord::value)
                    .filter(s -> s.getDump().getSource().equals(source)).findFirst().orElse(null);
            assertThat(found[0]).as("stats of " + source).isNotNull();
        });
        return found[0];
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

    /** The sizes of the range's first and last records in the range-state changelog, and its last value. */
    private record StateRecords(List<Integer> sizes, byte[] last) {}

    private static StateRecords stateRecords() {
        String changelog = APPLICATION_ID + "-" + StoreNames.BLOCKED_RANGES + "-changelog";
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "repeated-rows-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(Topics.MAX_MESSAGE_BYTES));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(changelog, 0);
            consumer.assign(List.of(partition));
            long begin = consumer.beginningOffsets(List.of(partition)).get(partition);
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<Integer> sizes = new ArrayList<>();
            byte[][] last = new byte[1][];
            read(consumer, partition, begin, Math.min(end, begin + TAIL), sizes, last);
            read(consumer, partition, Math.max(begin, end - TAIL), end, sizes, last);
            return new StateRecords(sizes, last[0]);
        }
    }

    /** How many records are read at each end of the changelog. */
    private static final int TAIL = 2_000;

    private static void read(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, long from, long to,
                             List<Integer> sizes, byte[][] last) {
        consumer.seek(partition, from);
        while (consumer.position(partition) < to) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() < to && RANGE.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                    if (record.value() != null) {
                        sizes.add(record.value().length);
                    }
                    last[0] = record.value();
                }
            }
        }
    }
}
