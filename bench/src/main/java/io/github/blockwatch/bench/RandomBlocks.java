package io.github.blockwatch.bench;

import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.IpFamily;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;

/** The tables the coverage benchmarks fill: distinct random IPv4 blocks, 90% single addresses, 10% /24s. */
public final class RandomBlocks {
    private RandomBlocks() {}

    public static Set<Cidr> distinct(SplittableRandom random, int count) {
        Set<Cidr> blocks = new LinkedHashSet<>();
        while (blocks.size() < count) {
            int prefix = random.nextDouble() < 0.9 ? 32 : 24;
            long address = (random.nextLong() & 0xffffffffL) & (0xffffffffL << (32 - prefix));
            blocks.add(Cidr.of(IpFamily.IPV4, BigInteger.valueOf(address & 0xffffffffL), prefix));
        }
        return blocks;
    }

    /** Single addresses to add and remove again, a power of two of them so a mask picks the next. */
    public static Cidr[] probes(SplittableRandom random) {
        Cidr[] probes = new Cidr[4096];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = Cidr.of(IpFamily.IPV4, BigInteger.valueOf(random.nextLong() & 0xffffffffL), 32);
        }
        return probes;
    }
}
