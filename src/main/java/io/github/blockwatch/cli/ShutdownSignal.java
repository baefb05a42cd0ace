package io.github.blockwatch.cli;

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

/**
 * Lets a long-running verb wait for Ctrl-C (or SIGTERM) and close its resources in order first — but never
 * for longer than {@link #GRACE}: Ctrl-C stops every verb within two seconds, whatever it is doing (starting
 * a broker, ingesting, serving). What has not closed by then is left to the JVM's exit; everything blockwatch
 * writes to Kafka is transactional, so an unfinished close loses nothing. Temporary directories registered
 * with {@link #deleteOnExit(Path)} are removed on the way out in either case.
 */
final class ShutdownSignal {
    /** How long Ctrl-C waits for the verb to close in order before the JVM exits anyway. */
    static final Duration GRACE = Duration.ofMillis(1500);

    /** Set once the JVM is shutting down: a verb failing because of it is not an error worth a line. */
    private static volatile boolean shuttingDown;

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<Path> temporary = new CopyOnWriteArrayList<>();

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
        try {
            closed.await(GRACE.toMillis(), TimeUnit.MILLISECONDS); // the verb closes its resources, then the JVM may go
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        temporary.forEach(ShutdownSignal::deleteRecursively);
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
