package io.github.blockwatch.serve;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Address counts for JSON: a number while a JavaScript double holds it exactly (up to 2^53), a decimal
 * string beyond (IPv6 counts), so no client silently rounds a count.
 */
final class Counts {
    private static final BigInteger MAX_EXACT = BigInteger.ONE.shiftLeft(53);

    private Counts() {}

    static Object json(BigInteger n) {
        return n.abs().compareTo(MAX_EXACT) <= 0 ? (Object) n.longValueExact() : n.toString();
    }

    static Object json(BigDecimal n) {
        return json(n.toBigIntegerExact());
    }
}
