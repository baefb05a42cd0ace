package io.github.blockwatch.alerts;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Address counts for JSON: a number while a JavaScript double (and jq) holds it exactly, up to 2^53; a
 * decimal string beyond (IPv6 counts), so no client silently rounds a count. One rule for alerts and the
 * rest of the API alike.
 */
public final class JsonCounts {
    private static final BigInteger MAX_EXACT = BigInteger.ONE.shiftLeft(53);

    private JsonCounts() {}

    /** A {@link Long} up to 2^53, else the decimal {@link String}. */
    public static Object of(BigInteger n) {
        return n.abs().compareTo(MAX_EXACT) <= 0 ? (Object) n.longValueExact() : n.toString();
    }

    /** As {@link #of(BigInteger)}; {@code n} must be whole. */
    public static Object of(BigDecimal n) {
        return of(n.toBigIntegerExact());
    }
}
