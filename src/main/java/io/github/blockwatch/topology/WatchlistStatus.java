package io.github.blockwatch.topology;

import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.InvalidAddressException;
import io.github.blockwatch.watch.AddressInterval;
import io.github.blockwatch.watch.AddressSet;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * What of a watchlist is blocked now, exactly: its blocked addresses (from the coverage store, so overlaps
 * count once) and, when asked for, every blocked range that holds some of them with the entries behind it.
 * Read by the watchlist rule ("already blocked now" when a watchlist is added) and by the HTTP API.
 *
 * @param blocked the watched addresses that are blocked
 * @param ranges  the blocked ranges that meet the watchlist, largest first (empty unless asked for)
 */
public record WatchlistStatus(AddressSet blocked, List<RangePart> ranges) {
    /**
     * @param watched how many of the range's addresses the watchlist watches
     */
    public record RangePart(Cidr cidr, RangeState state, BigInteger watched) {}

    private static final Comparator<RangePart> LARGEST_FIRST = Comparator
            .comparing((RangePart p) -> p.cidr().size()).reversed().thenComparing(RangePart::cidr);

    /** The blocked part of {@code watched}, without the ranges (cheap: no scan of the range store). */
    public static WatchlistStatus blockedOnly(AddressSet watched, CoverageReader coverage) {
        return new WatchlistStatus(AddressSet.of(coverage.blocked(watched.intervals())), List.of());
    }

    /**
     * The blocked part of {@code watched} and the ranges behind it. The range store is keyed by CIDR text, not
     * address order, so this scans it: fine for a request or a watchlist change, never per event.
     */
    public static WatchlistStatus withRanges(AddressSet watched, CoverageReader coverage,
                                             ReadOnlyKeyValueStore<String, RangeState> ranges) {
        List<RangePart> parts = new ArrayList<>();
        if (!watched.isEmpty()) {
            try (KeyValueIterator<String, RangeState> all = ranges.all()) {
                while (all.hasNext()) {
                    KeyValue<String, RangeState> kv = all.next();
                    Cidr cidr = parse(kv.key);
                    if (cidr != null && kv.value != null && !kv.value.getEntries().isEmpty() && watched.meets(cidr)) {
                        BigInteger inside = BigInteger.ZERO;
                        for (AddressInterval part : watched.within(AddressInterval.of(cidr))) {
                            inside = inside.add(part.size());
                        }
                        parts.add(new RangePart(cidr, kv.value, inside));
                    }
                }
            }
        }
        parts.sort(LARGEST_FIRST);
        return new WatchlistStatus(blockedOnly(watched, coverage).blocked(), List.copyOf(parts));
    }

    private static Cidr parse(String key) {
        try {
            return Cidr.parse(key);
        } catch (InvalidAddressException e) {
            return null; // keys are written canonical by the table; another one is not a range
        }
    }
}
