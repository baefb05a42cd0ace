package io.github.blockwatch.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Spaces the dumps of a replay in wall-clock time as their registry times are spaced, divided by the
 * speed. The time spent ingesting a dump counts towards the pause after it, and no pause is longer than
 * {@code maxPause}: the history has gaps of days (registry outages) that should not stall a demo.
 */
public final class Pacer {
    /** Waits; a test passes one that only records. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Speed speed;
    private final Duration maxPause;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private Instant previousRegistryTime;
    private long previousReleaseNanos;

    public Pacer(Speed speed, Duration maxPause, LongSupplier nanoClock, Sleeper sleeper) {
        if (maxPause.isNegative()) {
            throw new IllegalArgumentException("--max-pause must not be negative");
        }
        this.speed = speed;
        this.maxPause = maxPause;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    public static Pacer of(Speed speed, Duration maxPause) {
        return new Pacer(speed, maxPause, System::nanoTime, d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    /**
     * How long to wait before releasing a dump of {@code registryTime}, if the previous one was released
     * {@code sinceRelease} ago: the registry gap at this speed, capped at {@code maxPause}, less what
     * has already passed.
     */
    Duration pause(Instant previous, Instant registryTime, Duration sinceRelease) {
        if (previous == null || speed.isMax()) {
            return Duration.ZERO;
        }
        Duration target = speed.wallTime(Duration.between(previous, registryTime));
        if (target.compareTo(maxPause) > 0) {
            target = maxPause;
        }
        Duration left = target.minus(sinceRelease);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Waits until the dump of {@code registryTime} is due, then counts it as released. */
    public void awaitTurn(Instant registryTime) throws InterruptedException {
        Duration wait = pause(previousRegistryTime, registryTime,
                Duration.ofNanos(nanoClock.getAsLong() - previousReleaseNanos));
        if (!wait.isZero()) {
            sleeper.sleep(wait);
        }
        previousRegistryTime = registryTime;
        previousReleaseNanos = nanoClock.getAsLong();
    }
}
