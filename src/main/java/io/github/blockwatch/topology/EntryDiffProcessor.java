package io.github.blockwatch.topology;

import io.github.blockwatch.avro.AddressDelta;
import io.github.blockwatch.avro.DeltaKind;
import io.github.blockwatch.avro.EventType;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.avro.RegistryEvent;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies one registry event to the current-entries store and emits what changed for each range: BLOCK
 * for a range the entry now lists, UNBLOCK for one it no longer lists, then EVENT_DONE. The diff is
 * against this store, not against what the event claims was there before, so the table stays right even
 * if events arrive for entries the producer thought new.
 */
final class EntryDiffProcessor implements Processor<String, RegistryEvent, String, AddressDelta> {
    private final String storeName;
    private KeyValueStore<String, RegistryEntry> entries;
    private ProcessorContext<String, AddressDelta> context;

    EntryDiffProcessor(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, AddressDelta> context) {
        this.context = context;
        this.entries = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, RegistryEvent> record) {
        RegistryEvent event = record.value();
        if (event == null) {
            return;
        }
        String key = event.getKey();
        RegistryEntry before = entries.get(key);
        RegistryEntry after = event.getType() == EventType.REMOVED ? null : event.getEntry();
        Set<String> rangesBefore = before == null ? Set.of() : new LinkedHashSet<>(before.getRanges());
        Set<String> rangesAfter = after == null ? Set.of() : new LinkedHashSet<>(after.getRanges());
        boolean decisionChanged = before != null && after != null
                && !Objects.equals(before.getDecision(), after.getDecision());

        for (String range : rangesBefore) {
            if (!rangesAfter.contains(range)) {
                forward(record, range, DeltaKind.UNBLOCK, event, before);
            }
        }
        for (String range : rangesAfter) {
            // A range kept under a new decision is sent again: blocking is an upsert per entry key.
            if (!rangesBefore.contains(range) || decisionChanged) {
                forward(record, range, DeltaKind.BLOCK, event, after);
            }
        }
        if (after == null) {
            entries.delete(key);
        } else {
            entries.put(key, after);
        }
        forward(record, null, DeltaKind.EVENT_DONE, event, after == null ? before : after);
    }

    private void forward(Record<String, RegistryEvent> record, String range, DeltaKind kind,
                         RegistryEvent event, RegistryEntry entry) {
        AddressDelta delta = AddressDelta.newBuilder()
                .setKind(kind)
                .setCidr(range)
                .setEntryKey(event.getKey())
                .setDecision(entry == null ? null : entry.getDecision())
                .setEventType(event.getType())
                .setDump(event.getDump())
                .setDumpEventCount(event.getDumpEventCount())
                .build();
        context.forward(record.withKey(range == null ? event.getKey() : range).withValue(delta));
    }
}
