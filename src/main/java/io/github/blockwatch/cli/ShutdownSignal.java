package io.github.blockwatch.cli;

import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Lets a long-running verb wait for Ctrl-C (or SIGTERM) and close its resources in order first — but never
 * for longer than {@link #GRACE}: Ctrl-C stops every verb within two seconds, whatever it is doing (starting
 * a broker, ingesting, serving). What has not closed by then is left to the JVM's exit; everything blockwatch
 * writes to Kafka is transactional, so an unfinished close loses nothing. Temporary directories registered
 * with {@link #deleteOnExit(Path)} are removed on the way out in either case.
 *
 * <p>The one exception is native code: a Kafka Streams application's RocksDB stores must be closed before
 * the JVM exits, or RocksDB's own teardown aborts the process ({@code pthread lock: Invalid argument} or
 * {@code std::bad_alloc}, exit 134) — seen in one Ctrl-C of three. Those are registered with
 * {@link #closeFirst(AutoCloseable)}: Ctrl-C starts closing them at once, beside the verb's own close, and
 * the exit waits for them (up to {@link #NATIVE_GRACE}; closing takes well under a second).
 */
final class ShutdownSignal {
    /** How long Ctrl-C waits for the verb to close in order before the JVM exits anyway. */
    static final Duration GRACE = Duration.ofMillis(1200);

    /** How long the exit waits beyond {@link #GRACE} for what {@link #closeFirst(AutoCloseable)} registered. */
    static final Duration NATIVE_GRACE = Duration.ofSeconds(10);

    /** Set once the JVM is shutting down: a verb failing because of it is not an error worth a line. */
    private static volatile boolean shuttingDown;

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<Path> temporary = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> first = new CopyOnWriteArrayList<>();

    ShutdownSignal() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::onShutdown, "blockwatch-shutdown"));
    }

    /** Whether the JVM is shutting down (Ctrl-C, SIGTERM): what fails now fails because of it. */
    static boolean shuttingDown() {
        return shuttingDown;
    }

    private void onShutdown() {
        shuttingDown = true;
        requested.countDown();
        List<Thread> closers = closed.getCount() == 0 ? List.of() : first.stream().map(ShutdownSignal::startClosing).toList();
        try {
            closed.await(GRACE.toMillis(), TimeUnit.MILLISECONDS); // the verb closes its resources, then the JVM may go
            long until = System.nanoTime() + NATIVE_GRACE.toNanos();
            for (Thread closer : closers) {
                closer.join(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!temporary.isEmpty() && closed.getCount() > 0) {
            // A broker still closing in a directory being deleted logs its vanished files with stack traces:
            // noise of this exit, not news, on the terminal of someone who just pressed Ctrl-C.
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
                logging.stop();
            }
        }
        temporary.forEach(ShutdownSignal::deleteRecursively);
    }

    private static Thread startClosing(AutoCloseable resource) {
        Thread closer = new Thread(() -> {
            try {
                resource.close();
            } catch (Exception e) {
                // the verb's own close says what failed; this one only has to be over before the exit
            }
        }, "blockwatch-shutdown-close");
        closer.start();
        return closer;
    }

    void await() throws InterruptedException {
        requested.await();
    }

    /** Whether Ctrl-C (or {@link #request()}) asked the verb to stop. */
    boolean isRequested() {
        return requested.getCount() == 0;
    }

    /** Call when everything is closed (in a finally block). */
    void done() {
        closed.countDown();
    }

    /** Ends the wait as if Ctrl-C had been pressed (e.g. when the work stopped on its own). */
    void request() {
        requested.countDown();
    }

    /**
     * Closes {@code resource} as soon as Ctrl-C comes, beside the verb's own close, and holds the JVM's exit
     * until it is closed: for what holds native state (a Streams application's RocksDB stores). Closing it
     * twice must be harmless.
     */
    void closeFirst(AutoCloseable resource) {
        first.add(resource);
    }

    /**
     * Removes {@code dir} and everything in it when the JVM exits on a signal, after the verb closed or the
     * grace ran out. A verb that ends on its own removes it itself ({@link #deleteRecursively(Path)}).
     */
    void deleteOnExit(Path dir) {
        temporary.add(dir);
    }

    /**
     * Deletes {@code dir} and its content. A process still writing into it (a broker being stopped) may
     * create files behind the walk, so the walk is repeated a few times.
     */
    static void deleteRecursively(Path dir) {
        for (int attempt = 0; attempt < 5 && Files.exists(dir); attempt++) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException e) {
                // a file vanished under the walk: walk again
            }
        }
    }
}
