package io.github.blockwatch.serve;

import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.InvalidAddressException;
import io.github.blockwatch.topology.StoreNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Blocked ranges from the {@value StoreNames#BLOCKED_RANGES} store, in address order and paged by a cursor
 * (the last CIDR of the previous page).
 *
 * <p>For now each request scans the whole store and filters: its keys are CIDR text, whose byte order is
 * not address order, so a range query cannot narrow it. A few hundred thousand ranges take well under a
 * second; an address-ordered key (as the coverage store has) is the fix if that stops being enough.
 */
final class RangeListing {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private static final Comparator<Item> BY_ADDRESS = Comparator.comparing(Item::cidr);
    private static final Comparator<Item> BY_SIZE = Comparator.comparing((Item i) -> i.cidr().size())
            .thenComparing(Item::cidr, Comparator.reverseOrder());

    private final StoreAccess stores;
    private final OwnerIndex owners;

    RangeListing(StoreAccess stores, OwnerIndex owners) {
        this.stores = stores;
        this.owners = owners;
    }

    private record Item(Cidr cidr, RangeState state) {}

    /** One page of the ranges inside {@code within}, after {@code cursor} (null: from the start). */
    Map<String, Object> page(String within, String cursor, int limit) {
        Cidr outer = parse(within == null ? "0.0.0.0/0" : within, "within");
        Cidr after = cursor == null || cursor.isBlank() ? null : parse(cursor, "cursor");
        // The `limit + 1` smallest keys after the cursor, kept in a bounded max-heap.
        PriorityQueue<Item> page = new PriorityQueue<>(BY_ADDRESS.reversed());
        scan(item -> {
            if (contains(outer, item.cidr()) && (after == null || item.cidr().compareTo(after) > 0)) {
                page.add(item);
                if (page.size() > limit + 1) {
                    page.poll();
                }
            }
        });
        List<Item> items = new ArrayList<>(page);
        items.sort(BY_ADDRESS);
        boolean more = items.size() > limit;
        List<Item> shown = more ? items.subList(0, limit) : items;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("within", outer.toString());
        answer.put("ranges", shown.stream().map(this::json).toList());
        answer.put("nextCursor", more ? shown.get(shown.size() - 1).cidr().toString() : null);
        return answer;
    }

    /** The largest ranges first blocked by the newest dump that blocked anything new. */
    Map<String, Object> recent(int limit) {
        List<Item> all = new ArrayList<>();
        Instant[] newest = {Instant.EPOCH};
        scan(item -> {
            all.add(item);
            if (item.state().getFirstBlocked().isAfter(newest[0])) {
                newest[0] = item.state().getFirstBlocked();
            }
        });
        List<Item> recent = all.stream()
                .filter(i -> i.state().getFirstBlocked().equals(newest[0]))
                .sorted(BY_SIZE.reversed())
                .limit(limit)
                .toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("firstBlocked", all.isEmpty() ? null : newest[0].toString());
        answer.put("ranges", recent.stream().map(this::json).toList());
        return answer;
    }

    private void scan(java.util.function.Consumer<Item> sink) {
        ReadOnlyKeyValueStore<String, RangeState> ranges = stores.local(StoreNames.BLOCKED_RANGES);
        try (KeyValueIterator<String, RangeState> all = ranges.all()) {
            while (all.hasNext()) {
                KeyValue<String, RangeState> kv = all.next();
                try {
                    sink.accept(new Item(Cidr.parse(kv.key), kv.value));
                } catch (InvalidAddressException e) {
                    // Keys are written canonical by the topology; a key that is not is skipped, not fatal.
                }
            }
        }
    }

    private static boolean contains(Cidr outer, Cidr inner) {
        return outer.family() == inner.family() && outer.prefixLength() <= inner.prefixLength()
                && inner.first().compareTo(outer.first()) >= 0 && inner.last().compareTo(outer.last()) <= 0;
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
        return m;
    }
}
