package io.github.blockwatch.owners;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The IPv4 space cut into disjoint segments, each held by the most specific owner range that covers it
 * (longest-prefix match, generalised to iptoasn's arbitrary ranges: the smallest covering range wins).
 * Among ranges of equal size from several datasets the richest label wins (a cloud region over an AS
 * number), then the later dataset name (dates sort). Addresses in no segment are unattributed.
 *
 * <p>Built once by a sweep over the range ends (O(n log n)); {@link #split} answers any range in
 * O(log n + k) for k segments it meets. Immutable, so a built index can be shared between threads.
 */
public final class OwnerSegments {
    /** The winner among ranges covering the same address. */
    static final Comparator<OwnerRange> MOST_SPECIFIC = Comparator.comparingLong(OwnerRange::size)
            .thenComparing(r -> -r.label().richness())
            .thenComparing(OwnerRange::dataset, Comparator.reverseOrder())
            .thenComparing(OwnerRange::range);

    private static final OwnerSegments EMPTY = new OwnerSegments(new long[0], new long[0], new OwnerRange[0]);

    private final long[] starts;
    private final long[] ends; // inclusive
    private final OwnerRange[] holders;

    private OwnerSegments(long[] starts, long[] ends, OwnerRange[] holders) {
        this.starts = starts;
        this.ends = ends;
        this.holders = holders;
    }

    public static OwnerSegments empty() {
        return EMPTY;
    }

    /** Sweeps the ranges' starts and ends; at every step the smallest active range holds the segment. */
    public static OwnerSegments of(Collection<OwnerRange> ranges) {
        if (ranges.isEmpty()) {
            return EMPTY;
        }
        List<long[]> events = new ArrayList<>(ranges.size() * 2); // {point, +1 start / -1 end, index}
        OwnerRange[] all = ranges.toArray(OwnerRange[]::new);
        for (int i = 0; i < all.length; i++) {
            events.add(new long[] {all[i].first(), 1, i});
            events.add(new long[] {all[i].last() + 1, -1, i});
        }
        events.sort(Comparator.comparingLong((long[] e) -> e[0]));
        TreeSet<Integer> active = new TreeSet<>(Comparator.comparing((Integer i) -> all[i], MOST_SPECIFIC)
                .thenComparingInt(i -> i));
        long[] s = new long[events.size()];
        long[] e = new long[events.size()];
        OwnerRange[] h = new OwnerRange[events.size()];
        int n = 0;
        int k = 0;
        while (k < events.size()) {
            long point = events.get(k)[0];
            while (k < events.size() && events.get(k)[0] == point) {
                long[] event = events.get(k++);
                if (event[1] > 0) {
                    active.add((int) event[2]);
                } else {
                    active.remove((int) event[2]);
                }
            }
            if (active.isEmpty() || k == events.size()) {
                continue;
            }
            long end = events.get(k)[0] - 1;
            OwnerRange holder = all[active.first()];
            if (n > 0 && h[n - 1] == holder && e[n - 1] + 1 == point) {
                e[n - 1] = end;
            } else {
                s[n] = point;
                e[n] = end;
                h[n] = holder;
                n++;
            }
        }
        return new OwnerSegments(Arrays.copyOf(s, n), Arrays.copyOf(e, n), Arrays.copyOf(h, n));
    }

    /** A piece of a split range: {@code holder} null for the unattributed parts. */
    public record Piece(long first, long last, OwnerRange holder) {
        public long size() {
            return last - first + 1;
        }

        public OwnerLabel label() {
            return holder == null ? null : holder.label();
        }
    }

    public int size() {
        return starts.length;
    }

    /** The segment holding {@code address}, or null when no dataset claims it. */
    public Piece segmentAt(long address) {
        int i = floorIndex(address);
        return i >= 0 && ends[i] >= address ? new Piece(starts[i], ends[i], holders[i]) : null;
    }

    /** {@code [first, last]} cut where its holder changes, in address order, gaps as unattributed pieces. */
    public List<Piece> split(long first, long last) {
        List<Piece> pieces = new ArrayList<>(2);
        long at = first;
        int i = Math.max(floorIndex(first), 0);
        while (at <= last) {
            if (i >= starts.length || starts[i] > last) {
                pieces.add(new Piece(at, last, null));
                break;
            }
            if (ends[i] < at) {
                i++;
                continue;
            }
            if (starts[i] > at) {
                pieces.add(new Piece(at, starts[i] - 1, null));
                at = starts[i];
            }
            long end = Math.min(ends[i], last);
            pieces.add(new Piece(at, end, holders[i]));
            at = end + 1;
            i++;
        }
        return pieces;
    }

    /** Every segment in address order. */
    public List<Piece> segments() {
        List<Piece> all = new ArrayList<>(starts.length);
        for (int i = 0; i < starts.length; i++) {
            all.add(new Piece(starts[i], ends[i], holders[i]));
        }
        return all;
    }

    private int floorIndex(long address) {
        int i = Arrays.binarySearch(starts, address);
        return i >= 0 ? i : -i - 2;
    }
}
