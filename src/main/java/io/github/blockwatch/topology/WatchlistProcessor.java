package io.github.blockwatch.topology;

import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.Owner;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.avro.TableTotals;
import io.github.blockwatch.avro.WatchHit;
import io.github.blockwatch.avro.Watchlist;
import io.github.blockwatch.owners.OwnerRange;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.InvalidAddressException;
import io.github.blockwatch.registry.IpFamily;
import io.github.blockwatch.watch.AddressInterval;
import io.github.blockwatch.watch.AddressSet;
import io.github.blockwatch.watch.WatchIndex;
import io.github.blockwatch.watch.WatchedAddresses;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Matches every range the table newly blocks or unblocks against every watchlist, through one
 * {@link WatchIndex} (O(log n) per range, whatever the number of watchlists), and keeps what each watchlist
 * was hit by in {@value StoreNames#WATCH_HITS} until the dump is applied; then one alert per watchlist and
 * direction ({@link WatchlistAlerts}). The addresses a change flipped are read from the coverage store as the
 * change left it: after a range is added, the watched addresses only it covers were blocked by nothing before;
 * after one is removed, those nothing covers are unblocked.
 *
 * <p>A watchlist added or changed is checked against the table at once: one "already blocked now" alert
 * when some of it is blocked. Watchlists live in {@value StoreNames#WATCHLISTS}; the index is rebuilt when one
 * changes, and when the owner datasets change if a watchlist names an ASN or an owner.
 */
final class WatchlistProcessor implements Processor<String, WatchInput, String, RangeAlert> {
    private final AlertRules rules;
    private final OwnerDirectory directory;
    private final AddressTableStores tableStores;
    private ProcessorContext<String, RangeAlert> context;
    private KeyValueStore<String, Watchlist> watchlists;
    private KeyValueStore<String, WatchHit> hits;
    private KeyValueStore<String, DumpRef> lastDump;
    private KeyValueStore<String, RangeState> ranges;
    private KeyValueStore<String, TableTotals> totals;
    private KeyValueStore<String, Owner> owners;
    private CoverageReader coverage;
    private WatchIndex index; // null: to be rebuilt
    private long indexOwnersVersion;
    private boolean indexUsesOwners;

    WatchlistProcessor(AlertRules rules, OwnerDirectory directory, AddressTableStores tableStores) {
        this.rules = rules;
        this.directory = directory;
        this.tableStores = tableStores;
    }

    @Override
    public void init(ProcessorContext<String, RangeAlert> context) {
        this.context = context;
        this.watchlists = context.getStateStore(StoreNames.WATCHLISTS);
        this.hits = context.getStateStore(StoreNames.WATCH_HITS);
        this.lastDump = context.getStateStore(StoreNames.WATCH_LAST_DUMP);
        this.ranges = context.getStateStore(tableStores.ranges());
        this.totals = context.getStateStore(tableStores.totals());
        this.owners = context.getStateStore(StoreNames.OWNERS);
        KeyValueStore<Bytes, Integer> boundaries = context.getStateStore(tableStores.coverage());
        this.coverage = new CoverageReader(boundaries);
        this.index = null; // init runs again after an aborted transaction: rebuild from the restored store
    }

    @Override
    public void process(Record<String, WatchInput> record) {
        if (record.value() instanceof WatchInput.Update update) {
            update(record, update);
        } else if (record.value() instanceof WatchInput.Change change) {
            if (change.change() instanceof TableChange.RangeBlocked blocked) {
                hit(blocked.range(), true);
            } else if (change.change() instanceof TableChange.RangeUnblocked unblocked) {
                hit(unblocked.lastSeen(), false);
            } else if (change.change() instanceof TableChange.DumpApplied applied) {
                settle(record, applied);
            }
        }
    }

    private void hit(BlockedRange range, boolean blocked) {
        WatchIndex current = index();
        if (current.isEmpty()) {
            return;
        }
        Cidr cidr = parse(range.getCidr());
        for (Map.Entry<String, List<AddressInterval>> met : current.meet(cidr).entrySet()) {
            List<AddressInterval> changed = new ArrayList<>();
            for (AddressInterval part : met.getValue()) {
                changed.addAll(blocked ? coverage.blockedOnce(part) : coverage.unblocked(part));
            }
            hits.put(hitKey(met.getKey(), blocked, cidr), new WatchHit(met.getKey(), blocked, cidr.toString(),
                    cidr.family().version(), WatchlistAlerts.texts(met.getValue()), WatchlistAlerts.texts(changed),
                    range.getDecisions()));
        }
    }

    /** The dump is applied: one alert per watchlist and direction it hit, then the hits are forgotten. */
    private void settle(Record<String, WatchInput> record, TableChange.DumpApplied applied) {
        lastDump.put(StoreNames.WATCH_LAST_DUMP_KEY, applied.dump());
        Map<String, List<WatchlistAlerts.Hit>> byWatchlist = new TreeMap<>(); // name + direction, blocked first
        List<String> settled = new ArrayList<>();
        try (KeyValueIterator<String, WatchHit> all = hits.all()) {
            while (all.hasNext()) {
                KeyValue<String, WatchHit> kv = all.next();
                settled.add(kv.key);
                WatchHit h = kv.value;
                IpFamily family = IpFamily.ofVersion(h.getFamily());
                byWatchlist.computeIfAbsent(h.getWatchlist() + "\u0000" + (h.getBlocked() ? "0" : "1"), k -> new ArrayList<>())
                        .add(new WatchlistAlerts.Hit(parse(h.getCidr()), WatchlistAlerts.intervals(family, h.getWatched()),
                                WatchlistAlerts.intervals(family, h.getChanged()), h.getDecisions()));
            }
        }
        settled.forEach(hits::delete);
        for (Map.Entry<String, List<WatchlistAlerts.Hit>> e : byWatchlist.entrySet()) {
            String name = e.getKey().substring(0, e.getKey().indexOf('\u0000'));
            Watchlist watchlist = watchlists.get(name);
            if (watchlist == null) {
                continue; // removed while the dump was being applied
            }
            boolean blocked = e.getKey().endsWith("0");
            RangeAlert alert = WatchlistAlerts.ofDump(watchlist, blocked, e.getValue(), applied.dump(),
                    applied.totals().getDistinctIpv4(), directory.segments(owners), rules);
            context.forward(record.withKey(alert.getId()).withValue(alert));
        }
    }

    private void update(Record<String, WatchInput> record, WatchInput.Update update) {
        Watchlist before = watchlists.get(update.name());
        if (update.watchlist() == null) {
            watchlists.delete(update.name());
            index = null;
            return;
        }
        watchlists.put(update.name(), update.watchlist());
        index = null;
        if (before != null && WatchlistAlerts.digest(before).equals(WatchlistAlerts.digest(update.watchlist()))) {
            return; // the same addresses written again (or only the channel changed): nothing new to say
        }
        DumpRef last = lastDump.get(StoreNames.WATCH_LAST_DUMP_KEY);
        if (last == null) {
            return; // no dump applied yet: nothing is blocked
        }
        AddressSet watched = WatchedAddresses.resolve(update.watchlist(), ownerRanges()).addresses();
        WatchlistStatus status = WatchlistStatus.withRanges(watched, coverage, ranges);
        if (status.blocked().isEmpty()) {
            return;
        }
        TableTotals table = totals.get(StoreNames.TOTALS_KEY);
        RangeAlert alert = WatchlistAlerts.alreadyBlocked(update.watchlist(), status, last,
                table == null ? 0 : table.getDistinctIpv4(), directory.segments(owners), rules);
        context.forward(record.withKey(alert.getId()).withValue(alert));
    }

    /** The index over every watchlist, rebuilt after a watchlist changed or, if one needs them, the owners did. */
    private WatchIndex index() {
        long ownersVersion = directory.version();
        if (index == null || (indexUsesOwners && ownersVersion != indexOwnersVersion)) {
            Map<String, Watchlist> all = new HashMap<>();
            try (KeyValueIterator<String, Watchlist> it = watchlists.all()) {
                it.forEachRemaining(kv -> all.put(kv.key, kv.value));
            }
            indexUsesOwners = all.values().stream().anyMatch(WatchedAddresses::usesOwners);
            List<OwnerRange> ownerRanges = indexUsesOwners ? ownerRanges() : List.of();
            Map<String, AddressSet> watched = new HashMap<>();
            all.forEach((name, w) -> watched.put(name, WatchedAddresses.resolve(w, ownerRanges).addresses()));
            index = WatchIndex.of(watched);
            indexOwnersVersion = ownersVersion;
        }
        return index;
    }

    private List<OwnerRange> ownerRanges() {
        return OwnerDirectory.ranges(owners);
    }

    /** Hits of one dump, one key per watchlist, direction and range (the same range twice is one hit). */
    private static String hitKey(String watchlist, boolean blocked, Cidr cidr) {
        return watchlist + "\u0000" + (blocked ? "B" : "U") + "\u0000" + cidr;
    }

    private static Cidr parse(String cidr) {
        try {
            return Cidr.parse(cidr);
        } catch (InvalidAddressException e) {
            throw new IllegalArgumentException("table change carries " + e.getMessage(), e);
        }
    }
}
