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
        List<String> kept = dump.getLargestNewRanges();
        String range = cidr.toString();
        // The list is kept sorted, so the new range goes after every range it does not sort before (where a
        // stable sort of the list plus it would put it). Most ranges of a big dump are smaller than all
        // twenty: they change nothing, and cost one comparison rather than a copy and a sort.
        int at = kept.size();
        while (at > 0 && LARGEST_FIRST.compare(range, kept.get(at - 1)) < 0) {
            at--;
        }
        if (at >= MAX_RANGES) {
            return;
        }
        List<String> ranges = new ArrayList<>(kept.size() + 1);
        ranges.addAll(kept);
        ranges.add(at, range);
        if (ranges.size() > MAX_RANGES) {
            ranges.remove(ranges.size() - 1);
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
