package io.github.blockwatch.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one dump.csv row ({@code IP | IP | CIDR;domain;URL;org;number;date}) into an entry or a
 * rejection. Knows nothing of lines or files; {@link CsvDumpReader} feeds it.
 *
 * <p>Fields are found by scanning for the separators, not split into arrays by regular expressions: this
 * runs once per row, and the cuts are simple (every {@code ;}, then {@code |} or {@code " | "} inside a field).
 */
final class CsvRowParser {
    static final int FIELDS = 6;

    // Domains and URLs are joined by " | "; a bare '|' can be part of a URL.
    private static final String SPACED_PIPE = " | ";

    private final CsvKeys keys = new CsvKeys();
    private final Map<Integer, Long> fieldCounts = new HashMap<>();
    private int lastFieldCount;
    private long lastFieldCountRun; // rows in a row with lastFieldCount, not yet in fieldCounts

    ParsedRow parse(long line, String row) {
        // One pass finds the two first and the three last ';' and counts them all. More than six fields:
        // the URL held ';'. Everything else is fixed, so the URL is what is left.
        int afterIp = -1;
        int afterDomain = -1;
        int afterUrl = -1;
        int afterOrg = -1;
        int afterNumber = -1;
        int n = 1;
        for (int i = 0, length = row.length(); i < length; i++) {
            if (row.charAt(i) == ';') {
                if (n == 1) {
                    afterIp = i;
                } else if (n == 2) {
                    afterDomain = i;
                }
                afterUrl = afterOrg;
                afterOrg = afterNumber;
                afterNumber = i;
                n++;
            }
        }
        countFields(n);
        if (n < FIELDS) {
            return ParsedRow.Rejected.of(line, row, fieldCountReason(n));
        }
        Decision decision = new Decision(row.substring(afterUrl + 1, afterOrg), row.substring(afterOrg + 1, afterNumber),
                row.substring(afterNumber + 1));
        List<Cidr> ranges;
        try {
            ranges = ranges(row, 0, afterIp);
        } catch (InvalidAddressException e) {
            return ParsedRow.Rejected.of(line, row, e.getMessage());
        }
        List<String> domains = list(row.substring(afterIp + 1, afterDomain));
        List<String> urls = list(row.substring(afterDomain + 1, afterUrl));
        String key = keys.next(decision, domains, urls, ranges);
        return new ParsedRow.Accepted(line, new Entry(key, decision, ranges, domains, urls, null, null, null, line));
    }

    /** Why a row of {@code n < FIELDS} fields is rejected. */
    static String fieldCountReason(int n) {
        return "expected " + FIELDS + " fields (IP;domain;URL;org;number;date), found " + n;
    }

    /**
     * The number of fields most rows parsed so far had (the fewer on a tie), or null before any row. A URL
     * holding {@code ;} makes a few rows longer; a new column makes all of them longer.
     */
    Integer typicalFieldCount() {
        flushFieldCountRun();
        return fieldCounts.entrySet().stream()
                .max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    /** Rows mostly have the same count: runs of it are added up before they touch the map. */
    private void countFields(int n) {
        if (n != lastFieldCount) {
            flushFieldCountRun();
            lastFieldCount = n;
        }
        lastFieldCountRun++;
    }

    private void flushFieldCountRun() {
        if (lastFieldCountRun > 0) {
            fieldCounts.merge(lastFieldCount, lastFieldCountRun, Long::sum);
            lastFieldCountRun = 0;
        }
    }

    /** The addresses of {@code row[from, to)}, separated by {@code |}. */
    private static List<Cidr> ranges(String row, int from, int to) throws InvalidAddressException {
        RangeListBuilder ranges = new RangeListBuilder();
        int start = from;
        for (int i = from; i < to; i++) {
            if (row.charAt(i) == '|') {
                ranges.add(row, start, i);
                start = i + 1;
            }
        }
        return ranges.add(row, start, to).build();
    }

    /** The non-blank items of {@code field}, separated by {@code " | "} and stripped. */
    private static List<String> list(String field) {
        int bar = field.indexOf(SPACED_PIPE);
        if (bar < 0) {
            String item = field.strip();
            return item.isEmpty() ? List.of() : List.of(item);
        }
        List<String> items = new ArrayList<>();
        int start = 0;
        while (true) {
            String item = (bar < 0 ? field.substring(start) : field.substring(start, bar)).strip();
            if (!item.isEmpty()) {
                items.add(item);
            }
            if (bar < 0) {
                return items;
            }
            start = bar + SPACED_PIPE.length();
            bar = field.indexOf(SPACED_PIPE, start);
        }
    }
}
