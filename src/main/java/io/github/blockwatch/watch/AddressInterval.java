package io.github.blockwatch.watch;

import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.IpFamily;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The addresses {@code first..last} (both included) of one family, as unsigned numbers. Unlike a {@link Cidr}
 * it need not be a prefix block: a watched prefix cut by a blocked range, an iptoasn row.
 */
public record AddressInterval(IpFamily family, BigInteger first, BigInteger last) implements Comparable<AddressInterval> {
    private static final Comparator<AddressInterval> ORDER = Comparator.comparing(AddressInterval::family)
            .thenComparing(AddressInterval::first).thenComparing(AddressInterval::last);

    public AddressInterval {
        Objects.requireNonNull(family, "family");
        if (first.signum() < 0 || first.compareTo(last) > 0 || last.bitLength() > family.bits()) {
            throw new IllegalArgumentException("not an " + family + " interval: " + first + "-" + last);
        }
    }

    public static AddressInterval of(Cidr cidr) {
        return new AddressInterval(cidr.family(), cidr.first(), cidr.last());
    }

    public static AddressInterval ipv4(long first, long last) {
        return new AddressInterval(IpFamily.IPV4, BigInteger.valueOf(first), BigInteger.valueOf(last));
    }

    public BigInteger size() {
        return last.subtract(first).add(BigInteger.ONE);
    }

    /** The common part of both, or null when they do not meet (or differ in family). */
    public AddressInterval intersection(AddressInterval other) {
        if (family != other.family) {
            return null;
        }
        BigInteger from = first.max(other.first);
        BigInteger to = last.min(other.last);
        return from.compareTo(to) <= 0 ? new AddressInterval(family, from, to) : null;
    }

    /** The fewest prefix blocks that make up exactly this interval, in address order. */
    public List<Cidr> cidrs() {
        List<Cidr> blocks = new ArrayList<>();
        BigInteger at = first;
        BigInteger end = last.add(BigInteger.ONE);
        while (at.compareTo(end) < 0) {
            // The largest block that starts at `at` (its alignment) and does not run past the end.
            int alignment = at.signum() == 0 ? family.bits() : at.getLowestSetBit();
            int fits = end.subtract(at).bitLength() - 1;
            int hostBits = Math.min(alignment, fits);
            blocks.add(Cidr.of(family, at, family.bits() - hostBits));
            at = at.add(BigInteger.ONE.shiftLeft(hostBits));
        }
        return blocks;
    }

    /** {@code 52.58.0.0-52.59.255.255}. */
    @Override
    public String toString() {
        return Cidr.formatAddress(family, first) + "-" + Cidr.formatAddress(family, last);
    }

    @Override
    public int compareTo(AddressInterval other) {
        return ORDER.compare(this, other);
    }
}
