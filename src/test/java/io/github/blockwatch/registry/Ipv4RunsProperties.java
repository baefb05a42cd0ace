package io.github.blockwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.BitSet;
import java.util.SplittableRandom;
import io.github.blockwatch.PropertyTries;
import org.junit.jupiter.api.Test;

/**
 * Intersection and difference of merged IPv4 runs against a bit set, on random overlapping and nested blocks
 * in a small corner of the address space ({@link PropertyTries}: seeded, a failure names its seed).
 */
class Ipv4RunsProperties {
    private static final long BASE = 10L << 24; // 10.0.0.0
    private static final int SPACE = 1 << 12; // 10.0.0.0/20

    @Test
    void shouldCountLikeABitSet() {
        PropertyTries.check(random -> {
            BitSet aBits = new BitSet(SPACE);
            BitSet bBits = new BitSet(SPACE);
            Ipv4Runs a = randomRuns(random, aBits);
            Ipv4Runs b = randomRuns(random, bBits);

            BitSet both = (BitSet) aBits.clone();
            both.and(bBits);
            BitSet onlyA = (BitSet) aBits.clone();
            onlyA.andNot(bBits);
            BitSet onlyB = (BitSet) bBits.clone();
            onlyB.andNot(aBits);
            assertThat(a.addresses()).as("|A|").isEqualTo(aBits.cardinality());
            assertThat(a.intersect(b).addresses()).as("|A and B|").isEqualTo(both.cardinality());
            assertThat(a.minus(b).addresses()).as("|A - B|").isEqualTo(onlyA.cardinality());
            assertThat(b.minus(a).addresses()).as("|B - A|").isEqualTo(onlyB.cardinality());
            // Runs are disjoint and not adjacent: as many as the bit set's runs of ones.
            assertThat(a.minus(b).runCount()).as("runs of A - B").isEqualTo(runsOfOnes(onlyA));
            assertThat(a.intersect(b).runCount()).as("runs of A and B").isEqualTo(runsOfOnes(both));
        });
    }

    @Test
    void shouldDescribeRunsAsBlocksOrRanges() throws Exception {
        Ipv4RangeSet set = new Ipv4RangeSet();
        set.add(Cidr.parse("10.0.0.0/24"));
        set.add(Cidr.parse("10.0.1.0/24"));
        set.add(Cidr.parse("10.0.3.7"));
        set.add(Cidr.parse("10.0.3.8/31"));
        set.distinctBlocks();

        assertThat(set.runs().describe(5)).containsExactly("10.0.0.0/23", "10.0.3.7-10.0.3.9");
    }

    private static Ipv4Runs randomRuns(SplittableRandom random, BitSet bits) {
        Ipv4RangeSet set = new Ipv4RangeSet();
        int blocks = random.nextInt(40);
        for (int i = 0; i < blocks; i++) {
            // Mostly small blocks, so that runs touch, nest and leave one-address gaps; now and then a big one.
            int prefix = random.nextInt(8) == 0 ? 20 + random.nextInt(5) : 27 + random.nextInt(6);
            int size = 1 << (32 - prefix);
            int start = random.nextInt(SPACE / size) * size;
            set.add(Cidr.of(IpFamily.IPV4, BigInteger.valueOf(BASE + start), prefix));
            bits.set(start, start + size);
        }
        set.distinctBlocks();
        return set.runs();
    }

    private static int runsOfOnes(BitSet bits) {
        int runs = 0;
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(bits.nextClearBit(i))) {
            runs++;
        }
        return runs;
    }
}
