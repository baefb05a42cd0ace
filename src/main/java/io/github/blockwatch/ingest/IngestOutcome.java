package io.github.blockwatch.ingest;

import java.util.Locale;
import java.time.Instant;

/**
 * What ingesting one dump did.
 *
 * @param published false when the dump had been ingested before, so nothing was published
 */
public record IngestOutcome(String source, String dumpId, Instant registryTime, boolean published,
                            long rowsRead, long accepted, long rejected, long entries,
                            int added, int removed, int updated) {

    /** One line for people: the account {@code rows read = accepted + rejected} and the events. */
    public String summary() {
        if (!published) {
            return String.format(Locale.ROOT, "%s: already ingested (dump %s), nothing published", source, dumpId);
        }
        return String.format(Locale.ROOT, "%s (registry time %s): rows read %,d = accepted %,d + rejected %,d; "
                        + "%,d entries; events: %,d added, %,d removed, %,d updated",
                source, registryTime, rowsRead, accepted, rejected, entries, added, removed, updated);
    }
}
