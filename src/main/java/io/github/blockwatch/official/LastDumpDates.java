package io.github.blockwatch.official;

import java.time.Instant;

/**
 * The answer to {@code getLastDumpDateEx}: when the registry's dump last changed, and which versions of
 * the service, the dump format and the operators' memo are current.
 *
 * @param lastDumpDate         the last regular update (epoch milliseconds on the wire); the dump's {@code updateTime}
 * @param lastDumpDateUrgently the last urgent update (epoch milliseconds), which operators must fetch at once
 */
public record LastDumpDates(Instant lastDumpDate, Instant lastDumpDateUrgently, String webServiceVersion,
                            String dumpFormatVersion, String docVersion) {

    /** The newest of both: a dump with anything later than this was not published yet. */
    public Instant newest() {
        return lastDumpDateUrgently.isAfter(lastDumpDate) ? lastDumpDateUrgently : lastDumpDate;
    }
}
