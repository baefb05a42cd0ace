package io.github.blockwatch.topology;

import io.github.blockwatch.avro.AddressDelta;
import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DecisionStats;
import io.github.blockwatch.avro.EventType;
import io.github.blockwatch.avro.RangeState;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one registry event to the per-decision figures: how many entries each decision has, and how many
 * of its entries list each range (a range counts for a decision while at least one does).
 *
 * <p>A delta says which ranges its entry starts and stops listing under its decision now, and the decision
 * the entry had before (read where the delta was made, from the current-entries store: a second store of
 * every entry's decision here cost a changelog record per event). Deltas written before 0.4 do not carry it;
 * for those the entry → decision store that 0.3 kept is still read and kept. When an entry changes decision
 * its delta re-blocks every range it lists (blocking is an upsert), and the ranges it kept move from the old
 * decision to the new one: which ones it kept is read from the address table's range store, which at this
 * point still shows the state before the delta (this step runs just before the table applies it).
 *
 * <p>A small decision's distinct addresses are recounted from its ranges as soon as an event changes them
 * (at most {@link DecisionAddresses#INDEXED_FROM} ranges), so its figures are exact after every event and the
 * end of the dump only has to collect them, not write them again.
 */
final class DecisionDeltaProcessor implements FixedKeyProcessor<String, AddressDelta, AddressDelta> {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionDeltaProcessor.class);

    private FixedKeyProcessorContext<String, AddressDelta> context;
    private KeyValueStore<String, DecisionStats> decisions;
    private KeyValueStore<String, Integer> decisionRanges;
    private KeyValueStore<String, Decision> entryDecisions;
    private KeyValueStore<String, String> pending;
    private KeyValueStore<String, RangeState> tableRanges;
    private RangeEntries rangeEntries; // only asked which entries list a range: the sample size plays no part
    private DecisionAddresses addresses;
    /** The figures this event changes, written back once at its end. */
    private final Map<String, DecisionStats> changed = new LinkedHashMap<>();
    /** The small decisions whose ranges this event changed: theirs are recounted from their ranges. */
    private final Set<String> rangesChanged = new HashSet<>();

    @Override
    public void init(FixedKeyProcessorContext<String, AddressDelta> context) {
        this.context = context;
        decisions = context.getStateStore(StoreNames.DECISIONS);
        decisionRanges = context.getStateStore(StoreNames.DECISION_RANGES);
        entryDecisions = context.getStateStore(StoreNames.DECISION_ENTRIES);
        pending = context.getStateStore(StoreNames.DECISION_PENDING);
        tableRanges = context.getStateStore(StoreNames.BLOCKED_RANGES);
        rangeEntries = new RangeEntries(context.getStateStore(StoreNames.RANGE_ENTRIES), RangeEntries.DEFAULT_SAMPLE);
        addresses = new DecisionAddresses(decisionRanges);
    }

    @Override
    public void process(FixedKeyRecord<String, AddressDelta> record) {
        AddressDelta delta = record.value();
        if (delta != null) {
            apply(delta);
        }
        context.forward(record);
    }

    private void apply(AddressDelta delta) {
        String entry = delta.getEntryKey();
        boolean legacy = !delta.getPreviousDecisionKnown();
        Decision previous = legacy ? entryDecisions.get(entry) : delta.getPreviousDecision();
        Decision now = delta.getEventType() == EventType.REMOVED ? null : delta.getDecision();
        String before = DecisionKeys.of(previous);
        String after = DecisionKeys.of(now);
        // Upstream re-blocks every range when the decision changed in any field (date included).
        boolean sameDecision = previous != null && previous.equals(now);

        if (before != null) {
            for (String range : delta.getUnblock()) {
                release(before, previous, range);
            }
            if (!sameDecision) {
                for (String range : delta.getBlock()) {
                    if (listedBefore(range, entry)) {
                        release(before, previous, range);
                    }
                }
            }
        }
        if (after != null) {
            for (String range : delta.getBlock()) {
                hold(after, range, now);
            }
        }
        if (before != null && !before.equals(after)) {
            stats(before, previous).setEntries(stats(before, previous).getEntries() - 1);
        }
        if (after != null && !after.equals(before)) {
            stats(after, now).setEntries(stats(after, now).getEntries() + 1);
        }
        if (legacy) {
            keepLegacyEntryDecision(entry, previous, after == null ? null : now, sameDecision);
        }
        for (Map.Entry<String, DecisionStats> e : changed.entrySet()) {
            DecisionStats stats = e.getValue();
            DecisionAddresses.recount(decisionRanges, e.getKey(), stats, rangesChanged.contains(e.getKey()));
            decisions.put(e.getKey(), stats);
            // Once per decision and dump: a read is cheaper than a changelog record.
            String pendingKey = DecisionTable.pendingKey(delta.getDump().getId(), e.getKey());
            if (!DecisionTable.COUNTED.equals(pending.get(pendingKey))) {
                pending.put(pendingKey, DecisionTable.COUNTED);
            }
        }
        changed.clear();
        rangesChanged.clear();
    }

    /** The entry → decision store, read only for deltas written before 0.4, is kept as 0.3 kept it for them. */
    private void keepLegacyEntryDecision(String entry, Decision previous, Decision now, boolean sameDecision) {
        if (now == null) {
            if (previous != null) {
                entryDecisions.delete(entry);
            }
        } else if (!sameDecision) {
            entryDecisions.put(entry, now);
        }
    }

    private boolean listedBefore(String range, String entry) {
        RangeState state = tableRanges.get(range);
        return state != null && rangeEntries.lists(range, state, entry);
    }

    private void hold(String decisionKey, String range, Decision decision) {
        String key = DecisionTable.rangeKey(decisionKey, range);
        Integer listing = decisionRanges.get(key);
        DecisionStats stats = stats(decisionKey, decision);
        // Entries under one number can state different dates; show the latest date stated (a re-dated
        // decision). Not "the last to arrive": that would depend on the order in which partitions deliver
        // a dump's events, and instances would disagree (ScaleOutIT).
        if (decision.getDate().compareTo(stats.getDecision().getDate()) > 0) {
            stats.setDecision(decision);
        }
        if (listing == null) {
            decisionRanges.put(key, 1);
            stats.setRanges(stats.getRanges() + 1);
            rangeListing(decisionKey, range, true, stats);
        } else {
            decisionRanges.put(key, listing + 1);
        }
    }

    private void release(String decisionKey, Decision decision, String range) {
        String key = DecisionTable.rangeKey(decisionKey, range);
        Integer listing = decisionRanges.get(key);
        if (listing == null) {
            // Cannot happen while events and these stores come from the same exactly-once pipeline.
            LOG.warn("decision {} loses range {} it did not list; ignored", decisionKey, range);
            return;
        }
        DecisionStats stats = stats(decisionKey, decision);
        if (listing == 1) {
            decisionRanges.delete(key);
            stats.setRanges(stats.getRanges() - 1);
            rangeListing(decisionKey, range, false, stats);
        } else {
            decisionRanges.put(key, listing - 1);
        }
    }

    /** The decision started or stopped listing the range: its distinct addresses may change. */
    private void rangeListing(String decisionKey, String range, boolean listed, DecisionStats stats) {
        if (!addresses.rangeChanged(decisionKey, range, listed, stats)) {
            rangesChanged.add(decisionKey);
        }
    }

    private DecisionStats stats(String decisionKey, Decision decision) {
        return changed.computeIfAbsent(decisionKey, k -> {
            DecisionStats stored = decisions.get(k);
            return stored != null ? stored : new DecisionStats(decision, 0L, 0L, 0L);
        });
    }
}
