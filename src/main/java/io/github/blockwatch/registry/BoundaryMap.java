package io.github.blockwatch.registry;

import java.math.BigInteger;
import java.util.List;

/**
 * The storage behind {@link AddressCoverage}: a sorted map, per address family, from a boundary address
 * to the number of blocked ranges that cover every address from it up to the next boundary. Addresses
 * below the first boundary are covered by none. One implementation lives in memory (offline counting),
 * another in a Kafka Streams state store (the live table), so both count with the same code.
 */
public interface BoundaryMap {
    /** A boundary and the coverage depth of the segment it starts. */
    record Boundary(BigInteger point, int depth) {}

    /** The last boundary at or below {@code point}, or null if there is none. */
    Boundary floor(IpFamily family, BigInteger point);

    /** The last boundary strictly below {@code point}, or null if there is none. */
    Boundary lower(IpFamily family, BigInteger point);

    /** Boundaries in {@code [from, toExclusive)}, in address order. */
    List<Boundary> range(IpFamily family, BigInteger from, BigInteger toExclusive);

    void put(IpFamily family, BigInteger point, int depth);

    void remove(IpFamily family, BigInteger point);
}
