package io.github.blockwatch.registry;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The registry at its 2025 size: the public mirror's last dump (2025-10-01) had 1,203,340 rows. The
 * proportions are those measured on the real mirror dumps by {@code bench/dump-shape}, extrapolated; what
 * is measured and what is assumed is set out in docs/PERFORMANCE.md ("Present-day scale"):
 * <ul>
 *   <li>0.5% of rows are IP-only (no domain, no URL; measured on 2018, whose IP-only rows are all there, against
 *       an estimate of its domain rows); each lists as many IPv4 addresses as 2018's IP-only rows did
 *       ({@link #IP_ONLY_ADDRESSES}).</li>
 *   <li>Among them, one subnet row per 10,028 rows (120 at 1,203,340: the registry's 120 subnets of 2024 in
 *       antifilter's {@code subnet.lst}), prefix lengths as there ({@link #SUBNET_PREFIXES}); and two long rows
 *       listing 258,115 and 4,627 distinct addresses, as the 2020 dump's rows of decision 27-31-2018/Ид2971-18
 *       did.</li>
 *   <li>The other rows have a domain, 28.3% of them a URL, and list as many addresses as 2018's domain rows
 *       ({@link #DOMAIN_ADDRESSES}; a few none at all). 2% of them also list an IPv6 address: assumed — the
 *       2017–2020 mirror dumps list none.</li>
 * </ul>
 * Which row is which is fixed by its index (an exact count of each kind, spread over the dump by a
 * permutation); what a row lists is drawn from its own random sources. Rows added on later days are domain
 * rows.
 */
public final class Shape2025 implements DumpShape {
    /** The mirror's last dump; its hour is not known here. */
    static final Instant BASE_TIME = Instant.parse("2025-10-01T00:00:00Z");
    /** The rows of that dump: at this size the subnet rows are the 2024 list's 120. */
    public static final long ROWS_2025 = 1_203_340;
    static final double IP_ONLY_SHARE = 0.005;
    static final long SUBNETS_2025 = 120;
    static final double IPV6_SHARE = 0.02;
    static final double URL_SHARE = 0.283;
    /** Addresses of the long rows, longest first (zi-2020-01-26, lines 23 and 19). */
    static final int[] LONG_ROWS = {258_115, 4_627};
    private static final String LONG_ROW_DECISION = ";Генпрокуратура;27-31-2018/Ид2971-18;2018-04-16";
    /** Decisions dated 2012-11-01 … 2025-09-29. */
    private static final int DECISION_DAYS = 4716;

    /** Addresses listed per row: bins {lowest, highest, rows measured}; a count is drawn log-uniformly in its bin. */
    static final int[][] IP_ONLY_ADDRESSES = {{1, 1, 656}, {2, 2, 43}, {3, 4, 18}, {5, 9, 22}, {10, 19, 10},
        {20, 99, 20}, {100, 999, 7}};
    static final int[][] DOMAIN_ADDRESSES = {{0, 0, 2}, {1, 1, 17_915}, {2, 2, 10_427}, {3, 4, 2_161},
        {5, 9, 1_001}, {10, 19, 445}, {20, 99, 62}, {100, 999, 5}};
    /** Prefix lengths of the 2024-07-17 {@code subnet.lst}: {prefix, blocks}. */
    static final int[][] SUBNET_PREFIXES = {{14, 1}, {16, 3}, {17, 3}, {18, 4}, {19, 7}, {20, 13}, {21, 15},
        {22, 23}, {23, 10}, {24, 39}, {27, 1}, {30, 1}};

    /** What a base row is. */
    enum Kind { LONG, SUBNET, IP_ONLY, DOMAIN_IPV6, DOMAIN }

    private final long rows;
    private final long longRows;
    private final long subnetRows;
    private final long ipOnlyRows;
    private final long ipv6Rows;
    private final long step;

    public Shape2025(long rows) {
        if (rows < 0 || rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("need 0 <= rows <= " + Integer.MAX_VALUE);
        }
        this.rows = rows;
        this.longRows = Math.min(LONG_ROWS.length, rows);
        this.subnetRows = Math.min(rows - longRows, ceilDiv(rows * SUBNETS_2025, ROWS_2025));
        this.ipOnlyRows = Math.min(rows, Math.max(longRows + subnetRows, Math.round(rows * IP_ONLY_SHARE)));
        this.ipv6Rows = Math.min(rows - ipOnlyRows, Math.round(rows * IPV6_SHARE));
        this.step = coprimeStep(rows);
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public Instant baseTime() {
        return BASE_TIME;
    }

    /** IP-only rows of the base dump, the subnet and long rows included. */
    public long ipOnlyRows() {
        return ipOnlyRows;
    }

    /** Rows listing one IPv4 subnet (and nothing else). */
    public long subnetRows() {
        return subnetRows;
    }

    /** Rows listing an IPv6 address (besides their IPv4 ones). */
    public long ipv6Rows() {
        return ipv6Rows;
    }

    /** Addresses of each long row, longest first. */
    public int[] longRows() {
        return Arrays.copyOf(LONG_ROWS, (int) longRows);
    }

    /**
     * Base row i's kind. The rows' places under a permutation ({@code i * step mod rows}, step coprime with
     * rows) are cut into consecutive runs, one per kind, so each kind has its exact count and is spread over
     * the dump.
     */
    Kind kind(long i) {
        if (i >= rows) {
            return Kind.DOMAIN;
        }
        long place = i * step % rows;
        if (place < longRows) {
            return Kind.LONG;
        }
        if (place < longRows + subnetRows) {
            return Kind.SUBNET;
        }
        if (place < ipOnlyRows) {
            return Kind.IP_ONLY;
        }
        return place < ipOnlyRows + ipv6Rows ? Kind.DOMAIN_IPV6 : Kind.DOMAIN;
    }

    @Override
    public void appendRow(StringBuilder row, long i, SplittableRandom identity, SplittableRandom addresses) {
        Kind kind = kind(i);
        switch (kind) {
            case LONG -> {
                appendLongRow(row, LONG_ROWS[(int) (i * step % rows)], addresses);
                row.append(";;").append(LONG_ROW_DECISION);
                return;
            }
            case SUBNET -> GeneratedFields.appendBlock(row, addresses, draw(addresses, SUBNET_PREFIXES));
            case IP_ONLY -> appendIpv4s(row, addresses, count(addresses, IP_ONLY_ADDRESSES));
            case DOMAIN, DOMAIN_IPV6 -> {
                int count = count(addresses, DOMAIN_ADDRESSES);
                appendIpv4s(row, addresses, count);
                if (kind == Kind.DOMAIN_IPV6) {
                    row.append(count > 0 ? " | " : "");
                    GeneratedFields.appendIpv6(row, addresses);
                }
            }
        }
        row.append(';');
        String domain = kind == Kind.DOMAIN || kind == Kind.DOMAIN_IPV6 ? GeneratedFields.appendDomain(row, identity, i) : "";
        row.append(';');
        if (!domain.isEmpty() && identity.nextDouble() < URL_SHARE) {
            GeneratedFields.appendUrl(row, identity, domain);
        }
        GeneratedFields.appendDecision(row, identity, DECISION_DAYS);
    }

    private static void appendIpv4s(StringBuilder row, SplittableRandom r, int count) {
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                row.append(" | ");
            }
            GeneratedFields.appendIpv4(row, r);
        }
    }

    /**
     * {@code count} distinct addresses of one /12: offset k is {@code k * odd mod 2^20}, a bijection, so they
     * are scattered over the block and never repeat (a real long row lists distinct addresses).
     */
    private static void appendLongRow(StringBuilder row, int count, SplittableRandom r) {
        long base = ((long) GeneratedFields.firstOctet(r) << 24) | ((long) r.nextInt(16) << 20);
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                row.append(" | ");
            }
            GeneratedFields.appendDotted(row, base | ((k * 0x9E3779B1L) & 0xfffff));
        }
    }

    /** A count of addresses: a bin by its measured weight, then log-uniformly within it (few large, many small). */
    private static int count(SplittableRandom r, int[][] bins) {
        int[] bin = bins[pick(r, bins, 2)];
        int low = bin[0];
        int high = bin[1];
        if (low == high) {
            return low;
        }
        return (int) Math.min(high, Math.floor(low * Math.pow((high + 1.0) / low, r.nextDouble())));
    }

    /** A value of {@code {value, weight}} pairs, by weight. */
    private static int draw(SplittableRandom r, int[][] weighted) {
        return weighted[pick(r, weighted, 1)][0];
    }

    private static int pick(SplittableRandom r, int[][] table, int weightAt) {
        long total = 0;
        for (int[] entry : table) {
            total += entry[weightAt];
        }
        long u = r.nextLong(total);
        for (int k = 0; k < table.length; k++) {
            u -= table[k][weightAt];
            if (u < 0) {
                return k;
            }
        }
        throw new AssertionError("weights of " + total);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** The first number from rows × 0.618 up that is coprime with rows: a permutation that spreads each run. */
    private static long coprimeStep(long rows) {
        if (rows <= 1) {
            return 1;
        }
        long step = Math.max(1, (long) (rows * 0.6180339887));
        BigInteger n = BigInteger.valueOf(rows);
        while (!BigInteger.valueOf(step).gcd(n).equals(BigInteger.ONE)) {
            step++;
        }
        return step;
    }
}
