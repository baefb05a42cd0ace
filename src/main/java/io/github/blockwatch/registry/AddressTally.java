package io.github.blockwatch.registry;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;

/**
 * Distinct blocks and distinct addresses of whatever blocks are added, overlaps counted once: one dump's, or
 * several dumps' together (sources side by side, as the live table's union counts them).
 */
public final class AddressTally {
    private final Ipv4RangeSet ipv4 = new Ipv4RangeSet();
    // IPv6 blocks are few; the updatable coverage counts them exactly with BigInteger.
    private final AddressCoverage ipv6 = new AddressCoverage(new TreeBoundaryMap());
    private final Set<Cidr> ipv6Blocks = new HashSet<>();
    private BigInteger distinctIpv6 = BigInteger.ZERO;

    public void add(Cidr range) {
        if (range.family() == IpFamily.IPV4) {
            ipv4.add(range);
        } else if (ipv6Blocks.add(range)) {
            distinctIpv6 = distinctIpv6.add(ipv6.add(range));
        }
    }

    public long rangesIpv4() {
        return ipv4.distinctBlocks();
    }

    public long rangesIpv6() {
        return ipv6Blocks.size();
    }

    public long distinctIpv4() {
        return ipv4.distinctAddresses();
    }

    public BigInteger distinctIpv6() {
        return distinctIpv6;
    }
}
