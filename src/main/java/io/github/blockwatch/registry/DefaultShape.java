package io.github.blockwatch.registry;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * {@code generate}'s default shape, the one {@code bench/run}'s figures were taken on: mostly single IPv4
 * addresses, one row in ten listing 2 to 7, 1% of addresses IPv6, {@code subnets} rows blocking a /24 (90%),
 * a /16../23, or rarely a /12../15 like the 2018 cloud ranges; 60% of the other rows with a domain, half of
 * those with a URL. Its bytes are pinned by {@code DumpGeneratorTest}: change it and every earlier figure
 * loses its dump.
 */
public final class DefaultShape implements DumpShape {
    static final Instant BASE_TIME = Instant.parse("2024-03-01T09:00:00Z");

    private final long rows;
    private final long subnets;

    /**
     * @param rows    rows of the base dump
     * @param subnets how many of them block a subnet (/24../12) rather than single addresses
     */
    public DefaultShape(long rows, long subnets) {
        if (rows < 0 || subnets < 0 || subnets > rows) {
            throw new IllegalArgumentException("need 0 <= subnets <= rows");
        }
        this.rows = rows;
        this.subnets = subnets;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public Instant baseTime() {
        return BASE_TIME;
    }

    /** Exactly {@code subnets} of the base rows block a subnet, spread evenly over the dump. */
    private boolean isSubnetRow(long i) {
        return i < rows && (i + 1) * subnets / rows > i * subnets / rows;
    }

    @Override
    public void appendRow(StringBuilder row, long i, SplittableRandom identity, SplittableRandom addresses) {
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
                    GeneratedFields.appendIpv6(row, addresses);
                } else {
                    GeneratedFields.appendIpv4(row, addresses);
                }
            }
        }
        row.append(';');
        String domain = "";
        if (withDomain) {
            domain = GeneratedFields.appendDomain(row, identity, i % 100_000);
        }
        row.append(';');
        if (withDomain && identity.nextDouble() < 0.5) {
            GeneratedFields.appendUrl(row, identity, domain);
        }
        GeneratedFields.appendDecision(row, identity, 4000);
    }

    private static void appendSubnet(StringBuilder row, SplittableRandom r) {
        // Mostly /24s, a tail of larger blocks, and rarely a /12../15 like the 2018 cloud ranges.
        double u = r.nextDouble();
        int prefix = u < 0.9 ? 24 : u < 0.995 ? 16 + r.nextInt(8) : 12 + r.nextInt(4);
        GeneratedFields.appendBlock(row, r, prefix);
    }
}
