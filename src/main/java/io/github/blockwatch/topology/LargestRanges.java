package io.github.blockwatch.topology;

import io.github.blockwatch.avro.DumpProgress;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.IpFamily;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps, per dump, the largest IPv4 ranges it newly blocked: a SURGE alert names them, so a reader
 * sees at once which blocks made the surge.
 */
final class LargestRanges {
    static final int MAX_RANGES = 20;

    private LargestRanges() {}

    static void offer(DumpProgress dump, Cidr cidr) {
        if (cidr.family() != IpFamily.IPV4) {
            return;
        }
        List<String> ranges = new ArrayList<>(dump.getLargestNewRanges());
        ranges.add(cidr.toString());
        ranges.sort(LARGEST_FIRST);
        if (ranges.size() > MAX_RANGES) {
            ranges = new ArrayList<>(ranges.subList(0, MAX_RANGES));
        }
        dump.setLargestNewRanges(ranges);
    }

    /** Largest first (shortest prefix), then by address text, so the order is deterministic. */
    static final Comparator<String> LARGEST_FIRST =
            Comparator.comparingInt(LargestRanges::prefixLength).thenComparing(Comparator.naturalOrder());

    static int prefixLength(String cidr) {
        return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    }
}
