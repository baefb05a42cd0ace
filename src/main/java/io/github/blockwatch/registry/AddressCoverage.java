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

    /**
     * Whether any address of {@code block} is covered: one floor lookup. A boundary exists only where the depth
     * changes, so if the last one at or before the block's end lies inside the block, some of it is covered;
     * otherwise the whole block has that boundary's depth.
     */
    public boolean coversAny(Cidr block) {
        BoundaryMap.Boundary atEnd = boundaries.floor(block.family(), block.last());
        return atEnd != null && (atEnd.depth() > 0 || atEnd.point().compareTo(block.first()) > 0);
    }

    private BigInteger shift(Cidr block, int delta, ChangedSegments listener) {
        IpFamily family = block.family();
        BigInteger start = block.first();
        BigInteger end = block.last().add(BigInteger.ONE);
        boolean endInsideSpace = end.bitLength() <= family.bits();

        // Read the steps around and inside the block first, then write each boundary that changes once.
        // (Splitting the function at both ends, shifting, then merging equal neighbours gives the same map,
        // but wrote the start boundary twice and a merged end three times: in the live table every write is
        // a state-store put and a changelog record.)
        BoundaryMap.Boundary floorOfStart = boundaries.floor(family, start);
        boolean startExists = floorOfStart != null && floorOfStart.point().equals(start);
        int startDepth = floorOfStart == null ? 0 : floorOfStart.depth();
        int depthBeforeStart = startDepth;
        if (startExists) {
            BoundaryMap.Boundary before = boundaries.lower(family, start);
            depthBeforeStart = before == null ? 0 : before.depth();
        }
        List<BoundaryMap.Boundary> inside = boundaries.range(family, start, end);
        int firstInside = startExists ? 1 : 0; // range() includes the boundary at start, if there is one

        // The segments of [start, end): the one that starts at start, then one per boundary inside.
        BigInteger changed = BigInteger.ZERO;
        int lastDepth = startDepth;
        BigInteger segmentStart = start;
        for (int i = firstInside; i <= inside.size(); i++) {
            BigInteger segmentEnd = i < inside.size() ? inside.get(i).point() : end;
            changed = changed.add(count(block, segmentStart, segmentEnd, lastDepth, delta, listener));
            if (i < inside.size()) {
                segmentStart = segmentEnd;
                lastDepth = inside.get(i).depth();
            }
        }

        // Depth from end onwards is unchanged; a boundary is needed there only if the depth before it now differs.
        if (endInsideSpace) {
            BoundaryMap.Boundary floorOfEnd = boundaries.floor(family, end);
            boolean endExists = floorOfEnd != null && floorOfEnd.point().equals(end);
            int depthFromEnd = endExists ? floorOfEnd.depth() : lastDepth;
            boolean endNeeded = lastDepth + delta != depthFromEnd;
            if (endNeeded && !endExists) {
                boundaries.put(family, end, depthFromEnd);
            } else if (!endNeeded && endExists) {
                boundaries.remove(family, end);
            }
        }
        for (int i = firstInside; i < inside.size(); i++) {
            BoundaryMap.Boundary b = inside.get(i);
            boundaries.put(family, b.point(), b.depth() + delta);
        }
        // The map holds only real steps: a start at the depth before it would be no step.
        if (startDepth + delta != depthBeforeStart) {
            boundaries.put(family, start, startDepth + delta);
        } else if (startExists) {
            boundaries.remove(family, start);
        }
        return changed;
    }

    /** Checks one segment's new depth; returns its size if the change covers it newly or uncovers it. */
    private static BigInteger count(Cidr block, BigInteger from, BigInteger toExclusive, int depth, int delta,
                                    ChangedSegments listener) {
        if (depth + delta < 0) {
            throw new IllegalStateException("removing " + block + " which is not covered");
        }
        boolean uncoveredBefore = delta > 0 && depth == 0;
        boolean uncoveredAfter = delta < 0 && depth + delta == 0;
        if (!uncoveredBefore && !uncoveredAfter) {
            return BigInteger.ZERO;
        }
        listener.changed(from, toExclusive);
        return toExclusive.subtract(from);
    }
}
