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
 * Recovered from the compacted entries and dumps topics, so any machine can run ingest.
 */
final class RegistryState {
    private final Map<String, RegistryEntry> entries = new HashMap<>();
    private final Set<String> digests = new HashSet<>();
    private Instant latestRegistryTime;

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
        digests.add(dump.getDigest());
        Instant time = dump.getDump().getRegistryTime();
        if (latestRegistryTime == null || time.isAfter(latestRegistryTime)) {
            latestRegistryTime = time;
        }
    }

    boolean alreadyIngested(String digest) {
        return digests.contains(digest);
    }

    /** Registry time of the newest dump ingested, or null when none was. */
    Instant latestRegistryTime() {
        return latestRegistryTime;
    }

    /** Applies a published diff, so the next dump of the same run diffs against it. */
    void apply(DumpDiff diff, DumpRecord record) {
        diff.events().forEach(event -> putEntry(event.getKey(),
                event.getType() == io.github.blockwatch.avro.EventType.REMOVED ? null : event.getEntry()));
        recordDump(record);
    }
}
