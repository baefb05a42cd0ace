package io.github.blockwatch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;

/**
 * A {@code blockwatch} command that runs until stopped ({@code ingest --watch}), in its own thread, as
 * configured for {@code main}; its output can be read while it runs. {@link CliRun} is the one-shot kind.
 */
final class BackgroundCliRun {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private final Thread thread;

    private BackgroundCliRun(String threadName, String... args) {
        CommandLine cmd = BlockwatchCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        thread = new Thread(() -> exitCode.set(cmd.execute(args)), threadName);
    }

    static BackgroundCliRun start(String threadName, String... args) {
        BackgroundCliRun run = new BackgroundCliRun(threadName, args);
        run.thread.start();
        return run;
    }

    /** Interrupts the command, as Ctrl-C would, and waits up to {@code timeout} for it to end. */
    void stop(Duration timeout) throws InterruptedException {
        thread.interrupt();
        thread.join(timeout.toMillis());
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    /** The exit code, or -1 while the command runs. */
    int exitCode() {
        return exitCode.get();
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
