package io.github.blockwatch.app;

import java.util.Locale;
import io.github.blockwatch.avro.RangeAlert;

/**
 * The text form of an alert: one line, time first, so a terminal of alerts reads like a log. The type
 * column fits the longest type (FORMAT_CHANGED), so summaries line up.
 */
public final class AlertText {
    private AlertText() {}

    public static String format(RangeAlert alert) {
        return String.format(Locale.ROOT, "%s  %-8s  %-14s  %s", alert.getRegistryTime(), alert.getSeverity(), alert.getType(),
                alert.getSummary());
    }
}
