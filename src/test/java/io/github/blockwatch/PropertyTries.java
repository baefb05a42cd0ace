package io.github.blockwatch;

import java.util.SplittableRandom;

/**
 * Runs a property as plain JUnit code: {@link #TRIES} tries, each with its own seed. The tries come from
 * {@code -Dblockwatch.property.tries} (default 50; the {@code reliability} profile raises it) and the seeds
 * from {@code -Dblockwatch.property.seed}: try {@code i} uses {@code base + i * GAMMA}, so try 0 uses the base
 * itself. A failing try is reported with its seed; {@code -Dblockwatch.property.seed=<seed>
 * -Dblockwatch.property.tries=1} runs exactly that try again.
 */
public final class PropertyTries {
    public static final int TRIES = Integer.getInteger("blockwatch.property.tries", 50);
    public static final long BASE_SEED = Long.getLong("blockwatch.property.seed", 0x5EED_B10C_CAFE_0001L);
    private static final long GAMMA = 0x9E37_79B9_7F4A_7C15L;

    static {
        if (TRIES < 1) {
            throw new IllegalArgumentException("blockwatch.property.tries must be at least 1, not " + TRIES);
        }
    }

    /** One try of a property, drawing its inputs from {@code random}. */
    @FunctionalInterface
    public interface Try {
        void run(SplittableRandom random) throws Exception;
    }

    private PropertyTries() {}

    /** Runs {@code property} {@link #TRIES} times; a failure names the try's seed. */
    public static void check(Try property) {
        for (int i = 0; i < TRIES; i++) {
            long seed = BASE_SEED + i * GAMMA;
            try {
                property.run(new SplittableRandom(seed));
            } catch (Throwable failure) {
                throw new AssertionError(String.format(
                        "try %d of %d failed, seed %d (run it alone: -Dblockwatch.property.seed=%d -Dblockwatch.property.tries=1): %s",
                        i + 1, TRIES, seed, seed, failure), failure);
            }
        }
    }
}
