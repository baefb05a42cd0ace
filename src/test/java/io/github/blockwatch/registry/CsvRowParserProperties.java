package io.github.blockwatch.registry;

import static io.github.blockwatch.Generators.anyString;
import static io.github.blockwatch.Generators.integer;
import static io.github.blockwatch.Generators.list;
import static io.github.blockwatch.Generators.oneOf;
import static io.github.blockwatch.Generators.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.PropertyTries;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link CsvRowParser} gives exactly what the parser before issue 6's speed-up gave
 * ({@link ReferenceCsvRowParser}): the same entries with the same keys (repeats numbered alike), the same
 * rejections with the same reasons, on rows built to hit every cut: {@code ;} in URLs, {@code |} and
 * {@code " | "} with odd spacing, blank parts, invalid and odd addresses, Cyrillic, unpaired surrogates.
 */
class CsvRowParserProperties {
    private static final String[] ADDRESSES = {
        "1.2.3.4", "01.2.3.4", "001.002.003.004", "1.2.3.4/0", "1.2.3.4/032", "1.2.3.4/33", "1.2.3.4/", "/24",
        "256.1.1.1", "0.0.0.0/0", "10.1.2.3/8", " 1.2.3.4 ", "1.2.3.4 /24", "1.2.3", "1.2.3.4.", "::ffff:1.2.3.4",
        "2a03:2880::/32", "2a01::1/129", "::", "1.2.3.0-255", "1.2.3.*", "\t9.9.9.9\u00a0", "\u20031.1.1.1", "",
        " ", "1.2.3.4", "1.2.3.0/24", "5.6.7.8", "fe80::1%eth0", "1.2.3.4/24/24", "١.٢.٣.٤"};
    private static final String[] SEPARATORS = {"|", " | ", " |", "| ", "  |  ", "||", " || ", "|\t"};
    private static final String[] ITEMS = {
        "a.example", "b.example", " a.example ", "", " ", "кино.рф", "a|b", "a | b", "http://a.example/?x=1;y=2",
        "http://a.example/;", ";", "\uD83D\uDE00.example", "\uD800", "x\uDC00", "\u00a0", "Ид"};
    private static final String[] DECISION_PARTS = {"суд", " Генпрокуратура ", "", " ", "2-946/13", "27-31-2018/Ид2971-18",
        "2013-06-10", "\uD800", "a|b", "x y"};

    @Test
    void parsesEveryRowAsTheReferenceParserDoes() {
        PropertyTries.check(random -> {
            List<String> rows = list(random, 0, 40, CsvRowParserProperties::row);
            // Repeats, to number alike: some rows again, anywhere.
            List<String> withRepeats = new ArrayList<>(rows);
            for (int i = integer(random, 0, 5); i > 0 && !rows.isEmpty(); i--) {
                withRepeats.add(random.nextInt(withRepeats.size() + 1), rows.get(random.nextInt(rows.size())));
            }
            CsvRowParser fast = new CsvRowParser();
            ReferenceCsvRowParser reference = new ReferenceCsvRowParser();
            for (int i = 0; i < withRepeats.size(); i++) {
                String row = withRepeats.get(i);
                assertThat(fast.parse(i + 2, row)).as("row %s", row).isEqualTo(reference.parse(i + 2, row));
            }
        });
    }

    @Test
    void hashesKeysAsTheReferenceDoes() {
        PropertyTries.check(random -> {
            Decision decision = new Decision(item(random), item(random), item(random));
            List<String> domains = list(random, 0, 3, CsvRowParserProperties::item);
            List<String> urls = list(random, 0, 3, CsvRowParserProperties::item);
            List<Cidr> ranges = list(random, 0, 4, r -> Cidr.of(IpFamily.IPV4,
                    java.math.BigInteger.valueOf(r.nextLong(1L << 32)), 32));
            assertThat(EntryKeys.csv(decision, domains, urls, ranges))
                    .isEqualTo(ReferenceCsvRowParser.key(decision, domains, urls, ranges));
        });
    }

    private static String item(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> oneOf(random, ITEMS);
            case 1 -> anyString(random, 10) + oneOf(random, "", "\uD801", "\uDC01");
            default -> anyUtf16(random);
        };
    }

    /** Any UTF-16 text, surrogates (paired, unpaired, reversed, at either end) drawn often. */
    private static String anyUtf16(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        for (int i = integer(random, 0, 8); i > 0; i--) {
            s.append(switch (random.nextInt(4)) {
                case 0 -> (char) random.nextInt(0xD800, 0xE000);
                case 1 -> (char) random.nextInt(0x80, 0x800);
                case 2 -> (char) random.nextInt(0x10000);
                default -> (char) random.nextInt(0x80);
            });
        }
        return s.toString();
    }

    /** A row of four kinds: well-formed-ish, with a field count off by up to three, any text, or digits and cuts. */
    private static String row(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0, 1 -> fields(random, 6);
            case 2 -> fields(random, integer(random, 3, 9));
            default -> random.nextBoolean() ? anyString(random, 40) : string(random, "0123456789./:;| \t", 40);
        };
    }

    private static String fields(SplittableRandom random, int count) {
        List<String> fields = new ArrayList<>();
        fields.add(joined(random, ADDRESSES, SEPARATORS, 4));
        fields.add(joined(random, ITEMS, new String[] {" | ", "|", "  |  ", " |  | "}, 3));
        fields.add(joined(random, ITEMS, new String[] {" | ", ";", "|"}, 3));
        while (fields.size() < count) {
            fields.add(oneOf(random, DECISION_PARTS));
        }
        return String.join(";", fields.subList(0, count));
    }

    private static String joined(SplittableRandom random, String[] items, String[] separators, int max) {
        StringBuilder s = new StringBuilder(random.nextInt(8) == 0 ? oneOf(random, separators) : "");
        int count = integer(random, 0, max);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                s.append(oneOf(random, separators));
            }
            s.append(oneOf(random, items));
        }
        return s.toString();
    }
}
