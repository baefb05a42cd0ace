package io.github.blockwatch.bench;

import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.EventType;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.topology.AlertRules;
import io.github.blockwatch.topology.BlockwatchTopology;
import io.github.blockwatch.topology.StreamsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A one-entry delta through the whole topology (entry diff, repartition, the real AddressTableProcessor
 * with its RocksDB stores, blocked-range table, stats, alert rules) in a {@link TopologyTestDriver}, at
 * table sizes of 10k to 2M ranges: one dump adds an entry blocking one new address, the next removes it.
 * The table is filled with few events listing many ranges each; even so a 1M fill takes minutes on 2 cores,
 * so {@code bench/run} stops at 1M ({@code -p ranges=10000,100000,1000000}) and leaves the 2M point to
 * the coverage benchmarks.
 * The driver commits after every record, where Streams commits every 200 ms: absolute figures are lower
 * than in the running application; the growth with the table size is the point.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class TopologyDeltaBenchmark {
    private static final int RANGES_PER_FILL_EVENT = 50_000;
    private static final Decision DECISION = new Decision("Генпрокуратура", "27-31-2015/Ид4082-15", "2015-12-04");

    @Param({"10000", "100000", "1000000", "2000000"})
    int ranges;

    private Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, RegistryEvent> events;
    private Cidr[] probes;
    private long dumps;
    private int next;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        stateDir = Files.createTempDirectory("bench-topology-");
        driver = new TopologyTestDriver(BlockwatchTopology.build(AlertRules.defaults()),
                StreamsSettings.streamsConfig(ClientSettings.of("unused:9092"), "bench-topology", stateDir));
        events = driver.createInputTopic(Topics.REGISTRY_EVENTS.name(),
                Topics.REGISTRY_EVENTS.keySerde().serializer(), Topics.REGISTRY_EVENTS.valueSerde().serializer());
        SplittableRandom random = new SplittableRandom(1);
        List<String> all = new ArrayList<>(ranges);
        RandomBlocks.distinct(random, ranges).forEach(cidr -> all.add(cidr.toString()));
        int eventCount = (ranges + RANGES_PER_FILL_EVENT - 1) / RANGES_PER_FILL_EVENT;
        DumpRef fillDump = dump();
        for (int e = 0; e < eventCount; e++) {
            List<String> slice = new ArrayList<>(all.subList(e * RANGES_PER_FILL_EVENT, Math.min(all.size(), (e + 1) * RANGES_PER_FILL_EVENT)));
            slice.sort(null);
            pipe(EventType.ADDED, "fill-" + e, slice, fillDump, eventCount);
            drainOutputs();
        }
        probes = RandomBlocks.probes(random);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        driver.close();
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One delta pair: a dump adding an entry that blocks one address, then a dump removing it. */
    @Benchmark
    public void oneEntryDelta() {
        String range = probes[next++ & (probes.length - 1)].toString();
        pipe(EventType.ADDED, "probe", List.of(range), dump(), 1);
        pipe(EventType.REMOVED, "probe", List.of(range), dump(), 1);
        if ((next & 1023) == 0) {
            drainOutputs();
        }
    }

    private void pipe(EventType type, String key, List<String> blocked, DumpRef dump, int dumpEventCount) {
        RegistryEntry entry = RegistryEntry.newBuilder().setKey(key).setDecision(DECISION).setRanges(blocked).build();
        RegistryEvent event = RegistryEvent.newBuilder().setType(type).setKey(key).setDump(dump)
                .setDumpEventCount(dumpEventCount).setEntry(entry).build();
        events.pipeInput(key, event, dump.getRegistryTime());
    }

    private DumpRef dump() {
        Instant at = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(60 * dumps++);
        return new DumpRef(at + "/bench", "bench-" + dumps, "csv", at, null);
    }

    /** The driver keeps every output record until read; drop them so memory stays flat. */
    private void drainOutputs() {
        for (String topic : driver.producedTopicNames()) {
            driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
        }
    }
}
