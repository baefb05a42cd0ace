package io.github.blockwatch.topology;

import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.RangeState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The entries that block one range, kept so that adding or removing one costs the same however many there
 * are. The range's {@code RangeState} holds a sample: every entry while there are at most
 * {@code sampleSize}, then that many of them, which is what the API shows and what the range's decisions are
 * taken from. The others are one record each in the {@value StoreNames#RANGE_ENTRIES} store (key = CIDR + " "
 * + entry key) and counted in {@code moreEntries}. Before, the state held every entry: 2,000,000 copies of one
 * row made one record of them rewritten for each copy (quadratic), and it passed the 16 MiB record limit near
 * 300,000. The count stays exact: the range is unblocked exactly when its last entry goes.
 *
 * <p>A state written before 0.4 holds all its entries in the sample, however many; it stays valid (the
 * sample only grows again once it is below {@code sampleSize}).
 */
final class RangeEntries {
    /** As many as the API lists for a range. */
    static final int DEFAULT_SAMPLE = 20;

    private final KeyValueStore<String, Decision> more;
    private final int sampleSize;

    RangeEntries(KeyValueStore<String, Decision> more, int sampleSize) {
        this.more = more;
        this.sampleSize = sampleSize;
    }

    /** How many entries block the range. */
    static int count(RangeState state) {
        return state.getEntries().size() + state.getMoreEntries();
    }

    /** Whether {@code entry} is one of them. */
    boolean lists(String cidr, RangeState state, String entry) {
        return state.getEntries().containsKey(entry) || (state.getMoreEntries() > 0 && more.get(key(cidr, entry)) != null);
    }

    /** Adds {@code entry}, or gives it its new decision if it is one of them already; true when it was not. */
    boolean put(String cidr, RangeState state, String entry, Decision decision) {
        Map<String, Decision> sample = state.getEntries();
        if (sample.containsKey(entry)) {
            sample.put(entry, decision);
            return false;
        }
        String key = key(cidr, entry);
        if (state.getMoreEntries() > 0 && more.get(key) != null) {
            more.put(key, decision);
            return false;
        }
        if (sample.size() < sampleSize) {
            sample.put(entry, decision);
            return true;
        }
        more.put(key, decision);
        state.setMoreEntries(state.getMoreEntries() + 1);
        return true;
    }

    /** Removes {@code entry}; returns its decision, or null if it was not one of them. */
    Decision remove(String cidr, RangeState state, String entry) {
        Decision decision = state.getEntries().remove(entry);
        if (decision != null) {
            if (state.getEntries().isEmpty() && state.getMoreEntries() > 0) {
                refill(cidr, state, entry);
            }
            return decision;
        }
        if (state.getMoreEntries() == 0) {
            return null;
        }
        String key = key(cidr, entry);
        decision = more.get(key);
        if (decision != null) {
            more.delete(key);
            state.setMoreEntries(state.getMoreEntries() - 1);
        }
        return decision;
    }

    /**
     * Moves up to a sample's worth of the other entries into the emptied sample. The scan starts at the
     * entry just removed: entries tend to go in the order they came, so what lies before it was mostly
     * removed already, and a scan from the start would step over all those deleted keys each time.
     */
    private void refill(String cidr, RangeState state, String removed) {
        List<KeyValue<String, Decision>> taken = take(key(cidr, removed), cidr);
        if (taken.isEmpty()) {
            taken = take(key(cidr, ""), cidr);
        }
        for (KeyValue<String, Decision> next : taken) {
            more.delete(next.key);
            state.getEntries().put(next.key.substring(cidr.length() + 1), next.value);
        }
        state.setMoreEntries(state.getMoreEntries() - taken.size());
    }

    private List<KeyValue<String, Decision>> take(String from, String cidr) {
        List<KeyValue<String, Decision>> taken = new ArrayList<>();
        // Keys are CIDR + ' ' + entry key; '!' is the character after ' ', so this bound ends the range's keys.
        try (KeyValueIterator<String, Decision> it = more.range(from, cidr + "!")) {
            while (it.hasNext() && taken.size() < sampleSize) {
                taken.add(it.next());
            }
        }
        return taken;
    }

    static String key(String cidr, String entry) {
        return cidr + " " + entry;
    }
}
