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
 * A progress bar on stderr (me.tongfei:progressbar, as ingest's) counting dumps, with the registry time
 * reached (UTC) and the events published so far.
 */
public final class ConsoleReplayProgress implements ReplayProgress {
    private static final DateTimeFormatter REGISTRY_MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

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
            // Short enough for an 80-column terminal next to the bar, rate and ETA.
            bar.setExtraMessage(String.format(Locale.ROOT, " at %s, %,d events", REGISTRY_MINUTE.format(version.registryTime()), totals.events()));
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
