package io.github.blockwatch.ingest;

import io.github.blockwatch.alerts.AlertBuilder;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The feed-health alerts ingest decides, since it alone sees a dump before anything of it is published:
 * DUMP_SHRANK (far fewer entries than the last accepted dump) and FORMAT_CHANGED (format, format version,
 * encoding or csv field count differ from the last accepted dump). Neither concerns address ranges: their
 * {@code ranges} and {@code decisions} are empty, {@code family} and the address counts are 0, and the facts
 * are in {@code details}.
 */
final class FeedHealthAlerts {
    private static final String NONE = "none";

    private FeedHealthAlerts() {}

    /**
     * @param previous        the last accepted dump
     * @param previousEntries entries of the registry state (the last accepted dump's)
     * @param wouldBe         the diff the dump makes against that state
     * @param held            whether ingest holds the dump back
     */
    static RangeAlert dumpShrank(DumpRecord previous, long previousEntries, DumpRecord current, DumpDiff wouldBe,
                                 ShrinkPolicy policy, boolean held) {
        long entries = current.getEntries();
        long dropped = previousEntries - entries;
        double lost = previousEntries == 0 ? 0 : (double) dropped / previousEntries;
        Map<String, String> details = new LinkedHashMap<>();
        details.put("previousDump", previous.getDump().getId());
        details.put("previousSource", previous.getDump().getSource());
        details.put("previousEntries", Long.toString(previousEntries));
        details.put("previousRowsRead", Long.toString(previous.getRowsRead()));
        details.put("entries", Long.toString(entries));
        details.put("rowsRead", Long.toString(current.getRowsRead()));
        details.put("rejected", Long.toString(current.getRejected()));
        details.put("dropped", Long.toString(dropped));
        details.put("shrinkRatio", Double.toString(policy.ratio()));
        details.put("minDrop", Long.toString(policy.minDrop()));
        details.put("wouldRemove", Integer.toString(wouldBe.removed()));
        details.put("wouldAdd", Integer.toString(wouldBe.added()));
        details.put("held", Boolean.toString(held));
        String outcome = held
                ? String.format(Locale.ROOT, "held, nothing unblocked (%,d entries would be removed; ingest it with --accept-shrink to apply it)",
                        wouldBe.removed())
                : String.format(Locale.ROOT, "accepted (--accept-shrink): %,d entries removed", wouldBe.removed());
        String summary = String.format(Locale.ROOT, "%s has %,d entries, %.1f%% fewer than the %,d of %s: %s",
                current.getDump().getSource(), entries, 100 * lost, previousEntries, previous.getDump().getSource(), outcome);
        Severity severity = lost >= 0.9 ? Severity.CRITICAL : lost >= 0.75 ? Severity.HIGH : Severity.MEDIUM;
        return AlertBuilder.about(AlertType.DUMP_SHRANK, "entries", current.getDump())
                .severity(severity).details(details).summary(summary).build();
    }

    /** FORMAT_CHANGED when the dump's layout differs from the last accepted dump's, else nothing. */
    static Optional<RangeAlert> formatChanged(DumpRecord previous, DumpRecord current) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("previousDump", previous.getDump().getId());
        details.put("previousSource", previous.getDump().getSource());
        List<String> changed = new ArrayList<>();
        compare("format", previous.getDump().getFormat(), current.getDump().getFormat(), details, changed);
        // A record written before layouts were recorded (0.1) knows only its format.
        if (previous.getEncoding() != null) {
            compare("formatVersion", previous.getFormatVersion(), current.getFormatVersion(), details, changed);
            compare("encoding", previous.getEncoding(), current.getEncoding(), details, changed);
            compare("fieldCount", previous.getFieldCount(), current.getFieldCount(), details, changed);
        }
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        details.put("changed", String.join(",", changed));
        List<String> what = new ArrayList<>();
        for (String field : changed) {
            what.add(field + " " + details.get("previous" + capitalized(field)) + " → " + details.get(field));
        }
        String summary = String.format(Locale.ROOT, "%s: format changed since %s: %s; scripts reading the feed may break",
                current.getDump().getSource(), previous.getDump().getSource(), String.join(", ", what));
        boolean major = changed.contains("format") || changed.contains("encoding");
        return Optional.of(AlertBuilder.about(AlertType.FORMAT_CHANGED, "format", current.getDump())
                .severity(major ? Severity.HIGH : Severity.MEDIUM).details(details).summary(summary).build());
    }

    private static void compare(String field, Object previous, Object current, Map<String, String> details,
                                List<String> changed) {
        details.put("previous" + capitalized(field), previous == null ? NONE : previous.toString());
        details.put(field, current == null ? NONE : current.toString());
        if (!Objects.equals(previous, current)) {
            changed.add(field);
        }
    }

    private static String capitalized(String field) {
        return Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }
}
