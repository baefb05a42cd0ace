package io.github.blockwatch.registry;

import java.io.IOException;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;

/** Counts a dump's rows, entries, distinct ranges and distinct addresses, offline, in one pass. */
public final class DumpCounter {
    private DumpCounter() {}

    public static DumpCount count(DumpReader reader) throws IOException {
        return count(RangeReader.of(reader));
    }

    /** As {@link #count(DumpReader)}, from the addresses alone: see {@link Dumps#openRanges(DumpSource)}. */
    public static DumpCount count(RangeReader reader) throws IOException {
        Ipv4RangeSet ipv4 = new Ipv4RangeSet();
        // IPv6 blocks are few; the updatable coverage counts them exactly with BigInteger.
        AddressCoverage ipv6 = new AddressCoverage(new TreeBoundaryMap());
        Set<Cidr> ipv6Blocks = new HashSet<>();
        BigInteger distinctIpv6 = BigInteger.ZERO;
        long rows = 0;
        long rejected = 0;
        long entries = 0;
        for (RangeRow row = reader.next(); row != null; row = reader.next()) {
            rows++;
            if (!row.isAccepted()) {
                rejected++;
                continue;
            }
            entries++;
            for (Cidr range : row.ranges()) {
                if (range.family() == IpFamily.IPV4) {
                    ipv4.add(range);
                } else if (ipv6Blocks.add(range)) {
                    distinctIpv6 = distinctIpv6.add(ipv6.add(range));
                }
            }
        }
        long rangesIpv4 = ipv4.distinctBlocks();
        return new DumpCount(reader.header(), rows, rejected, entries, rangesIpv4, ipv6Blocks.size(),
                ipv4.distinctAddresses(), distinctIpv6);
    }
}
