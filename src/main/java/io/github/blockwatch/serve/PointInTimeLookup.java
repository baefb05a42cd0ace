package io.github.blockwatch.serve;

import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.serve.BlockedIntervals.AddressInterval;
import io.github.blockwatch.serve.BlockedIntervals.RangeInterval;
import io.github.blockwatch.topology.RangeSources;
import io.github.blockwatch.topology.StoreNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.state.VersionedRecord;

/**
 * Was an address blocked at a registry time, and when? The ranges that can cover an address are its prefix
 * blocks (33 for IPv4, 129 for IPv6) and blocked ranges are stored under their canonical CIDR, so the
 * versions of those keys in the {@value StoreNames#RANGE_HISTORY} store are the address's whole story:
 * merged into intervals of registry time ({@link BlockedIntervals}), they answer "as of T" and "history".
 * The dump in force at T, the newest applied dump of registry time at or before T, comes from
 * {@code blockwatch.stats}.
 *
 * <p>Each version names the sources that listed the range then ({@code BlockedRange.sources}), so a source's
 * own story is the same merge over only the versions that name it: a version without it is a gap.
 */
final class PointInTimeLookup {
    private final StoreAccess stores;
    private final TopicHistory<DumpStats> stats;
    private final SourcesView sources;

    PointInTimeLookup(StoreAccess stores, TopicHistory<DumpStats> stats, SourcesView sources) {
        this.stores = stores;
        this.stats = stats;
        this.sources = sources;
    }

    /** The retained versions of every prefix block containing an address, narrowest block first. */
    private record Versions(Map<String, List<VersionedRecord<BlockedRange>>> byBlock) {
        List<RangeInterval> intervals() {
            List<RangeInterval> all = new ArrayList<>();
            byBlock.forEach((block, versions) -> all.addAll(BlockedIntervals.ofRange(block, versions)));
            return all;
        }

        /** The intervals in which {@code source} listed each block. */
        List<RangeInterval> intervals(String source) {
            List<RangeInterval> all = new ArrayList<>();
            byBlock.forEach((block, versions) -> all.addAll(BlockedIntervals.ofRange(block, versions.stream()
                    .filter(v -> RangeSources.names(v.value()).contains(source)).toList())));
            return all;
        }

        /** Every source any version names, sorted. */
        Set<String> sources() {
            Set<String> names = new TreeSet<>();
            byBlock.values().forEach(versions -> versions.forEach(v -> names.addAll(RangeSources.names(v.value()))));
            return names;
        }
    }

    /** {@link RegistryTimes#parse}, a bad time answered with 400. */
    static Instant parseTime(String text) {
        try {
            return RegistryTimes.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("at: " + e.getMessage());
        }
    }

    /** Blocked or not at {@code at}; covering ranges then, with decisions; since when and until when. */
    Map<String, Object> at(Cidr address, Instant at) {
        Versions versions = versions(address);
        List<RangeInterval> ranges = versions.intervals();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ip", address.firstAddress());
        answer.put("family", address.family().version());
        answer.put("at", at.toString());
        answer.put("dump", dumpInForce(at));
        putBlockedAt(answer, BlockedIntervals.union(ranges), at);
        List<Map<String, Object>> covering = new ArrayList<>();
        Set<String> blockedBy = new TreeSet<>();
        for (RangeInterval r : ranges) {
            if (r.contains(at)) {
                Map<String, Object> range = rangeAt(r, at);
                covering.add(range);
                for (Object name : (List<?>) range.get("sources")) {
                    blockedBy.add((String) name);
                }
            }
        }
        answer.put("ranges", covering);
        answer.put("blockedBy", List.copyOf(blockedBy));
        answer.put("sources", sourcesAt(versions, covering, at));
        return answer;
    }

    /**
     * Per source, as of {@code at}: every source with a dump applied by then or listing a covering range then,
     * each with its own verdict and interval, the covering ranges it listed, and its dump in force.
     */
    private Map<String, Object> sourcesAt(Versions versions, List<Map<String, Object>> covering, Instant at) {
        Map<String, DumpStats> inForce = sources.inForce(at);
        Set<String> names = new TreeSet<>(inForce.keySet());
        covering.forEach(range -> ((List<?>) range.get("sources")).forEach(name -> names.add((String) name)));
        Map<String, Object> bySource = new TreeMap<>();
        for (String name : names) {
            Map<String, Object> one = new LinkedHashMap<>();
            putBlockedAt(one, BlockedIntervals.union(versions.intervals(name)), at);
            one.put("ranges", covering.stream().filter(r -> ((List<?>) r.get("sources")).contains(name))
                    .map(r -> r.get("cidr")).toList());
            DumpStats dump = inForce.get(name);
            one.put("dump", dump == null ? null : SourcesView.dump(dump));
            bySource.put(name, one);
        }
        return bySource;
    }

