package io.github.blockwatch.topology;

import io.github.blockwatch.avro.AddressDelta;
import io.github.blockwatch.avro.EventType;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.InvalidAddressException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies one registry event to the current-entries store and emits one {@link AddressDelta}: the ranges
 * the entry no longer lists and those it newly lists. The diff is
 * against this store, not against what the event claims was there before, so the table stays right even
 * if events arrive for entries the producer thought new. An event listing a range that is not a canonical
 * CIDR, or whose source is none or not its key's ({@link SourceCheck}), is refused before the store
 * changes (it goes to the dead-letter topic).
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
        // Before anything else reads the source: the stores downstream key their state by it.
        SourceCheck.of(event.getDump(), key);
        RegistryEntry before = entries.get(key);
        RegistryEntry after = event.getType() == EventType.REMOVED ? null : event.getEntry();
        Set<String> rangesBefore = before == null ? Set.of() : new LinkedHashSet<>(before.getRanges());
        Set<String> rangesAfter = after == null ? Set.of() : new LinkedHashSet<>(after.getRanges());
        boolean decisionChanged = before != null && after != null
                && !Objects.equals(before.getDecision(), after.getDecision());

        List<String> unblock = new ArrayList<>();
        for (String range : rangesBefore) {
            if (!rangesAfter.contains(range)) {
                unblock.add(range);
            }
        }
        List<String> block = new ArrayList<>();
        for (String range : rangesAfter) {
            // A range kept under a new decision is sent again: blocking is an upsert per entry key.
            if (!rangesBefore.contains(range) || decisionChanged) {
                block.add(range);
            }
        }
        // Checked before anything changes: a refused event (see DeadLetterProcessingHandler) leaves no trace.
        for (String range : block) {
            requireCanonical(key, range);
        }
        if (after == null) {
            entries.delete(key);
        } else {
            entries.put(key, after);
        }
        RegistryEntry current = after == null ? before : after;
        AddressDelta delta = AddressDelta.newBuilder()
                .setEntryKey(key)
                .setDecision(current == null ? null : current.getDecision())
                .setEventType(event.getType())
                .setDump(event.getDump())
                .setDumpEventCount(event.getDumpEventCount())
                .setFollows(event.getFollows())
                .setPreviousDecision(before == null ? null : before.getDecision())
                .setPreviousDecisionKnown(true)
                .setUnblock(unblock)
                .setBlock(block)
                .build();
        context.forward(record.withValue(delta));
    }

    /** Ingest publishes canonical CIDRs only; anything else comes from another producer and is refused. */
    private static void requireCanonical(String key, String range) {
        String canonical;
        try {
            canonical = Cidr.parse(range).toString();
        } catch (InvalidAddressException e) {
            throw new IllegalArgumentException("entry " + key + " lists " + e.getMessage(), e);
        }
        if (!canonical.equals(range)) {
            throw new IllegalArgumentException("entry " + key + " lists '" + range + "', not a canonical CIDR (" + canonical + ")");
        }
    }
}
