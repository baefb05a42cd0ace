package io.github.blockwatch.registry;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * Writes synthetic registry dumps in the mirror's dump.csv format, shaped like the real ones: mostly
 * single IPv4 addresses, some with several addresses, subnets from /24 to /12, a little IPv6, domains and
 * URLs (some Cyrillic, so the cp1251 path is exercised), and the real issuing bodies and number styles.
 *
 * <p>Deterministic: row {@code i} of day {@code d} is a pure function of (seed, i, d), so the same
 * arguments give the same bytes on any machine, and a series of daily deltas can be produced without
 * holding the registry in memory. Day 0 is the base dump; on each later day a small share of rows is
 * removed, added and re-resolved (new addresses for the same entry: UPDATED events).
 */
public final class DumpGenerator {
    private static final String[] ORGS = {"суд", "Роскомнадзор", "Генпрокуратура", "ФНС", "Мосгорсуд", "МВД", "Роспотребнадзор"};
    private static final String[] TLDS = {"ru", "com", "net", "org", "info", "рф", "xyz", "io"};
    private static final String[] WORDS = {"casino", "bet", "forum", "news", "pharma", "torrent", "vpn", "proxy",
        "книги", "музыка", "kino", "mirror", "video", "shop", "club", "online"};
    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");
    static final Instant BASE_TIME = Instant.parse("2024-03-01T09:00:00Z");

    private final long seed;
    private final long rows;
    private final long subnets;
    private final double removedPerDay;
    private final double addedPerDay;
    private final double updatedPerDay;

    /**
     * @param rows    rows of the base dump
     * @param subnets how many of them block a subnet (/24../12) rather than single addresses
     */
    public DumpGenerator(long seed, long rows, long subnets) {
        if (rows < 0 || subnets < 0 || subnets > rows) {
            throw new IllegalArgumentException("need 0 <= subnets <= rows");
        }
        this.seed = seed;
        this.rows = rows;
        this.subnets = subnets;
        this.removedPerDay = 0.001;
        this.addedPerDay = 0.001;
        this.updatedPerDay = 0.002;
    }

    /** Registry time of the dump of day {@code day}. */
    public Instant registryTime(int day) {
        return BASE_TIME.plus(Duration.ofDays(day));
    }

    /** Writes the dump of day {@code day} (0 = base); returns the number of rows written. */
    public long write(int day, Writer out) throws IOException {
        out.write("Updated: " + UPDATED.format(registryTime(day).atOffset(ZoneOffset.UTC)) + "\n");
        long written = 0;
        long added = (long) Math.ceil(rows * addedPerDay) * day;
        StringBuilder row = new StringBuilder(256);
        for (long i = 0; i < rows + added; i++) {
            if (!present(i, day)) {
                continue;
            }
            row.setLength(0);
            appendRow(row, i, version(i, day));
            row.append('\n');
            out.append(row);
            written++;
        }
        return written;
    }

    private boolean present(long i, int day) {
        if (i >= rows) {
            long perDay = (long) Math.ceil(rows * addedPerDay);
            return (i - rows) / Math.max(1, perDay) < day;
        }
        double u = random(i, -1).nextDouble();
        return u >= removedPerDay * day;
    }

    /** How many times row i was re-resolved up to this day: its addresses change, its identity does not. */
    private int version(long i, int day) {
        int version = 0;
        for (int d = 1; d <= day; d++) {
            if (random(i, d).nextDouble() < updatedPerDay) {
                version++;
            }
        }
        return version;
    }

    /** Exactly {@code subnets} of the base rows block a subnet, spread evenly over the dump. */
    private boolean isSubnetRow(long i) {
        return i < rows && (i + 1) * subnets / rows > i * subnets / rows;
    }

    private SplittableRandom random(long i, int salt) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + salt * 0x94D049BB133111EBL);
    }

    private void appendRow(StringBuilder row, long i, int version) {
        SplittableRandom identity = random(i, 0);
        SplittableRandom addresses = random(i, 1000 + version);
        boolean subnet = isSubnetRow(i);
        boolean withDomain = !subnet && identity.nextDouble() < 0.6;
        if (subnet) {
            appendSubnet(row, addresses);
        } else {
            int count = addresses.nextDouble() < 0.9 ? 1 : 2 + addresses.nextInt(6);
            for (int k = 0; k < count; k++) {
                if (k > 0) {
                    row.append(" | ");
                }
                if (addresses.nextDouble() < 0.01) {
                    appendIpv6(row, addresses);
                } else {
                    appendIpv4(row, addresses);
                }
            }
        }
        row.append(';');
        String domain = "";
        if (withDomain) {
            domain = WORDS[identity.nextInt(WORDS.length)] + (i % 100_000) + "." + TLDS[identity.nextInt(TLDS.length)];
            row.append(domain);
        }
        row.append(';');
        if (withDomain && identity.nextDouble() < 0.5) {
            row.append("http://").append(domain).append('/').append(WORDS[identity.nextInt(WORDS.length)])
                    .append('/').append(Long.toHexString(identity.nextLong() & 0xffffffL));
        }
        String org = ORGS[identity.nextInt(ORGS.length)];
        LocalDate date = LocalDate.of(2012, 11, 1).plusDays(identity.nextInt(4000));
        row.append(';').append(org).append(';').append(number(identity, org, date)).append(';').append(date);
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

    private static void appendIpv4(StringBuilder row, SplittableRandom r) {
        int first = 1 + r.nextInt(222);
        if (first == 10 || first == 127) {
            first++;
        }
        row.append(first).append('.').append(r.nextInt(256)).append('.').append(r.nextInt(256)).append('.')
                .append(1 + r.nextInt(254));
    }

    private static void appendSubnet(StringBuilder row, SplittableRandom r) {
        // Mostly /24s, a tail of larger blocks, and rarely a /12../15 like the 2018 cloud ranges.
        double u = r.nextDouble();
        int prefix = u < 0.9 ? 24 : u < 0.995 ? 16 + r.nextInt(8) : 12 + r.nextInt(4);
        long address = ((long) (1 + r.nextInt(222)) << 24) | r.nextInt(1 << 24);
        long block = address & (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        row.append(block >>> 24).append('.').append((block >>> 16) & 0xff).append('.').append((block >>> 8) & 0xff)
                .append('.').append(block & 0xff).append('/').append(prefix);
    }

    private static void appendIpv6(StringBuilder row, SplittableRandom r) {
        row.append("2a0").append(1 + r.nextInt(9)).append(':').append(Integer.toHexString(r.nextInt(0x10000)))
                .append(':').append(Integer.toHexString(r.nextInt(0x10000))).append("::").append(Integer.toHexString(1 + r.nextInt(0xfffe)));
    }
}
