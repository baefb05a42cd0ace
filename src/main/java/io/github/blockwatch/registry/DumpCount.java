package io.github.blockwatch.registry;

import java.math.BigInteger;

/**
 * What one dump blocks, counted offline.
 *
 * @param rows         rows read (accepted + rejected)
 * @param rejected     rows that could not be used
 * @param entries      accepted entries
 * @param rangesIpv4   distinct IPv4 CIDR blocks
 * @param rangesIpv6   distinct IPv6 CIDR blocks
 * @param distinctIpv4 distinct IPv4 addresses in their union (overlaps counted once)
 * @param distinctIpv6 distinct IPv6 addresses in their union
 */
public record DumpCount(
        DumpHeader header,
        long rows,
        long rejected,
        long entries,
        long rangesIpv4,
        long rangesIpv6,
        long distinctIpv4,
        BigInteger distinctIpv6) {

    public long accepted() {
        return rows - rejected;
    }

    public long ranges() {
        return rangesIpv4 + rangesIpv6;
    }
}
