package io.github.blockwatch.serve;

import io.github.blockwatch.alerts.AlertJson;
import io.github.blockwatch.avro.Owner;
import io.github.blockwatch.avro.OwnerShare;
import io.github.blockwatch.owners.Ipv4Text;
import io.github.blockwatch.owners.OwnerLabel;
import io.github.blockwatch.owners.OwnerSegments;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.IpFamily;
import io.github.blockwatch.topology.OwnerDirectory;
import io.github.blockwatch.topology.StoreNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Owner lookups for the API, from the global {@value StoreNames#OWNERS} store (every instance holds all of
 * it). The segment index is rebuilt when the store's size changes, and at least every
 * {@value #MAX_AGE_SECONDS} s (a reload that only changes labels keeps the size).
 */
final class OwnerIndex {
    static final long MAX_AGE_SECONDS = 10;

    private final StoreAccess stores;
    private volatile Built built;

    private record Built(long size, long at, OwnerSegments segments) {}

    OwnerIndex(StoreAccess stores) {
        this.stores = stores;
    }

    OwnerSegments segments() {
        ReadOnlyKeyValueStore<String, Owner> store = stores.local(StoreNames.OWNERS);
        long size = store.approximateNumEntries();
        long now = System.nanoTime();
        Built current = built;
        if (current == null || current.size() != size || now - current.at() > Duration.ofSeconds(MAX_AGE_SECONDS).toNanos()) {
            current = new Built(size, now, OwnerDirectory.build(store));
            built = current;
        }
        return current.segments();
    }

    /** The owner segment holding {@code address}: null when no dataset claims it (or for IPv6). */
    Map<String, Object> ownerOf(Cidr address) {
        if (address.family() != IpFamily.IPV4) {
            return null;
        }
        OwnerSegments.Piece segment = segments().segmentAt(address.first().longValueExact());
        if (segment == null) {
            return null;
        }
        Map<String, Object> m = label(segment.label());
        m.put("hosting", segment.label().hosting());
        m.put("segment", Ipv4Text.format(segment.first()) + "-" + Ipv4Text.format(segment.last()));
        m.put("dataset", segment.holder().dataset());
        m.put("datasetRange", segment.holder().range());
        return m;
    }

    /** Who owns {@code range}, largest share first, the unowned rest as "unattributed"; empty for IPv6. */
    List<Map<String, Object>> shares(Cidr range) {
        if (range.family() != IpFamily.IPV4) {
            return List.of();
        }
        Map<OwnerLabel, Long> counts = new LinkedHashMap<>();
        for (OwnerSegments.Piece piece : segments().split(range.first().longValueExact(), range.last().longValueExact())) {
            counts.merge(piece.label(), piece.size(), Long::sum);
        }
        List<Map.Entry<OwnerLabel, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<OwnerLabel, Long>comparingByValue().reversed());
        List<Map<String, Object>> shares = new ArrayList<>();
        for (Map.Entry<OwnerLabel, Long> e : sorted) {
            Map<String, Object> m = label(e.getKey());
            m.put("addresses", e.getValue());
            shares.add(m);
        }
        return shares;
    }

    static Map<String, Object> label(OwnerLabel label) {
        return AlertJson.ownerLabel(label);
    }

    /** An owner share of a record (stats, alerts) as JSON: the same form alerts use. */
    static Map<String, Object> share(OwnerShare share) {
        return AlertJson.ownerShare(share);
    }
}
