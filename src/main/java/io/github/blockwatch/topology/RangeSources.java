package io.github.blockwatch.topology;

import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.registry.SourceNames;
import java.util.List;
import java.util.Map;

/**
 * Which sources list a range: a count of live entries per source in the range's state, kept beside the
 * entry sample ({@link RangeEntries}), whose few entries cannot tell. A state written before 0.4 has no
 * counts; all its entries were the default source's. The read side (the HTTP API) takes the names from here
 * too, so the rule for older records lives in one place.
 */
public final class RangeSources {
    private RangeSources() {}

    /** Counts one more entry of {@code source}; true when it is the source's first for the range. */
    static boolean added(RangeState state, String source, int entriesBefore) {
        Map<String, Integer> counts = counts(state, entriesBefore);
        return counts.merge(source, 1, Integer::sum) == 1;
    }

    /** Counts one entry of {@code source} less; true when it was the source's last for the range. */
    static boolean removed(RangeState state, String source, int entriesBefore) {
        Map<String, Integer> counts = counts(state, entriesBefore);
        Integer left = counts.computeIfPresent(source, (name, count) -> count > 1 ? count - 1 : null);
        return left == null;
    }

    /** How many of the range's entries are the source's. */
    static int count(RangeState state, String source) {
        if (state.getSources().isEmpty()) {
            return SourceNames.DEFAULT.equals(source) ? RangeEntries.count(state) : 0;
        }
        return state.getSources().getOrDefault(source, 0);
    }

    /** The names of the sources that list the range, sorted. */
    public static List<String> names(RangeState state) {
        if (state.getSources().isEmpty()) {
            return RangeEntries.count(state) > 0 ? List.of(SourceNames.DEFAULT) : List.of();
        }
        return state.getSources().keySet().stream().sorted().toList();
    }

    /**
     * The names of the sources that listed a range as {@code blockwatch.blocked.ranges} (and the range
     * history) carry it, sorted; a record written before 0.4 has none: the default source's.
     */
    public static List<String> names(BlockedRange range) {
        return range.getSources().isEmpty() ? List.of(SourceNames.DEFAULT) : List.copyOf(range.getSources());
    }

    /** The counts, written into a state from before 0.4 first ({@code entriesBefore} default entries). */
    private static Map<String, Integer> counts(RangeState state, int entriesBefore) {
        Map<String, Integer> counts = state.getSources();
        if (!(counts instanceof java.util.HashMap)) {
            counts = new java.util.HashMap<>(counts); // a decoded or default map may not be writable
            state.setSources(counts);
        }
        if (counts.isEmpty() && entriesBefore > 0) {
            counts.put(SourceNames.DEFAULT, entriesBefore);
        }
        return counts;
    }
}
