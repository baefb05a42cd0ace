package io.github.blockwatch.owners;

import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.InvalidAddressException;
import io.github.blockwatch.registry.IpFamily;
import java.math.BigInteger;

/** Address text to numbers and back, for the owner readers. */
final class Ipv4Ranges {
    private Ipv4Ranges() {}

    /** The block, or null if it is IPv6 (the caller counts those). */
    static Cidr ipv4Block(String text) throws InvalidAddressException {
        Cidr cidr = Cidr.parse(text);
        return cidr.family() == IpFamily.IPV4 ? cidr : null;
    }

    static OwnerRange of(String dataset, OwnerFormat format, Cidr cidr, OwnerLabel label) {
        return new OwnerRange(dataset, format.label(), cidr.toString(), cidr.first().longValueExact(),
                cidr.last().longValueExact(), label);
    }

    /** {@code first-last} as a range; its text is the CIDR when it is exactly one block. */
    static OwnerRange of(String dataset, OwnerFormat format, long first, long last, OwnerLabel label) {
        return new OwnerRange(dataset, format.label(), text(first, last), first, last, label);
    }

    static String text(long first, long last) {
        long size = last - first + 1;
        if (Long.bitCount(size) == 1 && first % size == 0) {
            int prefix = 32 - Long.numberOfTrailingZeros(size);
            return Cidr.of(IpFamily.IPV4, BigInteger.valueOf(first), prefix).toString();
        }
        return address(first) + "-" + address(last);
    }

    static String address(long value) {
        return Ipv4Text.format(value);
    }
}
