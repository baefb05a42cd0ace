package io.github.blockwatch.ingest;

import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.avro.RegistryEntry;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The registry as blockwatch last published it: current entries by key, and the dumps already ingested.
 * Recovered from the compacted entries and dumps topics, so any machine can run ingest. Held dumps
 * (DUMP_SHRANK) are remembered apart: they are not part of the state, and may still be accepted later.
 */
final class RegistryState {
    private final Map<String, RegistryEntry> entries = new HashMap<>();
    private final Set<String> digests = new HashSet<>();
    private final Set<String> heldDigests = new HashSet<>();
    private final java.util.TreeSet<Instant> registryTimes = new java.util.TreeSet<>();
    /** The times of plain address lists: a file's or a download's clock, not the registry's (kept apart). */
    private final java.util.TreeSet<Instant> listTimes = new java.util.TreeSet<>();
    private DumpRecord lastApplied;
    private DumpRecord lastWithEvents;

    Map<String, RegistryEntry> entries() {
        return entries;
    }

    void putEntry(String key, RegistryEntry entry) {
        if (entry == null) {
            entries.remove(key);
        } else {
            entries.put(key, entry);
        }
    }

    void recordDump(DumpRecord dump) {
        if (dump.getHeld()) {
            heldDigests.add(dump.getDigest());
            return;
        }
        digests.add(dump.getDigest());
        (isList(dump.getDump().getFormat()) ? listTimes : registryTimes).add(dump.getDump().getRegistryTime());
        // Publication order, not registry order: after a --force of an older dump, the state is that dump.
        if (lastApplied == null || !dump.getIngestedAt().isBefore(lastApplied.getIngestedAt())) {
            lastApplied = dump;
        }
        boolean hasEvents = dump.getAdded() + dump.getRemoved() + dump.getUpdated() > 0;
        if (hasEvents && (lastWithEvents == null || !dump.getIngestedAt().isBefore(lastWithEvents.getIngestedAt()))) {
            lastWithEvents = dump;
        }
    }

    boolean alreadyIngested(String digest) {
        return digests.contains(digest);
    }

    /** Whether a dump with this digest was held and never accepted since. */
    boolean held(String digest) {
        return heldDigests.contains(digest) && !digests.contains(digest);
    }

    /** Registry time of the newest dump accepted, or null when none was. */
    Instant latestRegistryTime() {
        Instant registry = registryTimes.isEmpty() ? null : registryTimes.last();
        Instant list = listTimes.isEmpty() ? null : listTimes.last();
        return registry == null ? list : list == null || registry.isAfter(list) ? registry : list;
    }

    /**
     * Time of the newest dump accepted with a time no later than {@code bound}, or null, among dumps on the
     * same clock as {@code format}: registry dumps are ordered by registry time, plain lists by theirs.
     */
    Instant latestTimeUpTo(Instant bound, String format) {
        return (isList(format) ? listTimes : registryTimes).floor(bound);
    }

    private static boolean isList(String format) {
        return "list".equals(format);
    }

    /** The record of the dump accepted last (the one the state holds), or null when none was. */
    DumpRecord lastApplied() {
        return lastApplied;
    }

    /**
     * Id of the dump whose events were published last, or null when none were: the next dump's events
     * follow it (a dump without events never reaches the address table, so the chain skips it).
     */
    String lastWithEvents() {
        return lastWithEvents == null ? null : lastWithEvents.getDump().getId();
    }

    /** Applies a published diff, so the next dump of the same run diffs against it. */
    void apply(DumpDiff diff, DumpRecord record) {
        diff.events().forEach(event -> putEntry(event.getKey(),
                event.getType() == io.github.blockwatch.avro.EventType.REMOVED ? null : event.getEntry()));
        recordDump(record);
    }
}
