package io.github.blockwatch.serve;

import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.InvalidAddressException;
import io.github.blockwatch.registry.SourceNames;
import io.github.blockwatch.topology.RangeIndexKeys;
import io.github.blockwatch.topology.RangeSources;
import io.github.blockwatch.topology.StoreNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Blocked ranges from the {@value StoreNames#BLOCKED_RANGES} store, listed through its index
 * ({@value StoreNames#BLOCKED_RANGES_INDEX}, {@link RangeIndexKeys}): in address order and paged by a cursor
 * (the last CIDR of the previous page), or the newest dump's additions, largest first. Each request reads
 * at most {@code limit + 1} index keys and does one get per range it returns, whatever the table's size.
 *
 * <p>With a source, only the ranges that source lists. The index does not know sources, so a range is
 * read to tell; a request reads at most {@value #MAX_FILTERED} ranges of other sources. A page that stops
 * there is short (or empty) and its {@code nextCursor} is the last range read, so paging goes on from it.
 * The newest additions of a source are those of its newest dump that blocked anything new to the table (its
 * {@code firstBlockedDump}) and that it still lists, found by the registry times of its dumps.
 */
final class RangeListing {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_RECENT_LIMIT = 10;
    /** Index keys a request may pass over without a range behind them (read while the table changes). */
    private static final int MAX_SKIPPED = 1000;
    /** Ranges of other sources a request with a source may read past. */
    static final int MAX_FILTERED = 10_000;

    private final StoreAccess stores;
    private final OwnerIndex owners;
    private final SourcesView sources;

    RangeListing(StoreAccess stores, OwnerIndex owners, SourcesView sources) {
        this.stores = stores;
        this.owners = owners;
        this.sources = sources;
    }

    private record Item(Cidr cidr, RangeState state) {
        boolean listedBy(String source) {
            return source == null || RangeSources.names(state).contains(source);
        }
    }

    /** One page of the ranges inside {@code within}, after {@code cursor} (null: from the start). */
    Map<String, Object> page(String within, String cursor, int limit) {
        return page(within, cursor, limit, null);
    }

    /**
     * One page of the ranges inside {@code within} that {@code source} lists (null: every range), after
     * {@code cursor} (null: from the start).
     */
    Map<String, Object> page(String within, String cursor, int limit, String source) {
        Cidr outer = parse(within == null ? "0.0.0.0/0" : within, "within");
        Cidr after = cursor == null || cursor.isBlank() ? null : parse(cursor, "cursor");
        Bytes from = RangeIndexKeys.firstInside(outer);
        Bytes to = RangeIndexKeys.lastInside(outer);
        Bytes afterKey = after == null ? null : RangeIndexKeys.byAddress(after);
        if (afterKey != null && afterKey.compareTo(from) > 0) {
            from = afterKey; // the scan includes it; skipped below
        }
        List<Item> items = new ArrayList<>();
        Cidr lastRead = null; // set when the source's budget ended the page before it was full
        if (from.compareTo(to) <= 0) {
            StoreAccess.KeyReader<String, RangeState> ranges = stores.reader(StoreNames.BLOCKED_RANGES);
            int skipped = 0;
            int filtered = 0;
            try (KeyValueIterator<Bytes, byte[]> keys = index().range(from, to)) {
                while (keys.hasNext() && items.size() <= limit && skipped <= MAX_SKIPPED) {
                    Bytes key = keys.next().key;
                    if (key.equals(afterKey)) {
                        continue;
                    }
                    Item item = item(ranges, RangeIndexKeys.cidr(key));
                    if (item == null) {
                        skipped++;
                    } else if (item.listedBy(source)) {
                        items.add(item);
                    } else if (++filtered >= MAX_FILTERED && keys.hasNext()) {
                        lastRead = item.cidr();
                        break;
                    }
                }
            }
        }
        boolean more = items.size() > limit;
        List<Item> shown = more ? items.subList(0, limit) : items;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("within", outer.toString());
        answer.put("ranges", shown.stream().map(this::json).toList());
        answer.put("nextCursor", more ? shown.get(shown.size() - 1).cidr().toString()
                : lastRead != null ? lastRead.toString() : null);
        if (source != null) {
            answer.put("source", source);
        }
        return answer;
    }

    /** The largest ranges first blocked by the newest dump that blocked anything still blocked. */
    Map<String, Object> recent(int limit) {
        StoreAccess.KeyReader<String, RangeState> ranges = stores.reader(StoreNames.BLOCKED_RANGES);
        List<Item> recent = new ArrayList<>();
        Instant newest = null;
        int skipped = 0;
        try (KeyValueIterator<Bytes, byte[]> keys = index().prefixScan(RangeIndexKeys.newestFirstRegion(),
                new BytesSerializer())) {
            while (keys.hasNext() && recent.size() < limit && skipped <= MAX_SKIPPED) {
                Bytes key = keys.next().key;
                Instant firstBlocked = RangeIndexKeys.firstBlocked(key);
                if (newest != null && !firstBlocked.equals(newest)) {
                    break; // the next older dump's ranges
                }
                Item item = item(ranges, RangeIndexKeys.cidr(key));
                if (item == null) {
                    skipped++;
                } else {
                    newest = firstBlocked;
                    recent.add(item);
                }
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("firstBlocked", newest == null ? null : newest.toString());
        answer.put("ranges", recent.stream().map(this::json).toList());
        return answer;
    }

    /**
     * The largest ranges first blocked by the newest dump of {@code source} that blocked anything still
     * blocked and still listed by it; null {@code source}: of any source ({@link #recent(int)}). Only that
     * source's dump times are scanned (one prefix of the index each).
     */
    Map<String, Object> recent(int limit, String source) {
        if (source == null) {
            return recent(limit);
        }
        StoreAccess.KeyReader<String, RangeState> ranges = stores.reader(StoreNames.BLOCKED_RANGES);
        List<Item> recent = new ArrayList<>();
        Instant newest = null;
        int read = 0;
        boolean complete = true;
        for (Instant time : sources.dumpTimesNewestFirst(source)) {
            try (KeyValueIterator<Bytes, byte[]> keys = index().prefixScan(RangeIndexKeys.newestFirstAt(time),
                    new BytesSerializer())) {
                while (keys.hasNext() && recent.size() < limit) {
                    if (++read > MAX_FILTERED) {
                        complete = false;
                        break;
                    }
                    Item item = item(ranges, RangeIndexKeys.cidr(keys.next().key));
                    // Another source's dump of the same registry time shares the prefix.
                    if (item != null && item.listedBy(source)
                            && SourceNames.sourceOf(item.state().getFirstBlockedDump()).equals(source)) {
                        newest = time;
                        recent.add(item);
                    }
                }
            }
            if (newest != null || !complete) {
                break;
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("firstBlocked", newest == null ? null : newest.toString());
        answer.put("ranges", recent.stream().map(this::json).toList());
        answer.put("source", source);
        answer.put("complete", complete);
        return answer;
    }

    private ReadOnlyKeyValueStore<Bytes, byte[]> index() {
        return stores.local(StoreNames.BLOCKED_RANGES_INDEX);
    }

    /** The range with its state, or null if it left the table after the index was read. */
    private static Item item(StoreAccess.KeyReader<String, RangeState> ranges, Cidr cidr) {
        RangeState state = ranges.get(cidr.toString());
        return state == null ? null : new Item(cidr, state);
    }

    private static Cidr parse(String text, String what) {
        try {
            return Cidr.parse(text);
        } catch (InvalidAddressException e) {
            throw ApiException.badRequest(what + ": " + e.getMessage());
        }
    }

    private Map<String, Object> json(Item item) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cidr", item.cidr().toString());
        m.put("addresses", Counts.json(item.cidr().size()));
        m.put("entryCount", item.state().getEntries().size() + item.state().getMoreEntries());
        m.put("decisions", item.state().getEntries().values().stream().filter(java.util.Objects::nonNull)
                .distinct().limit(5).map(JsonViews::decision).toList());
        m.put("firstBlocked", item.state().getFirstBlocked().toString());
        m.put("firstBlockedDump", item.state().getFirstBlockedDump());
        m.put("owners", owners.shares(item.cidr()));
        m.put("sources", RangeSources.names(item.state()));
        return m;
    }
}
