package io.github.blockwatch.topology;

import io.github.blockwatch.avro.AddressDelta;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.kafka.Topics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Composes blockwatch's topology:
 * <pre>
 * blockwatch.registry.events ─▶ RegistryEntriesTable ─▶ (address-deltas, 1 partition) ─▶ AddressTable
 * blockwatch.owners ─▶ OwnersTable (global store) ─▶ read by AddressTable to attribute ranges
 *   AddressTable ─▶ BlockedRangeTable  ─▶ blockwatch.blocked.ranges
 *                ─▶ DumpStatsPublisher ─▶ blockwatch.stats
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

    public static Topology build(AlertRules rules) {
        StreamsBuilder builder = new StreamsBuilder();
        OwnerDirectory owners = new OwnerDirectory();
        OwnersTable.addTo(builder, Topics.OWNERS, owners);
        KStream<String, AddressDelta> deltas = RegistryEntriesTable.addTo(builder, Topics.REGISTRY_EVENTS);
        KStream<String, TableChange> changes = AddressTable.addTo(builder, deltas, owners);
        BlockedRangeTable.addTo(changes, Topics.BLOCKED_RANGES);
        DumpStatsPublisher.addTo(changes, Topics.STATS);
        KStream<String, RangeAlert> alerts = LargeRangeRule.addTo(changes, rules)
                .merge(SurgeRule.addTo(builder, changes, rules))
                .merge(CollateralRule.addTo(changes, rules));
        AlertPublisher.addTo(alerts, Topics.ALERTS, Topics.ALERTS_JSON);
        AlertPublisher.addTo(FeedStallRule.addTo(builder, Topics.REGISTRY_DUMPS, rules), Topics.ALERTS, Topics.ALERTS_JSON);
        return builder.build();
    }
}
