package io.github.blockwatch.registry;

import java.math.BigInteger;
import java.util.List;

/**
 * Exact, overlap-aware union of CIDR blocks, updated one block at a time.
 *
 * <p>The union is kept as a step function of coverage depth over the address space (see
 * {@link BoundaryMap}). Adding a block raises the depth over its span by one and returns how many of its
 * addresses were covered by nothing before; removing it lowers the depth and returns how many are now
 * covered by nothing. The cost is proportional to the boundaries inside the block's span, not to the size
 * of the table: a /32 added to a table of a million ranges touches two boundaries. Callers add each
 * distinct block once (they keep their own reference counts of who blocks it).
 */
public final class AddressCoverage {
    private final BoundaryMap boundaries;

    public AddressCoverage(BoundaryMap boundaries) {
        this.boundaries = boundaries;
    }

    /** Receives the segments a change covers newly (or uncovers): {@code [start, endExclusive)}. */
    @FunctionalInterface
    public interface ChangedSegments {
        ChangedSegments NONE = (start, endExclusive) -> {};

        void changed(BigInteger start, BigInteger endExclusive);
    }

    /** Covers {@code block} once more; returns the addresses it newly covers. */
    public BigInteger add(Cidr block) {
        return shift(block, +1, ChangedSegments.NONE);
    }

    /** As {@link #add(Cidr)}, telling {@code newlyCovered} which segments were covered by nothing before. */
    public BigInteger add(Cidr block, ChangedSegments newlyCovered) {
        return shift(block, +1, newlyCovered);
    }

    /** Covers {@code block} once less; returns the addresses no longer covered at all. */
    public BigInteger remove(Cidr block) {
        return shift(block, -1, ChangedSegments.NONE);
    }

    private BigInteger shift(Cidr block, int delta, ChangedSegments listener) {
        IpFamily family = block.family();
        BigInteger start = block.first();
        BigInteger end = block.last().add(BigInteger.ONE);
        boolean endInsideSpace = end.bitLength() <= family.bits();

        // Split the step function at both ends of the block so the depth change stays inside it.
        splitAt(family, start);
        if (endInsideSpace) {
            splitAt(family, end);
        }
        List<BoundaryMap.Boundary> inside = boundaries.range(family, start, end);
        BigInteger changed = BigInteger.ZERO;
        for (int i = 0; i < inside.size(); i++) {
            BoundaryMap.Boundary b = inside.get(i);
            BigInteger segmentEnd = i + 1 < inside.size() ? inside.get(i + 1).point() : end;
            int depth = b.depth() + delta;
            if (depth < 0) {
                throw new IllegalStateException("removing " + block + " which is not covered");
            }
            boolean uncoveredBefore = delta > 0 && b.depth() == 0;
            boolean uncoveredAfter = delta < 0 && depth == 0;
            if (uncoveredBefore || uncoveredAfter) {
                changed = changed.add(segmentEnd.subtract(b.point()));
                listener.changed(b.point(), segmentEnd);
            }
            boundaries.put(family, b.point(), depth);
        }
        // Merge segments the change made equal again, so the map holds only real steps.
        mergeIfRedundant(family, start);
        if (endInsideSpace) {
            mergeIfRedundant(family, end);
        }
        return changed;
    }

    private void splitAt(IpFamily family, BigInteger point) {
        BoundaryMap.Boundary floor = boundaries.floor(family, point);
        if (floor == null || !floor.point().equals(point)) {
            boundaries.put(family, point, floor == null ? 0 : floor.depth());
        }
    }

    private void mergeIfRedundant(IpFamily family, BigInteger point) {
        BoundaryMap.Boundary at = boundaries.floor(family, point);
        if (at == null || !at.point().equals(point)) {
            return;
        }
        BoundaryMap.Boundary before = boundaries.lower(family, point);
        int depthBefore = before == null ? 0 : before.depth();
        if (depthBefore == at.depth()) {
            boundaries.remove(family, point);
        }
    }
}
