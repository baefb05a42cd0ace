package io.github.blockwatch.ingest;

import io.github.blockwatch.registry.DumpLimits;
import java.time.Duration;
import java.util.Locale;

/**
 * What ingest accepts from a feed, each with a flag of its own and a default that no real dump comes near.
 *
 * @param dump         how large a dump, a row and an XML value may be ({@code --max-dump-size},
 *                     {@code --max-row-size}, {@code --max-field-size})
 * @param maxClockSkew how far a dump's registry time may lie ahead of this machine's clock: the registry's
 *                     clock and ours differ by seconds; a dump hours ahead has a wrong clock or a local time
 *                     labelled UTC (a Moscow-time {@code +0000} is 3 h ahead), and its time would become the
 *                     newest every later dump is checked against
 */
public record IngestLimits(DumpLimits dump, Duration maxClockSkew) {
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(15);
    public static final IngestLimits DEFAULT = new IngestLimits(DumpLimits.DEFAULT, DEFAULT_MAX_CLOCK_SKEW);

    public IngestLimits {
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("--max-clock-skew must not be negative");
        }
    }

    /** 3d 2h; 15m; 45s: durations in limit messages. */
    static String human(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        StringBuilder text = new StringBuilder();
        append(text, d.toDays(), "d");
        append(text, d.toHoursPart(), "h");
        if (d.toDays() == 0) {
            append(text, d.toMinutesPart(), "m");
        }
        return text.length() == 0 ? "0s" : text.toString();
    }

    private static void append(StringBuilder text, long value, String unit) {
        if (value > 0) {
            text.append(text.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%,d", value)).append(unit);
        }
    }
}
