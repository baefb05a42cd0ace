package io.github.blockwatch.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * One {@code blockwatch} verb in its own JVM, started from the shaded jar {@code target/blockwatch.jar}
 * (failsafe runs after {@code package}, so the jar a user runs is the jar under test). Its stdout and
 * stderr go to files, so a test can wait for a line and a killed process leaves its output behind.
 * {@link #kill()} is SIGKILL ({@link Process#destroyForcibly()}): no shutdown hook, no clean close.
 */
public final class ChildJvm implements AutoCloseable {
    public static final Path JAR = Path.of("target/blockwatch.jar");

    private final Process process;
    private final Path out;
    private final Path err;

    private ChildJvm(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * @param heap  the child's {@code -Xmx}, e.g. {@code "256m"}
     * @param logs  directory for {@code <name>.out} and {@code <name>.err}
     */
    public static ChildJvm start(Path logs, String name, String heap, String... args) throws IOException {
        return start(logs, name, heap, List.of(), args);
    }

    /**
     * As {@link #start(Path, String, String, String...)}, with more JVM options (e.g. {@code -Djava.io.tmpdir=…}).
     * SIGINT is left to the child as a terminal would leave it, even when this JVM was started with it ignored
     * (a job put in the background by a non-interactive shell): a child inherits an ignored SIGINT, and a JVM
     * that starts with SIGINT ignored never handles Ctrl-C. Perl (Debian's essential perl-base) resets it.
     */
    public static ChildJvm start(Path logs, String name, String heap, List<String> jvmOptions, String... args) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run 'mvn package' (failsafe runs after it)");
        }
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>();
        command.addAll(sigintAsATerminalLeavesIt());
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-XX:+UseSerialGC"); // two shared cores: one GC thread is plenty for a child
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().remove("BLOCKWATCH_LOG");
        return new ChildJvm(builder.start(), out, err);
    }

    public Process process() {
        return process;
    }

    /** Sends SIGINT, what Ctrl-C in a terminal sends (the shell's own kill: Debian's slim images lack procps). */
    public void interrupt() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("sh", "-c", "kill -INT " + process.pid()).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("could not send SIGINT to " + process.pid());
        }
    }

    /**
     * What to put in front of a child's command line so that it handles SIGINT as one started from a terminal:
     * nothing, or when this JVM ignores SIGINT (and its children would inherit that) perl resetting it.
     */
    public static List<String> sigintAsATerminalLeavesIt() {
        return sigintIgnoredHere() ? List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"") : List.of();
    }

    /** Whether this JVM ignores SIGINT (bit 2 of SigIgn in /proc/self/status), so its children would too. */
    private static boolean sigintIgnoredHere() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseLong(line.substring(7).strip(), 16) & (1L << 1)) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: assume a terminal's defaults
        }
        return false;
    }

    /** SIGKILL, then wait until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits for the process to end; returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("child did not end within " + timeout + "; stderr: " + err());
        }
        return process.exitValue();
    }

    /** Waits until a line of stdout matches, failing early if the process ends first. */
    public String awaitOutLine(Duration timeout, Predicate<String> wanted) {
        String[] found = new String[1];
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (String line : outLines()) {
                if (wanted.test(line)) {
                    found[0] = line;
                    return true;
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("child ended (exit " + process.exitValue() + ") before the line; stderr: " + err());
            }
            return false;
        });
        return found[0];
    }

    public List<String> outLines() {
        return read(out).lines().toList();
    }

    public String out() {
        return read(out);
    }

    public String err() {
        return read(err);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** Kills the process if it still runs (a test that failed half-way must not leave a JVM behind). */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
