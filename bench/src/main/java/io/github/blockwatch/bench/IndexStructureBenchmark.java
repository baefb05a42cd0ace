package io.github.blockwatch.bench;

import io.github.blockwatch.registry.ChunkedLongIntMap;
import it.unimi.dsi.fastutil.longs.Long2IntRBTreeMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Why the IPv4 coverage index is a chunked sorted array: the floor lookup ("which segment holds this
 * address") and one boundary inserted and removed, at 2M boundaries (1M ranges), on three structures —
 * {@code TreeMap<Long, Integer>}, fastutil's primitive red-black tree, and {@link ChunkedLongIntMap}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class IndexStructureBenchmark {
    @Param({"2000000"})
    int boundaries;

    private final TreeMap<Long, Integer> treeMap = new TreeMap<>();
    private final Long2IntRBTreeMap rbTree = new Long2IntRBTreeMap();
    private final ChunkedLongIntMap chunked = new ChunkedLongIntMap();
    private long[] probes;
    private int next;

    @Setup(Level.Trial)
    public void fill() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < boundaries; i++) {
            long key = random.nextLong(1L << 32) & ~1L; // even: the probes below are odd, so never present
            int depth = random.nextInt(3);
            treeMap.put(key, depth);
            rbTree.put(key, depth);
            chunked.put(key, depth);
        }
        probes = new long[1 << 16];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = random.nextLong(1L << 32) | 1L;
        }
    }

    private long probe() {
        return probes[next++ & (probes.length - 1)];
    }

    @Benchmark
    public int floorTreeMap() {
        Map.Entry<Long, Integer> e = treeMap.floorEntry(probe());
        return e == null ? 0 : e.getValue();
    }

    @Benchmark
    public int floorFastutilRbTree() {
        var head = rbTree.headMap(probe() + 1);
        return head.isEmpty() ? 0 : rbTree.get(head.lastLongKey());
    }

    @Benchmark
    public int floorChunked() {
        long p = chunked.floor(probe());
        return p == ChunkedLongIntMap.NONE ? 0 : chunked.valueAt(p);
    }

    @Benchmark
    public int putRemoveTreeMap() {
        long key = probe();
        treeMap.put(key, 1);
        return treeMap.remove(key);
    }

    @Benchmark
    public int putRemoveFastutilRbTree() {
        long key = probe();
        rbTree.put(key, 1);
        return rbTree.remove(key);
    }

    @Benchmark
    public int putRemoveChunked() {
        long key = probe();
        chunked.put(key, 1);
        chunked.remove(key);
        return chunked.size();
    }
}
