package io.github.blockwatch.ingest;

import java.util.Locale;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr (me.tongfei:progressbar, which handles terminal width, rates and ETA) showing
 * MB of the dump file read and rows so far.
 */
public final class ConsoleProgress implements Progress {
    private final PrintStream out;
    private ProgressBar bar;

    public ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void start(String task, long totalBytes) {
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalBytes)
                .setUnit(" MB", 1024 * 1024)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(out))
                .showSpeed()
                .build();
    }

    @Override
    public void update(long bytesRead, long rows) {
        if (bar != null) {
            bar.stepTo(bytesRead);
            bar.setExtraMessage(String.format(Locale.ROOT, " %,d rows", rows));
        }
    }

    @Override
    public void finish(long totalBytes, long rows) {
        if (bar != null) {
            bar.stepTo(totalBytes);
            bar.setExtraMessage(String.format(Locale.ROOT, " %,d rows", rows));
            bar.close();
            bar = null;
        }
    }
}
