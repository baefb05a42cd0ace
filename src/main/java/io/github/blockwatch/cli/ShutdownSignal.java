package io.github.blockwatch.cli;

import java.util.concurrent.CountDownLatch;

/** Lets a long-running verb wait for Ctrl-C (or SIGTERM) and close its resources in order first. */
final class ShutdownSignal {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    ShutdownSignal() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            requested.countDown();
            try {
                closed.await(); // the verb closes its resources, then the JVM may go
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "blockwatch-shutdown"));
    }

    void await() throws InterruptedException {
        requested.await();
    }

    /** Call when everything is closed (in a finally block). */
    void done() {
        closed.countDown();
    }

    /** Ends the wait as if Ctrl-C had been pressed (e.g. when the work stopped on its own). */
    void request() {
        requested.countDown();
    }
}
