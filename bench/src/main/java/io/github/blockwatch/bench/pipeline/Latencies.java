package io.github.blockwatch.bench.pipeline;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/** A latency histogram in microseconds (1 µs to 10 min, 3 significant digits) and its percentiles. */
final class Latencies {
    private final Histogram histogram = new Histogram(1, 600_000_000L, 3);

    void recordNanos(long nanos) {
        histogram.recordValue(Math.max(1, nanos / 1000));
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** The percentile in milliseconds. */
    double millis(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMillis() {
        return histogram.getMaxValue() / 1000.0;
    }

    String summary() {
        return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms (n = %,d)",
                millis(50), millis(99), millis(99.9), maxMillis(), count());
    }
}
