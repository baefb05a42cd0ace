package io.github.blockwatch.replay;

import io.github.blockwatch.ingest.IngestOutcome;

/** Where a replay reports its way through the history: a terminal progress bar, lines, or nothing. */
public interface ReplayProgress {
    void start(int totalDumps);

    /** A dump was ingested (or found already ingested); {@code totals} include it. */
    void dumpDone(DumpVersion version, IngestOutcome outcome, ReplayTotals totals);

    void finish(ReplayTotals totals);

    ReplayProgress NONE = new ReplayProgress() {
        @Override
        public void start(int totalDumps) {}

        @Override
        public void dumpDone(DumpVersion version, IngestOutcome outcome, ReplayTotals totals) {}

        @Override
        public void finish(ReplayTotals totals) {}
    };
}
