package io.github.blockwatch.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns one dump.csv row ({@code IP | IP | CIDR;domain;URL;org;number;date}) into an entry or a
 * rejection. Knows nothing of lines or files; {@link CsvDumpReader} feeds it.
 */
final class CsvRowParser {
    static final int FIELDS = 6;

    // Domains and URLs are joined by " | "; a bare '|' can be part of a URL.
    private static final Pattern SPACED_PIPE = Pattern.compile(" \\| ");
    private static final Pattern PIPE = Pattern.compile("\\|");

    private final RepeatSuffixer keys = new RepeatSuffixer();
    private final Map<Integer, Long> fieldCounts = new HashMap<>();

    ParsedRow parse(long line, String row) {
        String[] f = row.split(";", -1);
        fieldCounts.merge(f.length, 1L, Long::sum);
        if (f.length < FIELDS) {
            return ParsedRow.Rejected.of(line, row, "expected " + FIELDS + " fields (IP;domain;URL;org;number;date), found " + f.length);
        }
        int n = f.length;
        // More than six fields: the URL held ';'. Everything else is fixed, so the URL is what is left.
        String url = String.join(";", Arrays.copyOfRange(f, 2, n - 3));
        Decision decision = new Decision(f[n - 3], f[n - 2], f[n - 1]);
        List<Cidr> ranges;
        try {
            ranges = ranges(f[0]);
        } catch (InvalidAddressException e) {
            return ParsedRow.Rejected.of(line, row, e.getMessage());
        }
        List<String> domains = list(f[1]);
        List<String> urls = list(url);
        String key = keys.unique(EntryKeys.csv(decision, domains, urls, ranges));
        return new ParsedRow.Accepted(line, new Entry(key, decision, ranges, domains, urls, null, null, null, line));
    }

    /**
     * The number of fields most rows parsed so far had (the fewer on a tie), or null before any row. A URL
     * holding {@code ;} makes a few rows longer; a new column makes all of them longer.
     */
    Integer typicalFieldCount() {
        return fieldCounts.entrySet().stream()
                .max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    private static List<Cidr> ranges(String field) throws InvalidAddressException {
        RangeListBuilder ranges = new RangeListBuilder();
        for (String part : PIPE.split(field)) {
            ranges.add(part);
        }
        return ranges.build();
    }

    private static List<String> list(String field) {
        List<String> items = new ArrayList<>();
        for (String part : SPACED_PIPE.split(field)) {
            String item = part.strip();
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return items;
    }
}
