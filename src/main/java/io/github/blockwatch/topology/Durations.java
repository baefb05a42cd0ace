package io.github.blockwatch.topology;

import java.time.Duration;

/** Durations for people: 24h, 90m, 3d. */
final class Durations {
    private Durations() {}

    static String human(Duration d) {
        long seconds = d.toSeconds();
        if (seconds % 86_400 == 0 && seconds >= 172_800) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
