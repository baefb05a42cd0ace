package io.github.blockwatch.topology;

import io.github.blockwatch.avro.AddressDelta;
import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DecisionStats;
import io.github.blockwatch.kafka.AvroSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * Per-decision figures: for each decision (org, number) its live entries, the distinct ranges they list
 * and the distinct IPv4 addresses those cover (overlaps within the decision counted once).
 * {@link DecisionDeltaProcessor} keeps entries and range references exact event by event, on the
 * single-partition delta stream just before the address table applies each delta, the addresses of
 * large decisions range by range ({@link DecisionAddresses}) and those of small ones by a recount of their
 * ranges; once a dump is applied {@link DecisionSettler} hands every touched decision's figures to
 * {@code blockwatch.stats} ({@code DumpStats.decisions}). A range change costs the
 * same whatever the size of the table or of its decision. Store: {@value StoreNames#DECISIONS} (key per {@link DecisionKeys}).
 */
final class DecisionTable {
    /** Value of the pending store since 0.4: the decision's figures are exact, its addresses counted. */
    static final String COUNTED = "counted";
    /**
     * Value written before 0.4 when a touched decision's ranges changed: its addresses were left to be
     * recounted once the dump is applied (0.3 also wrote "entries", when only its entries changed).
     */
    static final String RANGES_CHANGED = "ranges";

    private DecisionTable() {}

    /** Adds the stores and the per-event step; returns the deltas unchanged, for the address table. */
    static KStream<String, AddressDelta> addTo(StreamsBuilder builder, KStream<String, AddressDelta> singlePartitionDeltas) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.DECISIONS),
                Serdes.String(), AvroSerde.of(DecisionStats.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.DECISION_RANGES),
                Serdes.String(), Serdes.Integer()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.DECISION_ENTRIES),
                Serdes.String(), AvroSerde.of(Decision.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.DECISION_PENDING),
                Serdes.String(), Serdes.String()));
        return singlePartitionDeltas.processValues(DecisionDeltaProcessor::new, Named.as("decision-deltas"),
                StoreNames.DECISIONS, StoreNames.DECISION_RANGES, StoreNames.DECISION_ENTRIES,
                StoreNames.DECISION_PENDING, StoreNames.BLOCKED_RANGES, StoreNames.RANGE_ENTRIES);
    }

    /**
     * The address table's {@code DumpApplied} changes, each carrying the figures of the decisions its dump
     * touched (other changes are dropped: only the stats publisher reads this stream).
     */
    static KStream<String, TableChange> settle(KStream<String, TableChange> changes) {
        return changes.processValues(DecisionSettler::new, Named.as("decision-settle"),
                StoreNames.DECISIONS, StoreNames.DECISION_RANGES, StoreNames.DECISION_PENDING);
    }

    static String rangeKey(String decisionKey, String cidr) {
        return decisionKey + '\0' + cidr;
    }

    static String pendingKey(String dumpId, String decisionKey) {
        return dumpId + '\0' + decisionKey;
    }
}
