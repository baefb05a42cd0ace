package io.github.blockwatch.registry;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of IPv4 addresses as sorted, disjoint, non-adjacent runs {@code [start, end)}, packed in one
 * {@code long[]}: what two dumps have in common and what only one of them blocks is a merge of two such
 * lists, linear in their length, overlaps and nesting included.
 */
final class Ipv4Runs {
    private final long[] bounds; // start0, end0, start1, end1, ...

    private Ipv4Runs(long[] bounds) {
        this.bounds = bounds;
    }

    /** Collects runs given in order of their start (overlapping or adjacent ones are merged). */
    static final class Builder {
        private long[] bounds = new long[64];
        private int size;

        void add(long start, long end) {
            if (size > 0 && start <= bounds[size - 1]) {
                bounds[size - 1] = Math.max(bounds[size - 1], end);
                return;
            }
            if (size == bounds.length) {
                bounds = Arrays.copyOf(bounds, size * 2);
            }
            bounds[size++] = start;
            bounds[size++] = end;
        }

        Ipv4Runs build() {
            return new Ipv4Runs(Arrays.copyOf(bounds, size));
        }
    }

    int runCount() {
        return bounds.length / 2;
    }

    long addresses() {
        long total = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            total += bounds[i + 1] - bounds[i];
        }
        return total;
    }

    /** Addresses in both. */
    Ipv4Runs intersect(Ipv4Runs other) {
        Builder out = new Builder();
        int i = 0;
        int j = 0;
        while (i < bounds.length && j < other.bounds.length) {
            long start = Math.max(bounds[i], other.bounds[j]);
            long end = Math.min(bounds[i + 1], other.bounds[j + 1]);
            if (start < end) {
                out.add(start, end);
            }
            if (bounds[i + 1] < other.bounds[j + 1]) {
                i += 2;
            } else {
                j += 2;
            }
        }
        return out.build();
    }

    /** Addresses in this set and not in {@code other}. */
    Ipv4Runs minus(Ipv4Runs other) {
        Builder out = new Builder();
        int j = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            long start = bounds[i];
            long end = bounds[i + 1];
            while (j < other.bounds.length && other.bounds[j + 1] <= start) {
                j += 2;
            }
            int k = j;
            while (start < end && k < other.bounds.length && other.bounds[k] < end) {
                if (other.bounds[k] > start) {
                    out.add(start, other.bounds[k]);
                }
                start = Math.max(start, other.bounds[k + 1]);
                k += 2;
            }
            if (start < end) {
                out.add(start, end);
            }
        }
        return out.build();
    }

    /**
     * The first {@code limit} runs as text: a CIDR when the run is one block ({@code 52.58.0.0/15}), else
     * {@code first-last} as iprange writes ranges.
     */
    List<String> describe(int limit) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < bounds.length && out.size() < limit; i += 2) {
            out.add(describe(bounds[i], bounds[i + 1]));
        }
        return out;
    }

    private static String describe(long start, long end) {
        long size = end - start;
        if (Long.bitCount(size) == 1 && start % size == 0) {
            int prefix = 32 - Long.numberOfTrailingZeros(size);
            return Cidr.of(IpFamily.IPV4, BigInteger.valueOf(start), prefix).toString();
        }
        return Cidr.formatAddress(IpFamily.IPV4, BigInteger.valueOf(start)) + "-"
                + Cidr.formatAddress(IpFamily.IPV4, BigInteger.valueOf(end - 1));
    }
}
