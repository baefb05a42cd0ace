package io.github.blockwatch.alerts;

import io.github.blockwatch.avro.RangeAlert;
import java.util.Locale;

/**
 * The one text form of an alert: one line, time first, so a terminal of alerts reads like a log ({@code blockwatch
 * alerts}, the demo's {@code ALERT} lines, the notifier's messages). The type column fits the range and
 * feed-health types (FORMAT_CHANGED), so their summaries line up; the longer watchlist types push theirs on.
 */
public final class AlertText {
    private AlertText() {}

    /** {@code 2018-05-05T13:25:00Z  CRITICAL  LARGE_RANGE     34.192.0.0/10 newly blocked …} */
    public static String format(RangeAlert alert) {
        return String.format(Locale.ROOT, "%s  %-8s  %-14s  %s", alert.getRegistryTime(), alert.getSeverity(), alert.getType(),
                alert.getSummary());
    }
}
