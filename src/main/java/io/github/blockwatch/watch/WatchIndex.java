package io.github.blockwatch.watch;

import io.github.blockwatch.registry.Cidr;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every watchlist's addresses in one interval index: the address space cut at every watched interval's ends
 * into elementary segments, each with the watchlists that watch all of it. {@link #meet} finds the segments a
 * range overlaps by binary search, so the cost per blocked or unblocked range is O(log n + k) for n segments
 * and k overlapped — independent of how many watchlists there are when none is hit. Immutable; rebuilt when
 * a watchlist or the owner datasets change.
 */
public final class WatchIndex {
    private static final WatchIndex EMPTY = new WatchIndex(new AddressInterval[0], new String[0][]);

    /** Segments in address order (IPv4 first), disjoint; watchers[i] watch segments[i]. */
    private final AddressInterval[] segments;
    private final String[][] watchers;

    private WatchIndex(AddressInterval[] segments, String[][] watchers) {
        this.segments = segments;
        this.watchers = watchers;
    }

    public static WatchIndex empty() {
        return EMPTY;
    }

    /** The index of {@code watched}: watchlist name → its addresses. */
    public static WatchIndex of(Map<String, AddressSet> watched) {
        // Sweep the interval ends of every watchlist: +name at a start, -name just after an end.
        TreeMap<AddressInterval, List<String[]>> events = new TreeMap<>(); // point as a 1-address interval
        watched.forEach((name, set) -> {
            for (AddressInterval i : set.intervals()) {
                events.computeIfAbsent(point(i, i.first()), k -> new ArrayList<>()).add(new String[] {"+", name});
                if (i.last().add(BigInteger.ONE).bitLength() <= i.family().bits()) { // else it runs to the top of the space
                    events.computeIfAbsent(point(i, i.last().add(BigInteger.ONE)), k -> new ArrayList<>()).add(new String[] {"-", name});
                }
            }
        });
        List<AddressInterval> segments = new ArrayList<>();
        List<String[]> watchers = new ArrayList<>();
        TreeSet<String> active = new TreeSet<>();
        Map.Entry<AddressInterval, List<String[]>> e = events.firstEntry();
        while (e != null) {
            for (String[] change : e.getValue()) {
                if (change[0].equals("+")) {
                    active.add(change[1]);
                } else {
                    active.remove(change[1]);
                }
            }
            Map.Entry<AddressInterval, List<String[]>> next = events.higherEntry(e.getKey());
            AddressInterval at = e.getKey();
            if (!active.isEmpty()) {
                // An open segment runs to the next event of its family, or to the end of the family's space.
                BigInteger end = next != null && next.getKey().family() == at.family()
                        ? next.getKey().first().subtract(BigInteger.ONE)
                        : BigInteger.ONE.shiftLeft(at.family().bits()).subtract(BigInteger.ONE);
                segments.add(new AddressInterval(at.family(), at.first(), end));
                watchers.add(active.toArray(String[]::new));
                if (next == null || next.getKey().family() != at.family()) {
                    active.clear(); // the watched space of this family ended at its top address
                }
            }
            e = next;
        }
        return segments.isEmpty() ? EMPTY
                : new WatchIndex(segments.toArray(AddressInterval[]::new), watchers.toArray(String[][]::new));
    }

    private static AddressInterval point(AddressInterval in, BigInteger at) {
        return new AddressInterval(in.family(), at, at);
    }

    public boolean isEmpty() {
        return segments.length == 0;
    }

    /**
     * The watchlists {@code range} meets, each with the watched addresses inside it (merged, in address
     * order); empty when it meets none. Watchlists in name order.
     */
    public Map<String, List<AddressInterval>> meet(Cidr range) {
        if (segments.length == 0) {
            return Map.of();
        }
        AddressInterval span = AddressInterval.of(range);
        int i = firstEndingAtOrAfter(span);
        Map<String, List<AddressInterval>> parts = new TreeMap<>();
        for (; i < segments.length; i++) {
            AddressInterval common = segments[i].intersection(span);
            if (common == null) {
                break;
            }
            for (String name : watchers[i]) {
                parts.computeIfAbsent(name, k -> new ArrayList<>()).add(common);
            }
        }
        Map<String, List<AddressInterval>> merged = new LinkedHashMap<>();
        parts.forEach((name, pieces) -> merged.put(name, AddressSet.of(pieces).intervals()));
        return merged;
    }

    /** Number of elementary segments (for tests and sizing). */
    public int size() {
        return segments.length;
    }

    private int firstEndingAtOrAfter(AddressInterval span) {
        Comparator<AddressInterval> beforeSpan = (m, s) -> {
            int byFamily = m.family().compareTo(s.family());
            return byFamily != 0 ? byFamily : m.last().compareTo(s.first()) < 0 ? -1 : 1;
        };
        int lo = 0;
        int hi = segments.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (beforeSpan.compare(segments[mid], span) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            text.append(segments[i]).append(' ').append(Arrays.toString(watchers[i])).append('\n');
        }
        return text.toString();
    }
}
