package io.github.blockwatch.topology;

import io.github.blockwatch.avro.RangeFlap;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides, for a range of LARGE_RANGE size that was just blocked or unblocked, whether the change is alerted
 * as usual, raises FLAPPING, or is quiet. No Kafka here: {@link LargeRangeProcessor} keeps the state.
 *
 * <p>blockwatch sees a range only at dumps, so "it stayed" is something a dump must show: a range has stayed
 * blocked (or unblocked) once a dump more than the window after its last change still shows it so. Until
 * then it is remembered ({@link RangeFlap}); after that it is forgotten, and its next change is news again.
 * A remembered range that is blocked again has returned without staying away; the configured number of such
 * returns makes it flapping: one FLAPPING alert, then no LARGE_RANGE or UNBLOCKED for it until it stays.
 * With daily lists this reads "away for less than the window plus a day": what the lists show is all there is.
 */
final class RangeFlaps {
    /** What to do with one change. */
    enum Verdict { ALERT, FLAPPING, QUIET }

    /** The verdict, and what to remember of the range after the change. */
    record Decision(Verdict verdict, RangeFlap after) {}

    private RangeFlaps() {}

    /**
     * @param before  what was remembered of the range, or null (never seen, or it stayed)
     * @param blocked whether the change blocks the range (else it unblocks it)
     * @param at      the registry time of the dump that changed it
     * @param returns the returns that make a range flapping
     */
    static Decision change(RangeFlap before, boolean blocked, Instant at, int returns) {
        if (before == null || (before.getStayedAt() != null && before.getStayedAt().isBefore(at))) {
            return new Decision(Verdict.ALERT, new RangeFlap(blocked, at, at, 0, false, null));
        }
        int returned = before.getReturns() + (blocked ? 1 : 0);
        RangeFlap after = new RangeFlap(blocked, at, before.getSince(), returned, before.getFlapping(), null);
        if (before.getFlapping()) {
            return new Decision(Verdict.QUIET, after);
        }
        if (blocked && returned >= returns) {
            after.setFlapping(true);
            return new Decision(Verdict.FLAPPING, after);
        }
        return new Decision(Verdict.ALERT, after);
    }

    /**
     * Whether a dump at {@code dumpTime} that did not change the range shows it stayed. It is forgotten only
     * once a dump of a later time comes ({@link RangeFlap#getStayedAt}): sources side by side deliver dumps of
     * one instant one after another, and the one applied first must not decide for the others.
     */
    static boolean stayed(RangeFlap flap, Instant dumpTime, Duration window) {
        return Duration.between(flap.getChangedAt(), dumpTime).compareTo(window) > 0;
    }
}
