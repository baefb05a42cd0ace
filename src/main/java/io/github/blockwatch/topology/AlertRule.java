package io.github.blockwatch.topology;

import io.github.blockwatch.avro.RangeAlert;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * One alert rule: adds its processors (and stores, and sources if it reads a topic of its own) to the
 * topology and returns its alerts keyed by alert id; {@link BlockwatchTopology} publishes each rule's alerts
 * to {@code blockwatch.alerts} and {@code blockwatch.alerts.json}. A new rule is a class with a static
 * {@code addTo(AlertRule.Inputs)} and one line in {@link BlockwatchTopology#RULES}; it builds its alerts with
 * {@link io.github.blockwatch.alerts.AlertBuilder}.
 */
@FunctionalInterface
interface AlertRule {
    KStream<String, RangeAlert> addTo(Inputs inputs);

    /**
     * What a rule may read.
     *
     * @param builder    the topology being built
     * @param changes    the address table's changes (one partition: the table's sub-topology)
     * @param owners     the owner index over the global {@value StoreNames#OWNERS} store
     * @param thresholds the configured thresholds
     */
    record Inputs(StreamsBuilder builder, KStream<String, TableChange> changes, OwnerDirectory owners,
                  AlertRules thresholds) {}
}
