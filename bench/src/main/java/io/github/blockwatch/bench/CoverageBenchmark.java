package io.github.blockwatch.bench;

import io.github.blockwatch.registry.AddressCoverage;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.IpFamily;
import io.github.blockwatch.registry.TreeBoundaryMap;
import java.math.BigInteger;
import java.util.SplittableRandom;
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
 * The overlap-aware address set in memory (what {@code blockwatch count} uses): the cost of one delta —
 * add a /32 and remove it again — at table sizes of 10k, 100k, 1M and 2M ranges, and the membership test.
 * The cost should not grow with the table beyond the log factor of the sorted map.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class CoverageBenchmark {
    @Param({"10000", "100000", "1000000", "2000000"})
    int ranges;

    private TreeBoundaryMap map;
    private AddressCoverage coverage;
    private Cidr[] probes;
    private long[] probeAddresses;
    private int next;

    @Setup(Level.Trial)
    public void fill() {
        SplittableRandom random = new SplittableRandom(1);
        map = new TreeBoundaryMap();
        coverage = new AddressCoverage(map);
        for (Cidr cidr : RandomBlocks.distinct(random, ranges)) {
            coverage.add(cidr);
        }
        probes = RandomBlocks.probes(random);
        probeAddresses = new long[probes.length];
        for (int i = 0; i < probes.length; i++) {
            probeAddresses[i] = probes[i].first().longValueExact();
        }
    }

    /** One delta: a single address blocked, then unblocked again (so the table keeps its size). */
    @Benchmark
    public BigInteger addAndRemoveOneAddress() {
        Cidr probe = probes[next++ & (probes.length - 1)];
        BigInteger added = coverage.add(probe);
        coverage.remove(probe);
        return added;
    }

    /** Is this address blocked: the depth of the segment that holds it (primitive IPv4 path). */
    @Benchmark
    public boolean lookup() {
        return map.ipv4DepthAt(probeAddresses[next++ & (probeAddresses.length - 1)]) > 0;
    }

    /** The same through the family-generic interface (a BigInteger in, a Boundary out). */
    @Benchmark
    public boolean lookupGeneric() {
        Cidr probe = probes[next++ & (probes.length - 1)];
        var floor = map.floor(IpFamily.IPV4, probe.first());
        return floor != null && floor.depth() > 0;
    }
}
