package io.github.blockwatch.registry;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * The fields every {@link DumpShape} writes alike: addresses, domains, URLs and decisions with the real
 * issuing bodies and number styles (some Cyrillic, so the cp1251 path is exercised). Each method draws from
 * the random source it is given in a fixed order: a shape's bytes depend on that order.
 */
final class GeneratedFields {
    static final String[] ORGS = {"суд", "Роскомнадзор", "Генпрокуратура", "ФНС", "Мосгорсуд", "МВД", "Роспотребнадзор"};
    static final String[] TLDS = {"ru", "com", "net", "org", "info", "рф", "xyz", "io"};
    static final String[] WORDS = {"casino", "bet", "forum", "news", "pharma", "torrent", "vpn", "proxy",
        "книги", "музыка", "kino", "mirror", "video", "shop", "club", "online"};
    private static final LocalDate FIRST_DECISION = LocalDate.of(2012, 11, 1);

    private GeneratedFields() {}

    /** {@code ;org;number;date}, the decision dated within {@code days} days from November 2012. */
    static void appendDecision(StringBuilder row, SplittableRandom identity, int days) {
        String org = ORGS[identity.nextInt(ORGS.length)];
        LocalDate date = FIRST_DECISION.plusDays(identity.nextInt(days));
        row.append(';').append(org).append(';').append(number(identity, org, date)).append(';').append(date);
    }

    /** Appends a domain ({@code word<number>.tld}) and returns it. */
    static String appendDomain(StringBuilder row, SplittableRandom identity, long number) {
        String domain = WORDS[identity.nextInt(WORDS.length)] + number + "." + TLDS[identity.nextInt(TLDS.length)];
        row.append(domain);
        return domain;
    }

    /** Appends a URL on {@code domain}. */
    static void appendUrl(StringBuilder row, SplittableRandom identity, String domain) {
        row.append("http://").append(domain).append('/').append(WORDS[identity.nextInt(WORDS.length)])
                .append('/').append(Long.toHexString(identity.nextLong() & 0xffffffL));
    }

    private static String number(SplittableRandom r, String org, LocalDate date) {
        int year = date.getYear() % 100;
        return switch (org) {
            case "Генпрокуратура" -> "27-31-" + date.getYear() + "/Ид" + (1000 + r.nextInt(9000)) + "-" + year;
            case "ФНС" -> "2-6-27/" + date + "-" + (1 + r.nextInt(999)) + "-АИ";
            case "Роскомнадзор" -> (1 + r.nextInt(99)) + "-Restricting";
            default -> "2-" + (1 + r.nextInt(9999)) + "/" + year;
        };
    }

    /** A public-looking IPv4 address (first octet 1..223, not 10 or 127, last octet 1..254). */
    static void appendIpv4(StringBuilder row, SplittableRandom r) {
        int first = firstOctet(r);
        row.append(first).append('.').append(r.nextInt(256)).append('.').append(r.nextInt(256)).append('.')
                .append(1 + r.nextInt(254));
    }

    /** 1..223 without 10 and 127 (they become 11 and 128). */
    static int firstOctet(SplittableRandom r) {
        int first = 1 + r.nextInt(222);
        if (first == 10 || first == 127) {
            first++;
        }
        return first;
    }

    /** A prefix block of {@code prefix} bits around a random address of 1.0.0.0..223.255.255.255. */
    static void appendBlock(StringBuilder row, SplittableRandom r, int prefix) {
        long address = ((long) (1 + r.nextInt(222)) << 24) | r.nextInt(1 << 24);
        long block = address & (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        appendDotted(row, block);
        row.append('/').append(prefix);
    }

    static void appendDotted(StringBuilder row, long address) {
        row.append(address >>> 24).append('.').append((address >>> 16) & 0xff).append('.').append((address >>> 8) & 0xff)
                .append('.').append(address & 0xff);
    }

    static void appendIpv6(StringBuilder row, SplittableRandom r) {
        row.append("2a0").append(1 + r.nextInt(9)).append(':').append(Integer.toHexString(r.nextInt(0x10000)))
                .append(':').append(Integer.toHexString(r.nextInt(0x10000))).append("::").append(Integer.toHexString(1 + r.nextInt(0xfffe)));
    }
}
