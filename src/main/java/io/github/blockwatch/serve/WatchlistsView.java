package io.github.blockwatch.serve;

import io.github.blockwatch.alerts.AlertJson;
import io.github.blockwatch.alerts.JsonCounts;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.Owner;
import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.avro.Watchlist;
import io.github.blockwatch.owners.OwnerRange;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.IpFamily;
import io.github.blockwatch.topology.CoverageReader;
import io.github.blockwatch.topology.OwnerDirectory;
import io.github.blockwatch.topology.StoreNames;
import io.github.blockwatch.topology.WatchlistStatus;
import io.github.blockwatch.watch.AddressSet;
import io.github.blockwatch.watch.WatchedAddresses;
import io.github.blockwatch.watch.WatchlistJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@code /api/watchlists}: the watchlists the running table matches (its {@value StoreNames#WATCHLISTS} store,
 * so the answer is what the alerts go by), each with what of it is blocked now, exactly: the blocked watched
 * addresses from the coverage store, and for one watchlist the blocked ranges that hold them with their
 * decisions. Answered on the instance that holds the table.
 */
final class WatchlistsView {
    /** Blocked CIDRs and ranges listed per watchlist; the counts say how many there are in all. */
    static final int MAX_LISTED = 1000;

    private final StoreAccess stores;

    WatchlistsView(StoreAccess stores) {
        this.stores = stores;
    }

    /** Every watchlist with how many addresses it watches and how many of them are blocked now. */
    Map<String, Object> list() {
        List<OwnerRange> owners = ownerRanges();
        CoverageReader coverage = coverage();
        List<Map<String, Object>> all = new ArrayList<>();
        ReadOnlyKeyValueStore<String, Watchlist> store = stores.local(StoreNames.WATCHLISTS);
        try (KeyValueIterator<String, Watchlist> it = store.all()) {
            while (it.hasNext()) {
                Watchlist w = it.next().value;
                AddressSet watched = WatchedAddresses.resolve(w, owners).addresses();
                Map<String, Object> m = WatchlistJson.toMap(w);
                m.put("watchedAddresses", JsonCounts.of(watched.count()));
                m.put("blockedAddresses", JsonCounts.of(WatchlistStatus.blockedOnly(watched, coverage).blocked().count()));
                all.add(m);
            }
        }
        all.sort((a, b) -> ((String) a.get("name")).compareTo((String) b.get("name")));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("asOf", asOf());
        answer.put("watchlists", all);
        return answer;
    }

    /** One watchlist: what it watches (per prefix, ASN and owner label) and what of it is blocked now. */
    Map<String, Object> detail(String name) {
        Watchlist w = stores.<String, Watchlist>local(StoreNames.WATCHLISTS).get(name);
        if (w == null) {
            throw new ApiException(404, "no watchlist '" + name + "'");
        }
        WatchedAddresses watched = WatchedAddresses.resolve(w, ownerRanges());
        WatchlistStatus status = WatchlistStatus.withRanges(watched.addresses(), coverage(),
                stores.<String, RangeState>local(StoreNames.BLOCKED_RANGES));
        Map<String, Object> answer = WatchlistJson.toMap(w);
        Map<String, Object> criteria = new LinkedHashMap<>();
        watched.criteria().forEach((criterion, n) -> criteria.put(criterion, JsonCounts.of(n)));
        answer.put("criteria", criteria);
        answer.put("watchedIpv4", JsonCounts.of(watched.addresses().count(IpFamily.IPV4)));
        answer.put("watchedIpv6", JsonCounts.of(watched.addresses().count(IpFamily.IPV6)));
        answer.put("asOf", asOf());
        answer.put("blocked", blocked(status));
        return answer;
    }

    private static Map<String, Object> blocked(WatchlistStatus status) {
        List<Cidr> cidrs = status.blocked().cidrs();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("addresses", JsonCounts.of(status.blocked().count()));
        m.put("ipv4", JsonCounts.of(status.blocked().count(IpFamily.IPV4)));
        m.put("ipv6", JsonCounts.of(status.blocked().count(IpFamily.IPV6)));
        m.put("cidrCount", cidrs.size());
        m.put("cidrs", cidrs.stream().limit(MAX_LISTED).map(Cidr::toString).toList());
        m.put("rangeCount", status.ranges().size());
        m.put("ranges", status.ranges().stream().limit(MAX_LISTED).map(WatchlistsView::range).toList());
        return m;
    }

    private static Map<String, Object> range(WatchlistStatus.RangePart part) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cidr", part.cidr().toString());
        m.put("addresses", JsonCounts.of(part.cidr().size()));
        m.put("watchedAddresses", JsonCounts.of(part.watched()));
        m.put("entryCount", part.state().getEntries().size());
        m.put("decisions", part.state().getEntries().values().stream().filter(Objects::nonNull)
                .filter(d -> !d.getNumber().isEmpty() || !d.getOrg().isEmpty())
                .distinct().limit(5).map(AlertJson::decision).toList());
        m.put("firstBlocked", part.state().getFirstBlocked().toString());
        m.put("firstBlockedDump", part.state().getFirstBlockedDump());
        return m;
    }

    /** The last dump the table applied: "blocked now" means as of it. Null before the first. */
    private Map<String, Object> asOf() {
        DumpRef dump = stores.<String, DumpRef>local(StoreNames.WATCH_LAST_DUMP).get(StoreNames.WATCH_LAST_DUMP_KEY);
        return dump == null ? null : AlertJson.dump(dump);
    }

    private CoverageReader coverage() {
        return new CoverageReader(stores.<Bytes, Integer>local(StoreNames.ADDRESS_COVERAGE));
    }

    private List<OwnerRange> ownerRanges() {
        return OwnerDirectory.ranges(stores.<String, Owner>local(StoreNames.OWNERS));
    }
}