    /** {@code blocked}, then {@code blockedSince} and {@code blockedUntil}, or {@code lastUnblocked} and {@code nextBlocked}. */
    private static void putBlockedAt(Map<String, Object> answer, List<AddressInterval> intervals, Instant at) {
        AddressInterval current = intervals.stream().filter(i -> i.contains(at)).findFirst().orElse(null);
        answer.put("blocked", current != null);
        if (current != null) {
            answer.put("blockedSince", current.from().toString());
            answer.put("blockedUntil", text(current.until()));
        } else {
            answer.put("lastUnblocked", intervals.stream().map(AddressInterval::until)
                    .filter(u -> u != null && !u.isAfter(at)).reduce((a, b) -> b).map(Instant::toString).orElse(null));
            answer.put("nextBlocked", intervals.stream().map(AddressInterval::from)
                    .filter(f -> f.isAfter(at)).findFirst().map(Instant::toString).orElse(null));
        }
    }

    /** Every interval of registry time in which the address was blocked, oldest first; and per source. */
    Map<String, Object> history(Cidr address) {
        Versions versions = versions(address);
        List<AddressInterval> intervals = BlockedIntervals.union(versions.intervals());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ip", address.firstAddress());
        answer.put("family", address.family().version());
        answer.put("blockedNow", blockedNow(intervals));
        answer.put("intervals", intervals.stream().map(PointInTimeLookup::interval).toList());
        Map<String, Object> bySource = new LinkedHashMap<>();
        for (String name : versions.sources()) {
            List<AddressInterval> own = BlockedIntervals.union(versions.intervals(name));
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("blockedNow", blockedNow(own));
            one.put("intervals", own.stream().map(i -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("from", i.from().toString());
                m.put("until", text(i.until()));
                m.put("ranges", i.ranges().stream().map(RangeInterval::cidr).distinct().toList());
                return m;
            }).toList());
            bySource.put(name, one);
        }
        answer.put("sources", bySource);
        return answer;
    }

    private static boolean blockedNow(List<AddressInterval> intervals) {
        return !intervals.isEmpty() && intervals.get(intervals.size() - 1).until() == null;
    }

    private static Map<String, Object> interval(AddressInterval interval) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", interval.from().toString());
        m.put("until", text(interval.until()));
        List<Map<String, Object>> ranges = new ArrayList<>();
        for (RangeInterval r : interval.ranges()) {
            Map<String, Object> range = new LinkedHashMap<>();
            range.put("cidr", r.cidr());
            range.put("from", r.from().toString());
            range.put("until", text(r.until()));
            range.put("decisions", r.decisions().stream().map(JsonViews::decision).toList());
            Set<String> names = new TreeSet<>();
            r.versions().forEach(v -> names.addAll(RangeSources.names(v.value())));
            range.put("sources", List.copyOf(names));
            ranges.add(range);
        }
        m.put("ranges", ranges);
        m.put("decisions", interval.ranges().stream().flatMap(r -> r.decisions().stream()).distinct()
                .map(JsonViews::decision).toList());
        return m;
    }

    /** The versions of every prefix block containing the address, narrowest block first. */
    private Versions versions(Cidr address) {
        int bits = address.family().bits();
        Map<String, List<VersionedRecord<BlockedRange>>> byBlock = new LinkedHashMap<>();
        for (int prefix = bits; prefix >= 0; prefix--) {
            String block = address.enclosing(prefix).toString();
            List<VersionedRecord<BlockedRange>> versions = stores.versions(StoreNames.RANGE_HISTORY, block);
            if (!versions.isEmpty()) {
                byBlock.put(block, versions);
            }
        }
        return new Versions(byBlock);
    }

    private static Map<String, Object> rangeAt(RangeInterval interval, Instant at) {
        VersionedRecord<BlockedRange> version = interval.versionAt(at);
        BlockedRange range = version.value();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cidr", range.getCidr());
        m.put("addresses", Counts.json(range.getAddressCount()));
        m.put("firstBlocked", interval.from().toString());
        m.put("firstBlockedDump", range.getFirstBlockedDump());
        m.put("unblocked", text(interval.until()));
        m.put("entryCount", range.getEntryCount());
        m.put("decisions", range.getDecisions().stream().map(JsonViews::decision).toList());
        m.put("versionFrom", Instant.ofEpochMilli(version.timestamp()).toString());
        m.put("sources", RangeSources.names(range));
        return m;
    }

    /** The newest applied dump whose registry time is at or before {@code at}; null before the first. */
    private Map<String, Object> dumpInForce(Instant at) {
        DumpStats inForce = null;
        for (DumpStats s : stats.values()) {
            if (!s.getRegistryTime().isAfter(at)
                    && (inForce == null || !s.getRegistryTime().isBefore(inForce.getRegistryTime()))) {
                inForce = s;
            }
        }
        if (inForce == null) {
            return null;
        }
        return SourcesView.dump(inForce);
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
