package io.github.blockwatch.bench;

import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.Ipv4RangeSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The distinct-address count of a present-day dump's blocks, as {@code blockwatch count} does it (sort and
 * merge, {@link Ipv4RangeSet}): a million random IPv4 blocks ({@link RandomBlocks}: 90% single addresses, 10%
 * /24s, some of them nested). Score: blocks counted per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class CountBenchmark {
    static final int BLOCKS = 1_000_000;

    private Cidr[] blocks;

    @Setup(Level.Trial)
    public void draw() {
        blocks = RandomBlocks.distinct(new SplittableRandom(1), BLOCKS).toArray(Cidr[]::new);
    }

    @Benchmark
    @OperationsPerInvocation(BLOCKS)
    public long distinctAddresses() {
        Ipv4RangeSet set = new Ipv4RangeSet();
        for (Cidr block : blocks) {
            set.add(block);
        }
        set.distinctBlocks();
        return set.distinctAddresses();
    }
}
