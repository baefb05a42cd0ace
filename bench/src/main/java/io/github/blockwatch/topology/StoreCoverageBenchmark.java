package io.github.blockwatch.topology;

import io.github.blockwatch.bench.RandomBlocks;
import io.github.blockwatch.registry.AddressCoverage;
import io.github.blockwatch.registry.Cidr;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
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
 * The live table's coverage in a RocksDB state store: the cost of a one-address delta at 10k, 100k, 1M
 * and 2M ranges (the "flat curve"), read straight from RocksDB ({@code rocksDb}, the first version)
 * and through the in-memory index with write-through the topology uses now ({@code indexed}). Filling
 * 2M ranges through {@code rocksDb} takes minutes: {@code bench/run} passes {@code -p reads=indexed}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class StoreCoverageBenchmark {
    @Param({"10000", "100000", "1000000", "2000000"})
    int ranges;

    @Param({"rocksDb", "indexed"})
    String reads;

    private Path stateDir;
    private KeyValueStore<Bytes, Integer> store;
    private AddressCoverage coverage;
    private Cidr[] probes;
    private int next;

    @Setup(Level.Trial)
    public void fill() throws IOException {
        stateDir = Files.createTempDirectory("bench-store-");
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(config, new TaskId(0, 0), stateDir.toFile());
        store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("coverage"), Serdes.Bytes(), Serdes.Integer())
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        coverage = new AddressCoverage("indexed".equals(reads) ? IndexedBoundaryMap.load(store) : new StoreBoundaryMap(store));
        SplittableRandom random = new SplittableRandom(1);
        for (Cidr cidr : RandomBlocks.distinct(random, ranges)) {
            coverage.add(cidr);
        }
        store.flush();
        probes = RandomBlocks.probes(random);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public BigInteger addAndRemoveOneAddress() {
        Cidr probe = probes[next++ & (probes.length - 1)];
        BigInteger added = coverage.add(probe);
        coverage.remove(probe);
        return added;
    }
}
