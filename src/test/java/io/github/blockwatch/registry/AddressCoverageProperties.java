package io.github.blockwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import static io.github.blockwatch.Generators.integer;
import static io.github.blockwatch.Generators.javaRandom;
import static io.github.blockwatch.Generators.list;
import static io.github.blockwatch.Generators.oneOf;

import io.github.blockwatch.PropertyTries;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link AddressCoverage} over {@link TreeBoundaryMap} against a naive model: one counter per address of
 * a 4,096-address region (a /20). Blocks are /20 to /32 inside the region; the region is either in the
 * middle of the IPv4 space or at its very end (where a block's end is 2^32, outside the space). Each test
 * runs {@link PropertyTries#TRIES} seeded tries.
 */
class AddressCoverageProperties {
    private static final int REGION_BITS = 12;
    private static final int REGION_SIZE = 1 << REGION_BITS;
    private static final long MIDDLE = 0x0A00_0000L;            // 10.0.0.0/20
    private static final long END = (1L << 32) - REGION_SIZE;     // 255.255.240.0/20

    /** A block of the region: its offset from the region start and its prefix length. */
    record Block(long base, int offset, int prefix) {
        Cidr cidr() {
            return Cidr.of(IpFamily.IPV4, BigInteger.valueOf(base + offset), prefix);
        }

        int size() {
            return 1 << (32 - prefix);
        }
    }

    /** 1 to 40 blocks, all in one region (the middle or the end of the space, with even odds). */
    static List<Block> blocks(SplittableRandom random) {
        long base = oneOf(random, MIDDLE, END);
        return list(random, 1, 40, r -> block(r, base));
    }

    private static Block block(SplittableRandom random, long base) {
        int offset = integer(random, 0, REGION_SIZE - 1);
        int prefix = integer(random, 32 - REGION_BITS, 32);
        int size = 1 << (32 - prefix);
        return new Block(base, offset / size * size, prefix); // aligned: a real CIDR block
    }

    @Test
    void unionCountEqualsTheNumberOfAddressesInTheModel() {
        PropertyTries.check(random -> unionCountEqualsTheNumberOfAddressesInTheModel(blocks(random)));
    }

    private static void unionCountEqualsTheNumberOfAddressesInTheModel(List<Block> blocks) {
        AddressCoverage coverage = new AddressCoverage(new TreeBoundaryMap());
        int[] depth = new int[REGION_SIZE];
        BigInteger total = BigInteger.ZERO;
        for (Block block : blocks) {
            int newlyCovered = 0;
            for (int a = block.offset(); a < block.offset() + block.size(); a++) {
                if (depth[a]++ == 0) {
                    newlyCovered++;
                }
            }
            BigInteger added = coverage.add(block.cidr());
            assertThat(added).as("adding %s", block.cidr()).isEqualTo(BigInteger.valueOf(newlyCovered));
            total = total.add(added);
        }
        long modelUnion = java.util.Arrays.stream(depth).filter(d -> d > 0).count();
        assertThat(total).isEqualTo(BigInteger.valueOf(modelUnion));
    }

    @Test
    void theMapHoldsExactlyTheModelsStepsAfterEveryChange() {
        PropertyTries.check(random -> theMapHoldsExactlyTheModelsStepsAfterEveryChange(blocks(random), javaRandom(random)));
    }

    private static void theMapHoldsExactlyTheModelsStepsAfterEveryChange(List<Block> blocks, java.util.Random random) {
        TreeBoundaryMap map = new TreeBoundaryMap();
        AddressCoverage coverage = new AddressCoverage(map);
        int[] depth = new int[REGION_SIZE];
        long base = blocks.get(0).base();
        List<Block> changes = new ArrayList<>(blocks);
        List<Block> removals = new ArrayList<>(blocks);
        java.util.Collections.shuffle(removals, random);
        for (int i = 0; i < changes.size() + removals.size(); i++) {
            boolean adding = i < changes.size();
            Block block = adding ? changes.get(i) : removals.get(i - changes.size());
            for (int a = block.offset(); a < block.offset() + block.size(); a++) {
                depth[a] += adding ? 1 : -1;
            }
            if (adding) {
                coverage.add(block.cidr());
            } else {
                coverage.remove(block.cidr());
            }
            assertThat(map.range(IpFamily.IPV4, BigInteger.ZERO, BigInteger.ONE.shiftLeft(33)))
                    .as("after %s %s", adding ? "adding" : "removing", block.cidr())
                    .isEqualTo(steps(depth, base));
        }
    }

    /** Where the model's depth changes (a boundary at the region's end only if that is inside the space). */
    private static List<BoundaryMap.Boundary> steps(int[] depth, long base) {
        List<BoundaryMap.Boundary> steps = new ArrayList<>();
        int before = 0;
        for (int a = 0; a <= REGION_SIZE; a++) {
            int here = a < REGION_SIZE ? depth[a] : 0;
            if (here != before && base + a < (1L << 32)) {
                steps.add(new BoundaryMap.Boundary(BigInteger.valueOf(base + a), here));
            }
            before = here;
        }
        return steps;
    }

    @Test
    void addingThenRemovingInAnyOrderReturnsToTheEmptyState() {
        PropertyTries.check(random -> addingThenRemovingInAnyOrderReturnsToTheEmptyState(blocks(random), javaRandom(random)));
    }

    private static void addingThenRemovingInAnyOrderReturnsToTheEmptyState(List<Block> blocks, java.util.Random random) {
        TreeBoundaryMap map = new TreeBoundaryMap();
        AddressCoverage coverage = new AddressCoverage(map);
        int[] depth = new int[REGION_SIZE];
        BigInteger added = BigInteger.ZERO;
        for (Block block : blocks) {
            added = added.add(coverage.add(block.cidr()));
            for (int a = block.offset(); a < block.offset() + block.size(); a++) {
                depth[a]++;
            }
        }
        List<Block> removals = new ArrayList<>(blocks);
        java.util.Collections.shuffle(removals, random);
        BigInteger removed = BigInteger.ZERO;
        for (Block block : removals) {
            int uncovered = 0;
            for (int a = block.offset(); a < block.offset() + block.size(); a++) {
                if (--depth[a] == 0) {
                    uncovered++;
                }
            }
            BigInteger count = coverage.remove(block.cidr());
            assertThat(count).as("removing %s", block.cidr()).isEqualTo(BigInteger.valueOf(uncovered));
            removed = removed.add(count);
        }
        assertThat(removed).isEqualTo(added);
        assertThat(map.size()).as("boundaries left").isZero();
    }

    @Test
    void removingSomeBlocksLeavesTheSameMapAsNeverAddingThem() {
        // Two independent lists: each picks its own region, so they may or may not overlap.
        PropertyTries.check(random -> removingSomeBlocksLeavesTheSameMapAsNeverAddingThem(blocks(random), blocks(random)));
    }

    private static void removingSomeBlocksLeavesTheSameMapAsNeverAddingThem(List<Block> kept, List<Block> transient_) {
        // The step function is canonical: adding and removing blocks leaves no trace of them.
        TreeBoundaryMap direct = new TreeBoundaryMap();
        AddressCoverage directCoverage = new AddressCoverage(direct);
        kept.forEach(b -> directCoverage.add(b.cidr()));

        TreeBoundaryMap detour = new TreeBoundaryMap();
        AddressCoverage detourCoverage = new AddressCoverage(detour);
        transient_.forEach(b -> detourCoverage.add(b.cidr()));
        kept.forEach(b -> detourCoverage.add(b.cidr()));
        transient_.forEach(b -> detourCoverage.remove(b.cidr()));

        for (IpFamily family : IpFamily.values()) {
            BigInteger end = BigInteger.ONE.shiftLeft(family.bits() + 1);
            assertThat(detour.range(family, BigInteger.ZERO, end)).isEqualTo(direct.range(family, BigInteger.ZERO, end));
        }
    }
}
