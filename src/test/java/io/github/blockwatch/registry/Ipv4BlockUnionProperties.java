package io.github.blockwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.blockwatch.PropertyTries;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The updatable union agrees, change by change, with the boundary-map coverage (another way of counting an
 * updatable union) and with a batch recount of the blocks present.
 */
class Ipv4BlockUnionProperties {

    @Test
    void agreesWithTheCoverageAndABatchRecountUnderRandomAddsAndRemovals() {
        PropertyTries.check(random -> {
            Ipv4BlockUnion union = new Ipv4BlockUnion();
            AddressCoverage coverage = new AddressCoverage(new TreeBoundaryMap());
            List<Cidr> present = new ArrayList<>();
            Set<Cidr> members = new HashSet<>();
            // A small region makes nesting common at every depth: blocks inside blocks inside blocks.
            long region = random.nextBoolean() ? 0x0a000000L : 0xffff0000L;
            int regionBits = 8 + random.nextInt(9);
            int operations = 200 + random.nextInt(800);
            for (int op = 0; op < operations; op++) {
                boolean growing = op < operations * 2 / 3;
                if (present.isEmpty() || random.nextInt(10) < (growing ? 7 : 3)) {
                    Cidr block = block(region + random.nextLong(1L << regionBits), 32 - regionBits + random.nextInt(regionBits + 1));
                    if (members.add(block)) {
                        present.add(block);
                        assertThat(union.add(block)).as("add %s", block).isEqualTo(coverage.add(block).longValueExact());
                    } else {
                        assertThatThrownBy(() -> union.add(block)).isInstanceOf(IllegalArgumentException.class);
                    }
                } else {
                    Cidr block = present.remove(random.nextInt(present.size()));
                    members.remove(block);
                    assertThat(union.remove(block)).as("remove %s", block).isEqualTo(coverage.remove(block).longValueExact());
                }
                if (op % 53 == 0) {
                    assertThat(union.distinctAddresses()).isEqualTo(recount(present));
                }
            }
            assertThat(union.distinctAddresses()).isEqualTo(recount(present));
            assertThat(union.blocks()).isEqualTo(present.size());
        });
    }

    @Test
    void aWholeSlash0AndTheTopOfTheAddressSpaceCount() {
        Ipv4BlockUnion union = new Ipv4BlockUnion();
        assertThat(union.add(block(0xffffffffL, 32))).isEqualTo(1);
        assertThat(union.add(block(0, 0))).isEqualTo((1L << 32) - 1);
        assertThat(union.distinctAddresses()).isEqualTo(1L << 32);
        assertThat(union.remove(block(0, 0))).isEqualTo((1L << 32) - 1);
        assertThat(union.distinctAddresses()).isEqualTo(1);
    }

    @Test
    void refusesIpv6AndBlocksItDoesNotHold() {
        Ipv4BlockUnion union = new Ipv4BlockUnion();
        assertThatThrownBy(() -> union.remove(block(0x0a000000L, 24))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> union.add(Cidr.of(IpFamily.IPV6, BigInteger.ONE, 128)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long recount(List<Cidr> blocks) {
        Ipv4RangeSet set = new Ipv4RangeSet();
        blocks.forEach(set::add);
        set.distinctBlocks();
        return set.distinctAddresses();
    }

    private static Cidr block(long start, int prefix) {
        long aligned = prefix == 0 ? 0 : start & (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return Cidr.of(IpFamily.IPV4, BigInteger.valueOf(aligned), prefix);
    }
}
