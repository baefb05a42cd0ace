package io.github.blockwatch.alerts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;

/** Numbers for people, as alert summaries and messages write them: 1.8 M, 65.5 k, 4.2 G (below 10,000 as is). */
public final class HumanCounts {
    private static final String[] UNITS = {"", " k", " M", " G", " T", " P", " E"};

    private HumanCounts() {}

    public static String format(BigInteger n) {
        if (n.compareTo(BigInteger.valueOf(10_000)) < 0) {
            return n.toString();
        }
        BigDecimal value = new BigDecimal(n);
        int unit = 0;
        while (value.compareTo(BigDecimal.valueOf(1000)) >= 0 && unit < UNITS.length - 1) {
            value = value.divide(BigDecimal.valueOf(1000));
            unit++;
        }
        if (value.compareTo(BigDecimal.valueOf(1000)) >= 0) {
            // Beyond exa (IPv6 space): scientific notation reads better than a wall of digits.
            return String.format(Locale.ROOT, "%.2e", n.doubleValue());
        }
        return value.setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + UNITS[unit];
    }

    public static String format(long n) {
        return format(BigInteger.valueOf(n));
    }
}
