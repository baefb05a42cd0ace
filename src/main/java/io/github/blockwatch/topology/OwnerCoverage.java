package io.github.blockwatch.topology;

import io.github.blockwatch.owners.OwnerLabel;
import io.github.blockwatch.owners.OwnerSegments;
import io.github.blockwatch.registry.BoundaryMap;
import io.github.blockwatch.registry.IpFamily;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Distinct blocked IPv4 addresses per owner: the table's coverage intersected with the owner segments.
 * Each segment asks the coverage for its depth at the segment's start and the boundaries inside it, so
 * the cost follows the owner segments and the blocked ranges that fall on owned space, not the whole table.
 */
final class OwnerCoverage {
    private OwnerCoverage() {}

    /** Blocked addresses per owner label (service dropped: statistics are per owner, cloud and region). */
    static Map<OwnerLabel, Long> count(BoundaryMap coverage, OwnerSegments segments) {
        Map<OwnerLabel, Long> counts = new HashMap<>();
        for (OwnerSegments.Piece segment : segments.segments()) {
            long blocked = blocked(coverage, segment.first(), segment.last());
            if (blocked > 0) {
                counts.merge(segment.label().withoutService(), blocked, Long::sum);
            }
        }
        return counts;
    }

    /** Addresses of {@code [first, last]} covered by at least one range. */
    static long blocked(BoundaryMap coverage, long first, long last) {
        BigInteger start = BigInteger.valueOf(first);
        BoundaryMap.Boundary floor = coverage.floor(IpFamily.IPV4, start);
        boolean covered = floor != null && floor.depth() > 0;
        long at = first;
        long total = 0;
        List<BoundaryMap.Boundary> inside = coverage.range(IpFamily.IPV4, start.add(BigInteger.ONE),
                BigInteger.valueOf(last + 1));
        for (BoundaryMap.Boundary b : inside) {
            long point = b.point().longValueExact();
            if (covered) {
                total += point - at;
            }
            at = point;
            covered = b.depth() > 0;
        }
        if (covered) {
            total += last + 1 - at;
        }
        return total;
    }
}
