package io.github.blockwatch.cli;

import io.github.blockwatch.ingest.FetchLimits;
import java.time.Duration;
import picocli.CommandLine.Option;

/** What a download from a mirror may cost ({@code ingest --url}); each limit is reported in one line naming its flag. */
final class FetchOptions {
    @Option(names = "--max-download-size", paramLabel = "SIZE", defaultValue = "1GiB", converter = SizeConverter.class,
            description = "With --url: refuse a body larger than this (default: ${DEFAULT-VALUE})")
    long maxDownloadSize;

    @Option(names = "--fetch-timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "With --url: give up a download not complete within this, body included (default: ${DEFAULT-VALUE})")
    Duration fetchTimeout;

    @Option(names = "--allow-private-redirects",
            description = "With --url: follow a redirect to a loopback, link-local or private address (refused by default "
                    + "unless the URL itself is one)")
    boolean allowPrivateRedirects;

    FetchLimits limits() {
        try {
            return new FetchLimits(maxDownloadSize, fetchTimeout, allowPrivateRedirects);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }
}
