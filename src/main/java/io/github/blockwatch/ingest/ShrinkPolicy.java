package io.github.blockwatch.ingest;

import java.util.Locale;

/**
 * When a dump counts as suddenly much smaller than the registry blockwatch holds (DUMP_SHRANK), and what
 * ingest does about it. A cut-off or broken download looks exactly like a registry that lifted thousands
 * of blocks; taken at its word it would unblock them all. So a shrunken dump is held (recorded and alerted,
 * no events) unless the operator accepts it.
 *
 * @param ratio   the dump shrank when it has fewer than {@code ratio} × the entries of the last accepted dump
 * @param minDrop ... and at least this many entries fewer, so a tiny registry losing two of three entries
 *                does not raise an alarm
 * @param accept  apply a shrunken dump anyway (still raising the alert)
 */
public record ShrinkPolicy(double ratio, long minDrop, boolean accept) {
    public static final double DEFAULT_RATIO = 0.5;
    public static final long DEFAULT_MIN_DROP = 1000;

    public ShrinkPolicy {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "shrink ratio must be in (0, 1], not %s", ratio));
        }
        if (minDrop < 0) {
            throw new IllegalArgumentException("minimum drop must not be negative");
        }
    }

    /** Hold shrunken dumps, with the default thresholds. */
    public static ShrinkPolicy holding() {
        return new ShrinkPolicy(DEFAULT_RATIO, DEFAULT_MIN_DROP, false);
    }

    /** Apply shrunken dumps knowingly (still alerting), with the default thresholds: replays of history. */
    public static ShrinkPolicy accepting() {
        return new ShrinkPolicy(DEFAULT_RATIO, DEFAULT_MIN_DROP, true);
    }

    public ShrinkPolicy withAccept(boolean accept) {
        return new ShrinkPolicy(ratio, minDrop, accept);
    }

    /** Whether going from {@code previous} entries to {@code current} is a shrink. */
    public boolean shrank(long previous, long current) {
        return current < previous * ratio && previous - current >= minDrop;
    }
}
