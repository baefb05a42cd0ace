package io.github.blockwatch.replay;

import java.time.Duration;
import java.util.Locale;

/**
 * How fast registry time passes in a replay: {@code 3600x} plays an hour of registry time in a second;
 * {@link #MAX} does not wait at all.
 */
public record Speed(double factor) {
    public static final Speed MAX = new Speed(Double.POSITIVE_INFINITY);

    public Speed {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("a replay speed must be above 0");
        }
    }

    /** {@code max}, {@code 3600x}, {@code 3600}, {@code 0.5x}. */
    public static Speed parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.equals("max")) {
            return MAX;
        }
        if (s.endsWith("x")) {
            s = s.substring(0, s.length() - 1);
        }
        double factor;
        try {
            factor = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a speed (try 3600x, 60x or max)");
        }
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("'" + text + "' is not a speed above 0 (try 3600x, 60x or max)");
        }
        return new Speed(factor);
    }

    public boolean isMax() {
        return Double.isInfinite(factor);
    }

    /** The wall-clock time {@code registryGap} takes at this speed (zero at {@link #MAX}). */
    public Duration wallTime(Duration registryGap) {
        if (isMax() || registryGap.isNegative() || registryGap.isZero()) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.min(Long.MAX_VALUE, registryGap.toNanos() / factor));
    }

    @Override
    public String toString() {
        if (isMax()) {
            return "max";
        }
        return (factor == Math.rint(factor) ? String.valueOf((long) factor) : String.valueOf(factor)) + "x";
    }
}
