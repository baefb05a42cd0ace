package io.github.blockwatch.cli;

import io.github.blockwatch.ingest.IngestLimits;
import io.github.blockwatch.registry.DumpLimits;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * What {@code ingest} and {@code replay} accept from a feed. Each limit is reported in one line naming its
 * flag; the defaults are far above any real dump, and below what a hostile one needs to exhaust memory.
 */
final class IngestLimitOptions {
    @Option(names = "--max-clock-skew", paramLabel = "DURATION", defaultValue = "15m", converter = DurationConverter.class,
            description = "Refuse a dump whose registry time is more than this ahead of this machine's clock (default: ${DEFAULT-VALUE})")
    Duration maxClockSkew;

    @Option(names = "--max-dump-size", paramLabel = "SIZE", defaultValue = "2GiB", converter = SizeConverter.class,
            description = "Refuse a dump larger than this once decompressed (default: ${DEFAULT-VALUE})")
    long maxDumpSize;

    @Option(names = "--max-row-size", paramLabel = "SIZE", defaultValue = "16MiB", converter = SizeConverter.class,
            description = "Reject to blockwatch.dlq a dump.csv row or dump.xml <content> element longer than this, in characters (default: ${DEFAULT-VALUE})")
    long maxRowSize;

    @Option(names = "--max-field-size", paramLabel = "SIZE", defaultValue = "1MiB", converter = SizeConverter.class,
            description = "Refuse a dump.xml with an attribute value or text longer than this, in characters (default: ${DEFAULT-VALUE})")
    long maxFieldSize;

    IngestLimits limits() {
        if (maxRowSize > Integer.MAX_VALUE || maxFieldSize > Integer.MAX_VALUE) {
            throw new CliException("--max-row-size and --max-field-size can be at most 2GiB - 1");
        }
        try {
            return new IngestLimits(new DumpLimits(maxDumpSize, (int) maxRowSize, (int) maxFieldSize), maxClockSkew);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }
}
