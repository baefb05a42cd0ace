package io.github.blockwatch.topology;

import io.github.blockwatch.avro.DecisionStats;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Once a dump is applied: collects the figures of every decision the dump touched (exact already: the
 * decision step counts them event by event, see {@link DecisionDeltaProcessor}), drops decisions left with
 * nothing, and forwards the dump's {@code DumpApplied} with those figures.
 */
final class DecisionSettler implements FixedKeyProcessor<String, TableChange, TableChange> {
    private static final StringSerializer KEYS = new StringSerializer();

    private FixedKeyProcessorContext<String, TableChange> context;
    private KeyValueStore<String, DecisionStats> decisions;
    private KeyValueStore<String, Integer> decisionRanges;
    private KeyValueStore<String, String> pending;

    @Override
    public void init(FixedKeyProcessorContext<String, TableChange> context) {
        this.context = context;
        decisions = context.getStateStore(StoreNames.DECISIONS);
        decisionRanges = context.getStateStore(StoreNames.DECISION_RANGES);
        pending = context.getStateStore(StoreNames.DECISION_PENDING);
    }

    @Override
    public void process(FixedKeyRecord<String, TableChange> record) {
        if (record.value() instanceof TableChange.DumpApplied applied) {
            context.forward(record.withValue(applied.withDecisions(settle(applied.dump().getId()))));
        }
    }

    private List<DecisionStats> settle(String dumpId) {
        String prefix = DecisionTable.pendingKey(dumpId, "");
        List<KeyValue<String, String>> touched = new ArrayList<>();
        try (KeyValueIterator<String, String> it = pending.prefixScan(prefix, KEYS)) {
            it.forEachRemaining(touched::add);
        }
        List<DecisionStats> figures = new ArrayList<>(touched.size());
        for (KeyValue<String, String> t : touched) {
            pending.delete(t.key);
            String decisionKey = t.key.substring(prefix.length());
            DecisionStats stats = decisions.get(decisionKey);
            if (stats == null) {
                continue; // settled already by an interleaved dump that touched it too
            }
            if (!DecisionTable.COUNTED.equals(t.value)) {
                settleAsBefore04(decisionKey, stats, t.value);
            }
            figures.add(DecisionStats.newBuilder(stats).build());
            if (stats.getEntries() <= 0 && stats.getRanges() <= 0) {
                decisions.delete(decisionKey);
            }
        }
        return figures;
    }

    /** A decision marked by a release before 0.4, which left its figures to be finished here. */
    private void settleAsBefore04(String decisionKey, DecisionStats stats, String mark) {
        DecisionAddresses.recount(decisionRanges, decisionKey, stats, DecisionTable.RANGES_CHANGED.equals(mark));
        decisions.put(decisionKey, stats);
    }
}
