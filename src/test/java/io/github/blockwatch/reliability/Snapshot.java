package io.github.blockwatch.reliability;

import static io.github.blockwatch.kafka.CommittedRecords.readAll;
import static io.github.blockwatch.kafka.CommittedRecords.readTable;

import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.kafka.Topics;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the topology committed, as the issue compares it: the {@code blockwatch.blocked.ranges} table, the
 * distinct IPv4 count of the last stats, the alert ids on {@code blockwatch.alerts} ({@code read_committed},
 * in log order, so duplicates show), how many stats records each dump got and the last of them.
 */
record Snapshot(Map<String, BlockedRange> table, long distinctIpv4, List<String> alertIds, Map<String, Long> statsPerDump,
                Map<String, DumpStats> lastStats) {

    static Snapshot read(String bootstrap, String lastDumpId) {
        Map<String, BlockedRange> table = new TreeMap<>(readTable(bootstrap, Topics.BLOCKED_RANGES));
        List<ConsumerRecord<String, DumpStats>> stats = readAll(bootstrap, Topics.STATS);
        long distinct = stats.stream().filter(r -> r.key().equals(lastDumpId))
                .mapToLong(r -> r.value().getDistinctIpv4()).reduce((a, b) -> b).orElse(-1);
        List<String> alerts = readAll(bootstrap, Topics.ALERTS).stream().map(ConsumerRecord::key).toList();
        Map<String, Long> perDump = stats.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key, TreeMap::new, Collectors.counting()));
        Map<String, DumpStats> last = new TreeMap<>();
        stats.forEach(r -> last.put(r.key(), r.value()));
        return new Snapshot(table, distinct, alerts, perDump, last);
    }

    /** Alerts of {@code reference} missing here. */
    long lostAlerts(Snapshot reference) {
        Set<String> missing = new HashSet<>(reference.alertIds);
        missing.removeAll(alertIds);
        return missing.size();
    }

    /** Alert records beyond the first of their id, plus stats records beyond one per dump. */
    long duplicated() {
        long alertDuplicates = alertIds.size() - new HashSet<>(alertIds).size();
        long statsDuplicates = statsPerDump.values().stream().mapToLong(n -> n - 1).sum();
        return alertDuplicates + statsDuplicates;
    }

    /** Up to {@code limit} differing ranges, as {@code key: this value / reference value}, for a failure message. */
    String firstDifferences(Snapshot reference, int limit) {
        Set<String> keys = new java.util.TreeSet<>(table.keySet());
        keys.addAll(reference.table.keySet());
        return keys.stream().filter(k -> !java.util.Objects.equals(table.get(k), reference.table.get(k))).limit(limit)
                .map(k -> k + ": " + table.get(k) + " / " + reference.table.get(k))
                .collect(Collectors.joining("\n"));
    }

    /** Ranges whose committed value differs from the reference's (missing, extra or changed). */
    long tableDifferences(Snapshot reference) {
        Set<String> keys = new HashSet<>(table.keySet());
        keys.addAll(reference.table.keySet());
        return keys.stream().filter(k -> !java.util.Objects.equals(table.get(k), reference.table.get(k))).count();
    }
}
