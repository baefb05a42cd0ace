package io.github.blockwatch.official;

import java.time.Duration;

/** Durations as the command line takes them, for messages: {@code 30 min}, {@code 5 s}, {@code 500 ms}. */
final class Durations {
    private Durations() {}

    static String describe(Duration d) {
        if (d.toMillis() % 60_000 == 0 && d.toMinutes() > 0) {
            return d.toMinutes() + " min";
        }
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + " s";
        }
        return d.toMillis() + " ms";
    }
}
