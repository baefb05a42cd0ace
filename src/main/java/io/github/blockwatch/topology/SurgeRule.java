package io.github.blockwatch.topology;

import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.SurgeWindow;
import io.github.blockwatch.kafka.AvroSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * SURGE alerts (see {@link SurgeProcessor}). Reads the table's {@code DumpApplied} changes and its range
 * store; keeps the window in the {@value #STORE} store; writes alerts keyed by alert id.
 */
final class SurgeRule {
    static final String STORE = "surge-window";

    private SurgeRule() {}

    static KStream<String, RangeAlert> addTo(AlertRule.Inputs in) {
        AlertRules rules = in.thresholds();
        in.builder().addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), AvroSerde.of(SurgeWindow.class)));
        // Reads the address table's range store (same sub-topology) to name the decisions behind a surge.
        String ranges = AddressTableStores.DEFAULT.ranges();
        return in.changes()
                .process(() -> new SurgeProcessor(rules, STORE, ranges), Named.as("surge-rule"), STORE, ranges)
                .selectKey((key, alert) -> alert.getId());
    }
}
