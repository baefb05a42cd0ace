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
 * Once a dump is applied: recounts the distinct IPv4 addresses of each small decision whose ranges the dump
 * changed from that decision's own ranges (large ones are kept exact range by range, see
 * {@link DecisionAddresses}), stores the figures, drops decisions left with nothing, and forwards the
 * dump's {@code DumpApplied} with those figures.
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
            if (stats.getRanges() <= 0) {
                stats.setDistinctIpv4(0L);
            } else if (DecisionTable.RANGES_CHANGED.equals(t.value)) {
                // Only here is a scan needed; scanning every touched decision, even emptied ones, crawled
                // through the tombstones of a dump that removed thousands of entries.
                stats.setDistinctIpv4(DecisionAddresses.read(decisionRanges, decisionKey).distinctAddresses());
            }
            figures.add(DecisionStats.newBuilder(stats).build());
            if (stats.getEntries() <= 0 && stats.getRanges() <= 0) {
                decisions.delete(decisionKey);
            } else {
                decisions.put(decisionKey, stats);
            }
        }
        return figures;
    }
}
