package io.github.blockwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The batch count of {@code blockwatch count} agrees with the live table's incremental coverage. */
class Ipv4RangeSetTest {
    private static Cidr block(long start, int prefix) {
        long aligned = prefix == 0 ? 0 : start & (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return Cidr.of(IpFamily.IPV4, BigInteger.valueOf(aligned), prefix);
    }

    @Test
    void shouldCountTheUnionLikeTheIncrementalCoverageOnRandomBlocks() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            Ipv4RangeSet batch = new Ipv4RangeSet();
            AddressCoverage incremental = new AddressCoverage(new TreeBoundaryMap());
            Set<Cidr> distinct = new HashSet<>();
            long expected = 0;
            int blocks = 1 + random.nextInt(60);
            long region = random.nextBoolean() ? 0x0a000000L : 0xfffff000L; // the middle and the very end
            for (int i = 0; i < blocks; i++) {
                Cidr cidr = block(region + random.nextInt(1 << 12), 20 + random.nextInt(13));
                batch.add(cidr);
                if (distinct.add(cidr)) {
                    expected += incremental.add(cidr).longValueExact();
                }
                if (random.nextInt(4) == 0) {
                    batch.add(cidr); // repeats count once
                }
            }
            assertThat(batch.distinctBlocks()).isEqualTo(distinct.size());
            assertThat(batch.distinctAddresses()).as("trial %d", trial).isEqualTo(expected);
        }
    }

    @Test
    void shouldOrderManyBlocksAsTheJdkSortDoes() {
        // Past the size where the radix sort takes over, across the whole space and all prefix lengths. Both
        // counts need the blocks in order: repeats are dropped when adjacent, runs merged in one pass.
        SplittableRandom random = new SplittableRandom(7);
        Ipv4RangeSet set = new Ipv4RangeSet();
        TreeSet<Cidr> sorted = new TreeSet<>();
        for (int i = 0; i < 100_000; i++) {
            Cidr cidr = block(random.nextLong(1L << 32), random.nextInt(33));
            set.add(cidr);
            sorted.add(cidr);
            if (random.nextInt(8) == 0) {
                set.add(cidr);
            }
        }
        AddressCoverage incremental = new AddressCoverage(new TreeBoundaryMap());
        long expected = 0;
        for (Cidr cidr : sorted) {
            expected += incremental.add(cidr).longValueExact();
        }

        assertThat(set.distinctBlocks()).isEqualTo(sorted.size());
        assertThat(set.distinctAddresses()).isEqualTo(expected);
    }

    @Test
    void shouldCountTheWholeSpaceAndItsEnds() {
        Ipv4RangeSet set = new Ipv4RangeSet();
        set.add(block(0, 0));
        set.add(block(0xffffffffL, 32));
        set.add(block(0, 32));

        assertThat(set.distinctBlocks()).isEqualTo(3);
        assertThat(set.distinctAddresses()).isEqualTo(1L << 32);
    }

    @Test
    void shouldCountNothingWhenEmpty() {
        Ipv4RangeSet set = new Ipv4RangeSet();

        assertThat(set.distinctBlocks()).isZero();
        assertThat(set.distinctAddresses()).isZero();
    }
}
