package io.github.blockwatch.readme;

import io.github.blockwatch.reliability.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * One README command run by {@code bash -c}, as a reader pastes it into a terminal, in a given directory and
 * environment; stdout and stderr go to files so that a long-running one ({@code broker}, {@code run}, the demo)
 * can be read while it runs. SIGINT is left to it as a terminal leaves it (see {@code ChildJvm}).
 */
final class Shell implements AutoCloseable {
    private final String command;
    private final Process process;
    private final Path out;
    private final Path err;

    private Shell(String command, Process process, Path out, Path err) {
        this.command = command;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code command}; {@code exec} in front of it makes the command itself the process Ctrl-C reaches. */
    static Shell start(String command, Path dir, Map<String, String> env, Path logs, String name) throws IOException {
        Files.createDirectories(logs);
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        List<String> line = new ArrayList<>(ChildJvm.sigintAsATerminalLeavesIt());
        line.addAll(List.of("bash", "-c", command));
        ProcessBuilder builder = new ProcessBuilder(line).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("BLOCKWATCH_LOG");
        builder.environment().putAll(env);
        return new Shell(command, builder.start(), out, err);
    }

    /** Runs {@code command} to its end. */
    static Shell run(String command, Path dir, Map<String, String> env, Path logs, String name, Duration timeout)
            throws IOException, InterruptedException {
        Shell shell = start(command, dir, env, logs, name);
        shell.awaitExit(timeout);
        return shell;
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("'" + command + "' did not end within " + timeout + "; stderr: " + err());
        }
        return process.exitValue();
    }

    int exitCode() {
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until a line of stdout matches, failing early if the command ends first. */
    String awaitOutLine(Duration timeout, Predicate<String> wanted) {
        String[] found = new String[1];
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (String line : outLines()) {
                if (wanted.test(line)) {
                    found[0] = line;
                    return true;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("'" + command + "' ended (exit " + process.exitValue() + ") before the line; stderr: " + err());
            }
            return false;
        });
        return found[0];
    }

    /** Ctrl-C: SIGINT to the process (the command itself when started with {@code exec}). */
    void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("sh", "-c", "kill -INT " + process.pid()).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("could not send SIGINT to " + process.pid());
        }
    }

    List<String> outLines() {
        return out().lines().toList();
    }

    String out() {
        return read(out);
    }

    String err() {
        return read(err);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return command;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
