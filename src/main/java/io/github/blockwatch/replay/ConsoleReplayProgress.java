package io.github.blockwatch.replay;

import io.github.blockwatch.ingest.IngestOutcome;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr (me.tongfei:progressbar, as ingest's) counting dumps, with the time left and the
 * registry time reached (UTC): short enough to leave the bar a third of an 80-column terminal at 5,077 dumps.
 */
public final class ConsoleReplayProgress implements ReplayProgress {
    private static final DateTimeFormatter REGISTRY_MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final int columns;
    private ProgressBar bar;

    /** A bar as wide as the terminal. */
    public ConsoleReplayProgress(PrintStream out) {
        this(out, -1);
    }

    /** A bar {@code columns} wide, or as wide as the terminal for -1. */
    ConsoleReplayProgress(PrintStream out, int columns) {
        this.out = out;
        this.columns = columns;
    }

    @Override
    public void start(int totalDumps) {
        bar = new ProgressBarBuilder()
                .setTaskName("replay")
                .setInitialMax(totalDumps)
                .setUnit(" dumps", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(out, columns))
                .build();
    }

    @Override
    public void dumpDone(DumpVersion version, IngestOutcome outcome, ReplayTotals totals) {
        if (bar != null) {
            bar.stepTo(totals.dumps());
            // The bar gets what the text leaves of the terminal's width: with the rate and the events count too,
            // an 80-column terminal kept none of it ("[ ]"). Both are in the closing line (and -v's lines).
            bar.setExtraMessage("at " + REGISTRY_MINUTE.format(version.registryTime()));
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
