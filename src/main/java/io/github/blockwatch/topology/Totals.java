package io.github.blockwatch.topology;

import io.github.blockwatch.avro.TableTotals;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.IpFamily;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Running totals of a table (the union's, or one source's), moved by one range at a time. */
final class Totals {
    private Totals() {}

    /** A table with nothing in it. */
    static TableTotals empty() {
        return new TableTotals(0L, 0L, 0L, 0L, BigDecimal.ZERO);
    }

    /**
     * Counts {@code addresses} more distinct addresses (fewer when negative) and {@code ranges} more ranges in
     * the family of {@code cidr}.
     */
    static void adjust(TableTotals table, Cidr cidr, BigInteger addresses, int ranges) {
        if (cidr.family() == IpFamily.IPV4) {
            table.setDistinctIpv4(table.getDistinctIpv4() + addresses.longValueExact());
            table.setRangesIpv4(table.getRangesIpv4() + ranges);
        } else {
            table.setDistinctIpv6(table.getDistinctIpv6().add(new BigDecimal(addresses)));
            table.setRangesIpv6(table.getRangesIpv6() + ranges);
        }
    }
}
