package io.github.blockwatch.topology;

import io.github.blockwatch.avro.AddressDelta;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.kafka.Topics;
import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Composes blockwatch's topology:
 * <pre>
 * blockwatch.registry.events ─▶ RegistryEntriesTable ─▶ (address-deltas, 1 partition) ─▶ DecisionTable ─▶ AddressTable
 *   AddressTable ─▶ BlockedRangeTable  ─▶ blockwatch.blocked.ranges
 *                ─▶ RangeHistory       (versioned store: every range version at registry time)
 *                ─▶ DecisionTable.settle ─▶ DumpStatsPublisher ─▶ blockwatch.stats
 *                ─▶ LargeRangeRule ┐
 *                ─▶ SurgeRule      ┴─▶ AlertPublisher ─▶ blockwatch.alerts, blockwatch.alerts.json
 * </pre>
 */
public final class BlockwatchTopology {
    private BlockwatchTopology() {}

    /** How far back point-in-time lookups reach by default (registry time before the newest dump). */
    public static final Duration DEFAULT_HISTORY_RETENTION = RangeHistory.DEFAULT_RETENTION;

    public static Topology build(AlertRules rules) {
        return build(rules, DEFAULT_HISTORY_RETENTION);
    }

    /** @param historyRetention how long before the newest registry time the range history is kept */
    public static Topology build(AlertRules rules, Duration historyRetention) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, AddressDelta> deltas = RegistryEntriesTable.addTo(builder, Topics.REGISTRY_EVENTS);
        KStream<String, TableChange> changes = AddressTable.addTo(builder, deltas,
                single -> DecisionTable.addTo(builder, single));
        BlockedRangeTable.addTo(changes, Topics.BLOCKED_RANGES);
        RangeHistory.addTo(builder, changes, historyRetention);
        DumpStatsPublisher.addTo(DecisionTable.settle(changes), Topics.STATS);
        KStream<String, RangeAlert> alerts = LargeRangeRule.addTo(changes, rules)
                .merge(SurgeRule.addTo(builder, changes, rules));
        AlertPublisher.addTo(alerts, Topics.ALERTS, Topics.ALERTS_JSON);
        return builder.build();
    }
}
