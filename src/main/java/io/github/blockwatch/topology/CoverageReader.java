package io.github.blockwatch.topology;

import io.github.blockwatch.registry.IpFamily;
import io.github.blockwatch.watch.AddressInterval;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads the exact coverage of the address table ({@value StoreNames#ADDRESS_COVERAGE}: boundary → how many
 * blocked ranges cover the addresses from it to the next boundary) over a span: which of its addresses are
 * blocked, by how many ranges. The read side of {@link StoreBoundaryMap}, for the watchlist rule and the HTTP
 * API; a span costs one floor lookup and one range scan over the boundaries inside it.
 */
public final class CoverageReader {
    private final ReadOnlyKeyValueStore<Bytes, Integer> store;

    public CoverageReader(ReadOnlyKeyValueStore<Bytes, Integer> store) {
        this.store = store;
    }

    /** The blocked parts of {@code span} (covered by at least one range), in address order. */
    public List<AddressInterval> blocked(AddressInterval span) {
        return where(span, depth -> depth > 0);
    }

    /** The parts of {@code span} covered by exactly one range: after a range was added, those it alone blocks. */
    public List<AddressInterval> blockedOnce(AddressInterval span) {
        return where(span, depth -> depth == 1);
    }

    /** The parts of {@code span} no range covers. */
    public List<AddressInterval> unblocked(AddressInterval span) {
        return where(span, depth -> depth == 0);
    }

    /** {@link #blocked} of each span. */
    public List<AddressInterval> blocked(List<AddressInterval> spans) {
        List<AddressInterval> all = new ArrayList<>();
        spans.forEach(s -> all.addAll(blocked(s)));
        return all;
    }

    private List<AddressInterval> where(AddressInterval span, IntPredicate wanted) {
        IpFamily family = span.family();
        List<AddressInterval> parts = new ArrayList<>();
        int depth = depthAt(family, span.first());
        BigInteger from = span.first();
        BigInteger end = span.last().add(BigInteger.ONE);
        // Boundaries strictly inside the span, each starting a segment of a new depth (a single address has none).
        if (span.first().compareTo(span.last()) < 0) {
            try (KeyValueIterator<Bytes, Integer> inside = store.range(
                    StoreBoundaryMap.key(family, span.first().add(BigInteger.ONE)), StoreBoundaryMap.key(family, span.last()))) {
                while (inside.hasNext()) {
                    KeyValue<Bytes, Integer> boundary = inside.next();
                    BigInteger point = StoreBoundaryMap.point(boundary.key);
                    add(parts, family, from, point, depth, wanted);
                    from = point;
                    depth = boundary.value;
                }
            }
        }
        add(parts, family, from, end, depth, wanted);
        return merge(parts);
    }

    private int depthAt(IpFamily family, BigInteger point) {
        try (KeyValueIterator<Bytes, Integer> it = store.reverseRange(
                StoreBoundaryMap.key(family, BigInteger.ZERO), StoreBoundaryMap.key(family, point))) {
            return it.hasNext() ? it.next().value : 0;
        }
    }

    private static void add(List<AddressInterval> parts, IpFamily family, BigInteger from, BigInteger endExclusive,
                            int depth, IntPredicate wanted) {
        if (wanted.test(depth) && from.compareTo(endExclusive) < 0) {
            parts.add(new AddressInterval(family, from, endExclusive.subtract(BigInteger.ONE)));
        }
    }

    /** Joins touching parts (two boundaries whose depths both qualify). */
    private static List<AddressInterval> merge(List<AddressInterval> parts) {
        List<AddressInterval> merged = new ArrayList<>(parts.size());
        for (AddressInterval p : parts) {
            AddressInterval last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.last().add(BigInteger.ONE).equals(p.first())) {
                merged.set(merged.size() - 1, new AddressInterval(p.family(), last.first(), p.last()));
            } else {
                merged.add(p);
            }
        }
        return merged;
    }
}
