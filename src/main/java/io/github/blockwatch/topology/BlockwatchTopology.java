package io.github.blockwatch.topology;

import io.github.blockwatch.avro.AddressDelta;
import io.github.blockwatch.kafka.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Composes blockwatch's topology:
 * <pre>
 * blockwatch.registry.events ─▶ RegistryEntriesTable ─▶ [address-deltas, 1 partition: DeltaRoute] ─▶ DecisionTable ─▶ AddressTable
 * blockwatch.owners ─▶ OwnersTable (global store) ─▶ read by AddressTable to attribute ranges
 *   AddressTable ─▶ BlockedRangeTable  ─▶ blockwatch.blocked.ranges
 *                ─▶ RangeHistory       (versioned store: every range version at registry time)
 *                ─▶ DecisionTable.settle ─▶ DumpStatsPublisher ─▶ blockwatch.stats
 *                ─▶ LargeRangeRule ─▶ AlertPublisher ─▶ blockwatch.alerts, blockwatch.alerts.json
 *                ─▶ SurgeRule      ─▶ AlertPublisher ─▶ (the same)
 *                ─▶ CollateralRule ─▶ AlertPublisher ─▶ (the same)
 *                ─▶ WatchlistRule  ─▶ AlertPublisher ─▶ (the same)
 * blockwatch.watchlists ─▶ (watchlists, 1 partition) ─▶ WatchlistRule (in the table's sub-topology)
 * blockwatch.registry.dumps ─▶ (feed-dumps, 1 partition) ─▶ FeedStallRule ─▶ AlertPublisher ─▶ (the same)
 * </pre>
 * Alert rules are listed in {@link #RULES} ({@link AlertRule}). The feed-stall rule is a sub-topology of its
 * own, so its task notices a silent feed even while the table's task is busy applying a big dump.
 */
public final class BlockwatchTopology {
    /** Every alert rule, in the order their alerts of one change are published. */
    static final List<AlertRule> RULES = List.of(
            LargeRangeRule::addTo, SurgeRule::addTo, CollateralRule::addTo, FeedStallRule::addTo, WatchlistRule::addTo);

    private BlockwatchTopology() {}

    /** How far back point-in-time lookups reach by default (registry time before the newest dump). */
    public static final Duration DEFAULT_HISTORY_RETENTION = RangeHistory.DEFAULT_RETENTION;

    public static Topology build(AlertRules rules) {
        return build(rules, DEFAULT_HISTORY_RETENTION);
    }

    /** @param historyRetention how long before the newest registry time the range history is kept */
    public static Topology build(AlertRules rules, Duration historyRetention) {
        return build(rules, historyRetention, DeltaRoute.DIRECT);
    }

    /** @param route how the deltas reach the table: {@link DeltaRoute#of} from the events topic's partitions */
    public static Topology build(AlertRules rules, Duration historyRetention, DeltaRoute route) {
        return build(rules, historyRetention, RangeEntries.DEFAULT_SAMPLE, route);
    }

    /** @param rangeSample how many of a range's entries its state holds ({@link RangeEntries}); tests make it small */
    static Topology build(AlertRules rules, Duration historyRetention, int rangeSample, DeltaRoute route) {
        StreamsBuilder builder = new StreamsBuilder();
        OwnerDirectory owners = new OwnerDirectory();
        OwnersTable.addTo(builder, Topics.OWNERS, owners);
        KStream<String, AddressDelta> deltas = RegistryEntriesTable.addTo(builder, Topics.REGISTRY_EVENTS);
        KStream<String, TableChange> changes = AddressTable.addTo(builder, deltas, owners,
                single -> DecisionTable.addTo(builder, single), rangeSample, route);
        BlockedRangeTable.addTo(changes, Topics.BLOCKED_RANGES);
        RangeHistory.addTo(builder, changes, historyRetention);
        DumpStatsPublisher.addTo(DecisionTable.settle(changes), Topics.STATS);
        AlertRule.Inputs inputs = new AlertRule.Inputs(builder, changes, owners, rules);
        for (AlertRule rule : RULES) {
            // Each rule's alerts are published on their own: merging streams would fuse their sub-topologies.
            AlertPublisher.addTo(rule.addTo(inputs), Topics.ALERTS, Topics.ALERTS_JSON);
        }
        return builder.build();
    }
}
