package io.github.blockwatch.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The dump.csv row parser and key derivation as they were before issue 6's speed-up (regular-expression
 * splits, a TreeSet of ranges, the key text built whole and hashed): the reference the fast
 * {@link CsvRowParser} and {@link CsvKeyHash} must agree with, row for row and key for key.
 */
final class ReferenceCsvRowParser {
    private static final Pattern SPACED_PIPE = Pattern.compile(" \\| ");
    private static final Pattern PIPE = Pattern.compile("\\|");
    private static final char SEPARATOR = '\u001F';

    private final Map<String, Integer> seen = new HashMap<>();

    ParsedRow parse(long line, String row) {
        String[] f = row.split(";", -1);
        if (f.length < CsvRowParser.FIELDS) {
            return ParsedRow.Rejected.of(line, row, "expected 6 fields (IP;domain;URL;org;number;date), found " + f.length);
        }
        int n = f.length;
        String url = String.join(";", Arrays.copyOfRange(f, 2, n - 3));
        Decision decision = new Decision(f[n - 3], f[n - 2], f[n - 1]);
        List<Cidr> ranges;
        try {
            TreeSet<Cidr> set = new TreeSet<>();
            for (String part : PIPE.split(f[0])) {
                if (!part.isBlank()) {
                    set.add(Cidr.parse(part));
                }
            }
            ranges = List.copyOf(set);
        } catch (InvalidAddressException e) {
            return ParsedRow.Rejected.of(line, row, e.getMessage());
        }
        List<String> domains = list(f[1]);
        List<String> urls = list(url);
        String key = key(decision, domains, urls, ranges);
        int repeat = seen.merge(key, 1, Integer::sum) - 1;
        String unique = repeat == 0 ? key : key + "~" + repeat;
        return new ParsedRow.Accepted(line, new Entry(unique, decision, ranges, domains, urls, null, null, null, line));
    }

    static String key(Decision decision, List<String> domains, List<String> urls, List<Cidr> ranges) {
        StringBuilder text = new StringBuilder()
                .append(decision.org()).append(SEPARATOR)
                .append(decision.number()).append(SEPARATOR)
                .append(decision.date()).append(SEPARATOR)
                .append(String.join("|", domains)).append(SEPARATOR)
                .append(String.join("|", urls));
        if (domains.isEmpty() && urls.isEmpty()) {
            text.append(SEPARATOR).append(ranges.stream().map(Cidr::toString).collect(Collectors.joining("|")));
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "csv:" + HexFormat.of().formatHex(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
