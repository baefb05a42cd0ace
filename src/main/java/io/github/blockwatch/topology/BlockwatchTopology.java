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
 * blockwatch.owners ─▶ OwnersTable (global store) ─▶ read by AddressTable to attribute ranges
 *   AddressTable ─▶ BlockedRangeTable  ─▶ blockwatch.blocked.ranges
 *                ─▶ RangeHistory       (versioned store: every range version at registry time)
 *                ─▶ DecisionTable.settle ─▶ DumpStatsPublisher ─▶ blockwatch.stats
 *                ─▶ LargeRangeRule ┐
 *                ─▶ SurgeRule      ┤
 *                ─▶ CollateralRule ┴─▶ AlertPublisher ─▶ blockwatch.alerts, blockwatch.alerts.json
 * blockwatch.registry.dumps ─▶ (feed-dumps, 1 partition) ─▶ FeedStallRule ─▶ AlertPublisher ─▶ (the same)
 * </pre>
 * The feed-stall rule is a sub-topology of its own, so its task notices a silent feed even while the
 * table's task is busy applying a big dump.
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
        return build(rules, historyRetention, RangeEntries.DEFAULT_SAMPLE);
    }

    /** @param rangeSample how many of a range's entries its state holds ({@link RangeEntries}); tests make it small */
    static Topology build(AlertRules rules, Duration historyRetention, int rangeSample) {
        StreamsBuilder builder = new StreamsBuilder();
        OwnerDirectory owners = new OwnerDirectory();
        OwnersTable.addTo(builder, Topics.OWNERS, owners);
        KStream<String, AddressDelta> deltas = RegistryEntriesTable.addTo(builder, Topics.REGISTRY_EVENTS);
        KStream<String, TableChange> changes = AddressTable.addTo(builder, deltas, owners,
                single -> DecisionTable.addTo(builder, single), rangeSample);
        BlockedRangeTable.addTo(changes, Topics.BLOCKED_RANGES);
        RangeHistory.addTo(builder, changes, historyRetention);
        DumpStatsPublisher.addTo(DecisionTable.settle(changes), Topics.STATS);
        KStream<String, RangeAlert> alerts = LargeRangeRule.addTo(changes, rules)
                .merge(SurgeRule.addTo(builder, changes, rules))
                .merge(CollateralRule.addTo(changes, rules));
        AlertPublisher.addTo(alerts, Topics.ALERTS, Topics.ALERTS_JSON);
        AlertPublisher.addTo(FeedStallRule.addTo(builder, Topics.REGISTRY_DUMPS, rules), Topics.ALERTS, Topics.ALERTS_JSON);
        return builder.build();
    }
}
