package io.github.blockwatch.ingest;

import java.util.Locale;

/** Adds up the outcomes of several dumps for the closing line of {@code blockwatch ingest}. */
public final class IngestTotals {
    private int dumps;
    private int published;
    private int held;
    private long rowsRead;
    private long accepted;
    private long rejected;
    private long events;

    public void add(IngestOutcome outcome) {
        dumps++;
        rowsRead += outcome.rowsRead();
        accepted += outcome.accepted();
        rejected += outcome.rejected();
        if (outcome.held()) {
            held++;
        } else if (outcome.published()) {
            published++;
            events += outcome.added() + outcome.removed() + outcome.updated();
        }
    }

    public int dumps() {
        return dumps;
    }

    /**
     * {@code total: 3 dumps (3 published), rows read 39,526 = accepted 39,523 + rejected 3; 69,770 events};
     * {@code (2 published, 1 held)} when a dump was held as shrunken.
     */
    public String summary() {
        return String.format(Locale.ROOT, "total: %d dumps (%d published%s), rows read %,d = accepted %,d + rejected %,d; %,d events",
                dumps, published, held == 0 ? "" : ", " + held + " held", rowsRead, accepted, rejected, events);
    }
}
