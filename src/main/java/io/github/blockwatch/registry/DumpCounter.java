package io.github.blockwatch.registry;

import java.io.IOException;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;

/** Counts a dump's rows, entries, distinct ranges and distinct addresses, with the live table's arithmetic. */
public final class DumpCounter {
    private DumpCounter() {}

    public static DumpCount count(DumpReader reader) throws IOException {
        AddressCoverage coverage = new AddressCoverage(new TreeBoundaryMap());
        Set<Cidr> ranges = new HashSet<>();
        long rows = 0;
        long rejected = 0;
        long entries = 0;
        long rangesIpv4 = 0;
        long distinctIpv4 = 0;
        BigInteger distinctIpv6 = BigInteger.ZERO;
        for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
            rows++;
            if (row instanceof ParsedRow.Rejected) {
                rejected++;
                continue;
            }
            entries++;
            for (Cidr range : ((ParsedRow.Accepted) row).entry().ranges()) {
                if (!ranges.add(range)) {
                    continue;
                }
                BigInteger added = coverage.add(range);
                if (range.family() == IpFamily.IPV4) {
                    rangesIpv4++;
                    distinctIpv4 += added.longValueExact();
                } else {
                    distinctIpv6 = distinctIpv6.add(added);
                }
            }
        }
        return new DumpCount(reader.header(), rows, rejected, entries, rangesIpv4,
                ranges.size() - rangesIpv4, distinctIpv4, distinctIpv6);
    }
}
