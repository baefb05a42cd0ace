package io.github.blockwatch.topology;

import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.RangeFlap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * LARGE_RANGE, UNBLOCKED and FLAPPING (see {@link LargeRangeRule}): each change of a large range goes through
 * {@link RangeFlaps}, with what the store remembers of the range; when a dump is applied, the ranges it shows
 * to have stayed are forgotten. Only ranges that changed within the window are in the store, so the scan
 * per dump is short.
 */
final class LargeRangeProcessor implements Processor<String, TableChange, String, RangeAlert> {
    private final AlertRules rules;
    private final String storeName;
    private KeyValueStore<String, RangeFlap> flaps;
    private ProcessorContext<String, RangeAlert> context;

    LargeRangeProcessor(AlertRules rules, String storeName) {
        this.rules = rules;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, RangeAlert> context) {
        this.context = context;
        this.flaps = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, TableChange> record) {
        TableChange change = record.value();
        if (change instanceof TableChange.RangeBlocked blocked && LargeRangeRule.isLarge(blocked.range(), rules)) {
            decide(record, blocked.range(), true, blocked);
        } else if (change instanceof TableChange.RangeUnblocked unblocked && LargeRangeRule.isLarge(unblocked.lastSeen(), rules)) {
            decide(record, unblocked.lastSeen(), false, unblocked);
        } else if (change instanceof TableChange.DumpApplied applied) {
            forgetStayed(applied.dump().getRegistryTime());
        }
    }

    private void decide(Record<String, TableChange> record, BlockedRange range, boolean blocked, TableChange change) {
        RangeFlap before = flaps.get(range.getCidr());
        RangeFlaps.Decision decision = RangeFlaps.change(before, blocked, change.dump().getRegistryTime(), rules.flappingReturns());
        flaps.put(range.getCidr(), decision.after());
        RangeAlert alert = switch (decision.verdict()) {
            case QUIET -> null;
            case FLAPPING -> LargeRangeRule.flappingAlert((TableChange.RangeBlocked) change, decision.after(), rules);
            case ALERT -> change instanceof TableChange.RangeBlocked b
                    ? LargeRangeRule.blockedAlert(b, rules)
                    : LargeRangeRule.unblockedAlert((TableChange.RangeUnblocked) change, rules);
        };
        if (alert != null) {
            context.forward(record.withKey(alert.getId()).withValue(alert));
        }
    }

    /** Marks the ranges the dump shows to have stayed, and forgets those an earlier dump showed so. */
    private void forgetStayed(Instant dumpTime) {
        List<String> forgotten = new ArrayList<>();
        List<KeyValue<String, RangeFlap>> stayed = new ArrayList<>();
        try (KeyValueIterator<String, RangeFlap> it = flaps.all()) {
            while (it.hasNext()) {
                KeyValue<String, RangeFlap> next = it.next();
                Instant stayedAt = next.value.getStayedAt();
                if (stayedAt != null && stayedAt.isBefore(dumpTime)) {
                    forgotten.add(next.key);
                } else if (stayedAt == null && RangeFlaps.stayed(next.value, dumpTime, rules.flappingWindow())) {
                    next.value.setStayedAt(dumpTime);
                    stayed.add(next);
                }
            }
        }
        forgotten.forEach(flaps::delete);
        stayed.forEach(kv -> flaps.put(kv.key, kv.value));
    }
}
