package io.github.blockwatch.replay;

import io.github.blockwatch.ingest.IngestOutcome;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr (me.tongfei:progressbar, as ingest's) counting dumps, with the registry time
 * reached and the events published so far.
 */
public final class ConsoleReplayProgress implements ReplayProgress {
    private final PrintStream out;
    private ProgressBar bar;

    public ConsoleReplayProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void start(int totalDumps) {
        bar = new ProgressBarBuilder()
                .setTaskName("replay")
                .setInitialMax(totalDumps)
                .setUnit(" dumps", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .showSpeed()
                .build();
    }

    @Override
    public void dumpDone(DumpVersion version, IngestOutcome outcome, ReplayTotals totals) {
        if (bar != null) {
            bar.stepTo(totals.dumps());
            bar.setExtraMessage(String.format(Locale.ROOT, " registry time %s, %,d events", version.registryTime(), totals.events()));
        }
    }

    @Override
    public void finish(ReplayTotals totals) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
