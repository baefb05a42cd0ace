package io.github.blockwatch.app;

import java.util.Locale;
import io.github.blockwatch.avro.RangeAlert;

/** The text form of an alert: one line, time first, so a terminal of alerts reads like a log. */
public final class AlertText {
    private AlertText() {}

    public static String format(RangeAlert alert) {
        return String.format(Locale.ROOT, "%s  %-8s  %-11s  %s", alert.getRegistryTime(), alert.getSeverity(), alert.getType(),
                alert.getSummary());
    }
}
