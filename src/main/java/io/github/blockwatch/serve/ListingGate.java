package io.github.blockwatch.serve;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * At most so many listing requests at once; one more waits a moment for a turn and is then answered 503
 * with {@code Retry-After}, rather than adding to the heap and the store reads of those running. Each
 * listing reads a bounded number of keys, so a turn comes quickly unless the server is flooded.
 */
final class ListingGate {
    private final Semaphore turns;
    private final int size;
    private final Duration wait;

    ListingGate(int size, Duration wait) {
        this.turns = new Semaphore(size, true);
        this.size = size;
        this.wait = wait;
    }

    <T> T run(Supplier<T> listing) {
        boolean admitted;
        try {
            admitted = turns.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while waiting for a turn");
        }
        if (!admitted) {
            throw ApiException.busy("busy: " + size + " listings are being served; try again shortly", 1);
        }
        try {
            return listing.get();
        } finally {
            turns.release();
        }
    }
}
