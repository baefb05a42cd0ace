package io.github.blockwatch.serve;

import io.github.blockwatch.alerts.JsonCounts;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Address counts for JSON: a number while a JavaScript double holds it exactly (up to 2^53), a decimal
 * string beyond (IPv6 counts), so no client silently rounds a count. The rule is {@link JsonCounts}'s, which alerts use.
 */
final class Counts {
    private Counts() {}

    static Object json(BigInteger n) {
        return JsonCounts.of(n);
    }

    static Object json(BigDecimal n) {
        return JsonCounts.of(n);
    }
}
