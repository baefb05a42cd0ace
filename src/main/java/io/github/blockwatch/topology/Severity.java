package io.github.blockwatch.topology;

import java.math.BigInteger;

/** Severity grows with size: every factor of four above the threshold is one step up. */
final class Severity {
    private Severity() {}

    static io.github.blockwatch.avro.Severity of(BigInteger size, BigInteger threshold) {
        BigInteger ratio = size.divide(threshold.max(BigInteger.ONE));
        if (ratio.compareTo(BigInteger.valueOf(64)) >= 0) {
            return io.github.blockwatch.avro.Severity.CRITICAL;
        }
        if (ratio.compareTo(BigInteger.valueOf(16)) >= 0) {
            return io.github.blockwatch.avro.Severity.HIGH;
        }
        if (ratio.compareTo(BigInteger.valueOf(4)) >= 0) {
            return io.github.blockwatch.avro.Severity.MEDIUM;
        }
        return io.github.blockwatch.avro.Severity.LOW;
    }
}
