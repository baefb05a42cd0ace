package io.github.blockwatch.ingest;

import io.github.blockwatch.registry.SourceNames;
import io.github.blockwatch.avro.RangeAlert;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What ingesting one dump did.
 *
 * @param published false when the dump had been ingested before, so nothing was published
 * @param held      the dump shrank and was held back (DUMP_SHRANK without --accept-shrink): its record and
 *                  alert were published, no events; the registry state is unchanged
 * @param alerts    feed-health alerts raised for this dump (DUMP_SHRANK, FORMAT_CHANGED)
 */
public record IngestOutcome(String source, String dumpId, Instant registryTime, boolean published,
                            long rowsRead, long accepted, long rejected, long entries,
                            int added, int removed, int updated, boolean held, List<RangeAlert> alerts) {

    public IngestOutcome {
        alerts = List.copyOf(alerts);
    }

    /**
     * One line for people: the account {@code rows read = accepted + rejected} and the events; a named
     * source's begins with its name ({@code [antifilter-ipsum] ipsum.lst: ...}).
     */
    public String summary() {
        return SourceNames.label(SourceNames.sourceOf(dumpId)) + line();
    }

    private String line() {
        if (!published) {
            return held
                    ? String.format(Locale.ROOT, "%s: held before (dump %s, DUMP_SHRANK), nothing published; "
                            + "--accept-shrink applies it", source, dumpId)
                    : String.format(Locale.ROOT, "%s: already ingested (dump %s), nothing published", source, dumpId);
        }
        String rows = String.format(Locale.ROOT, "%s (registry time %s): rows read %,d = accepted %,d + rejected %,d; %,d entries; ",
                source, registryTime, rowsRead, accepted, rejected, entries);
        String raised = alerts.isEmpty() ? "" : "; raised " + String.join(", ", alerts.stream()
                .map(a -> a.getType().name()).toList());
        if (held) {
            return rows + "HELD: shrank too much, no events published (--accept-shrink applies it)" + raised;
        }
        return rows + String.format(Locale.ROOT, "events: %,d added, %,d removed, %,d updated", added, removed, updated) + raised;
    }
}
