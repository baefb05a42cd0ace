package io.github.blockwatch.ingest;

import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.EventType;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.avro.RegistryEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The events that turn the registry state into a new dump: ADDED for a key the state lacks, UPDATED for
 * a key whose content changed, REMOVED for a key the dump lacks (carrying the entry as last seen).
 */
record DumpDiff(List<RegistryEvent> events, int added, int removed, int updated) {
    /** No events: what a held dump publishes. */
    static final DumpDiff NONE = new DumpDiff(List.of(), 0, 0, 0);

    /**
     * @param follows id of the last dump published with events (null for the first): the table applies this
     *                dump's events only after that dump's, whatever partitions they travel through
     */
    static DumpDiff between(Map<String, RegistryEntry> current, Map<String, RegistryEntry> dump, DumpRef ref,
                            String follows) {
        List<RegistryEvent> events = new ArrayList<>();
        int added = 0;
        int updated = 0;
        for (Map.Entry<String, RegistryEntry> e : dump.entrySet()) {
            RegistryEntry before = current.get(e.getKey());
            if (before == null) {
                events.add(event(EventType.ADDED, e.getValue(), ref));
                added++;
            } else if (!EntryRecords.sameContent(before, e.getValue())) {
                events.add(event(EventType.UPDATED, e.getValue(), ref));
                updated++;
            }
        }
        int removed = 0;
        for (Map.Entry<String, RegistryEntry> e : current.entrySet()) {
            if (!dump.containsKey(e.getKey())) {
                events.add(event(EventType.REMOVED, e.getValue(), ref));
                removed++;
            }
        }
        int count = events.size();
        events.forEach(event -> {
            event.setDumpEventCount(count);
            event.setFollows(follows);
        });
        return new DumpDiff(events, added, removed, updated);
    }

    private static RegistryEvent event(EventType type, RegistryEntry entry, DumpRef ref) {
        return RegistryEvent.newBuilder()
                .setType(type)
                .setKey(entry.getKey())
                .setDump(ref)
                .setDumpEventCount(0)
                .setEntry(entry)
                .build();
    }

    boolean isEmpty() {
        return events.isEmpty();
    }
}
