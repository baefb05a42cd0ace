package io.github.blockwatch.serve;

import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.serve.BlockedIntervals.AddressInterval;
import io.github.blockwatch.serve.BlockedIntervals.RangeInterval;
import io.github.blockwatch.topology.StoreNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.VersionedRecord;

/**
 * Was an address blocked at a registry time, and when? The ranges that can cover an address are its prefix
 * blocks (33 for IPv4, 129 for IPv6) and blocked ranges are stored under their canonical CIDR, so the
 * versions of those keys in the {@value StoreNames#RANGE_HISTORY} store are the address's whole story:
 * merged into intervals of registry time ({@link BlockedIntervals}), they answer "as of T" and "history".
 * The dump in force at T, the newest applied dump of registry time at or before T, comes from
 * {@code blockwatch.stats}.
 */
final class PointInTimeLookup {
    private final StoreAccess stores;
    private final TopicHistory<DumpStats> stats;

    PointInTimeLookup(StoreAccess stores, TopicHistory<DumpStats> stats) {
        this.stores = stores;
        this.stats = stats;
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
        List<RangeInterval> ranges = rangeIntervals(address);
        List<AddressInterval> intervals = BlockedIntervals.union(ranges);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ip", address.firstAddress());
        answer.put("family", address.family().version());
        answer.put("at", at.toString());
        answer.put("dump", dumpInForce(at));
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
        List<Map<String, Object>> covering = new ArrayList<>();
        for (RangeInterval r : ranges) {
            if (r.contains(at)) {
                covering.add(rangeAt(r, at));
            }
        }
        answer.put("ranges", covering);
        return answer;
    }

    /** Every interval of registry time in which the address was blocked, oldest first. */
    Map<String, Object> history(Cidr address) {
        List<AddressInterval> intervals = BlockedIntervals.union(rangeIntervals(address));
        List<Map<String, Object>> shown = new ArrayList<>();
        for (AddressInterval interval : intervals) {
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
                ranges.add(range);
            }
            m.put("ranges", ranges);
            m.put("decisions", interval.ranges().stream().flatMap(r -> r.decisions().stream()).distinct()
                    .map(JsonViews::decision).toList());
            shown.add(m);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ip", address.firstAddress());
        answer.put("family", address.family().version());
        answer.put("blockedNow", !intervals.isEmpty() && intervals.get(intervals.size() - 1).until() == null);
        answer.put("intervals", shown);
        return answer;
    }

    /** The intervals of every prefix block containing the address, narrowest block first. */
    private List<RangeInterval> rangeIntervals(Cidr address) {
        int bits = address.family().bits();
        List<RangeInterval> all = new ArrayList<>();
        for (int prefix = bits; prefix >= 0; prefix--) {
            String block = address.enclosing(prefix).toString();
            List<VersionedRecord<BlockedRange>> versions = stores.versions(StoreNames.RANGE_HISTORY, block);
            all.addAll(BlockedIntervals.ofRange(block, versions));
        }
        return all;
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
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", inForce.getDump().getId());
        m.put("registryTime", inForce.getRegistryTime().toString());
        m.put("source", inForce.getDump().getSource());
        return m;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
