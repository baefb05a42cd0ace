package io.github.blockwatch.replay;

import io.github.blockwatch.ingest.IngestOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** What a replay has done so far, for its progress and closing line. */
public final class ReplayTotals {
    private int dumps;
    private int withEvents;
    private int alreadyIngested;
    private long events;
    private long rejectedRows;
    private Instant firstRegistryTime;
    private Instant lastRegistryTime;

    void add(IngestOutcome outcome) {
        dumps++;
        rejectedRows += outcome.rejected();
        if (firstRegistryTime == null) {
            firstRegistryTime = outcome.registryTime();
        }
        lastRegistryTime = outcome.registryTime();
        if (!outcome.published()) {
            alreadyIngested++;
            return;
        }
        long dumpEvents = (long) outcome.added() + outcome.removed() + outcome.updated();
        events += dumpEvents;
        if (dumpEvents > 0) {
            withEvents++;
        }
    }

    public int dumps() {
        return dumps;
    }

    /** Dumps that changed the registry (published at least one event). */
    public int withEvents() {
        return withEvents;
    }

    /** Dumps found already ingested (same digest), which published nothing: a replay resumed. */
    public int alreadyIngested() {
        return alreadyIngested;
    }

    public long events() {
        return events;
    }

    public long rejectedRows() {
        return rejectedRows;
    }

    public Instant lastRegistryTime() {
        return lastRegistryTime;
    }

    /**
     * {@code replayed 240 dumps (2014-10-31T19:05:00Z .. 2014-11-10T19:05:00Z): 198 with events, 42 unchanged,
     * 0 already ingested; 3,245 events; 1,234 rows rejected; 61.2 s, 3.9 dumps/s}.
     */
    public String summary(Duration elapsed) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        return String.format(Locale.ROOT, "replayed %,d dumps (%s .. %s): %,d with events, %,d unchanged, %,d already ingested; "
                        + "%,d events; %,d rows rejected; %.1f s, %.1f dumps/s",
                dumps, firstRegistryTime, lastRegistryTime, withEvents, dumps - withEvents - alreadyIngested,
                alreadyIngested, events, rejectedRows, seconds, dumps / seconds);
    }
}
