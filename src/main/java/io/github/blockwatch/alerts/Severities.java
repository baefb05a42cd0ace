package io.github.blockwatch.alerts;

import io.github.blockwatch.avro.Severity;
import java.math.BigInteger;

/**
 * Severity grows with size: {@code LOW} at the threshold, {@code MEDIUM} from 4×, {@code HIGH} from 16×,
 * {@code CRITICAL} from 64× (a /10 against the /16 threshold).
 */
public final class Severities {
    private Severities() {}

    /** The severity of something of {@code size} against a rule's {@code threshold}. */
    public static Severity of(BigInteger size, BigInteger threshold) {
        BigInteger ratio = size.divide(threshold.max(BigInteger.ONE));
        if (ratio.compareTo(BigInteger.valueOf(64)) >= 0) {
            return Severity.CRITICAL;
        }
        if (ratio.compareTo(BigInteger.valueOf(16)) >= 0) {
            return Severity.HIGH;
        }
        if (ratio.compareTo(BigInteger.valueOf(4)) >= 0) {
            return Severity.MEDIUM;
        }
        return Severity.LOW;
    }

    /** {@code of} for counts that fit a long. */
    public static Severity of(long size, long threshold) {
        return of(BigInteger.valueOf(size), BigInteger.valueOf(threshold));
    }

    /** True when {@code severity} is {@code minimum} or more severe (the order of the Avro enum). */
    public static boolean atLeast(Severity severity, Severity minimum) {
        return severity.compareTo(minimum) >= 0;
    }
}
