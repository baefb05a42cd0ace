package io.github.blockwatch.cli;

import io.github.blockwatch.topology.AlertRules;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Alert thresholds, shared by {@code run} and {@code demo}. */
final class AlertRuleOptions {
    @Option(names = "--large-range", paramLabel = "ADDRESSES", defaultValue = "65536",
            description = "LARGE_RANGE/UNBLOCKED: IPv4 ranges of at least this many addresses (default: ${DEFAULT-VALUE}, a /16)")
    long largeRangeIpv4;

    @Option(names = "--large-range-ipv6-prefix", paramLabel = "BITS", defaultValue = "32",
            description = "LARGE_RANGE/UNBLOCKED: IPv6 blocks of this prefix length or shorter (default: /${DEFAULT-VALUE})")
    int largeRangeIpv6Prefix;

    @Option(names = "--surge-threshold", paramLabel = "ADDRESSES", defaultValue = "262144",
            description = "SURGE: newly blocked IPv4 addresses within the window (default: ${DEFAULT-VALUE})")
    long surgeThreshold;

    @Option(names = "--surge-window", paramLabel = "DURATION", defaultValue = "24h", converter = DurationConverter.class,
            description = "SURGE: sliding window of registry time (default: ${DEFAULT-VALUE})")
    Duration surgeWindow;

    @Option(names = "--stall-after", paramLabel = "DURATION", defaultValue = "6h", converter = DurationConverter.class,
            description = "FEED_STALLED: no new dump for this long, or this much registry time between two dumps (default: ${DEFAULT-VALUE})")
    Duration stallAfter;

    @Option(names = "--collateral-share", paramLabel = "SHARE", defaultValue = "0.5",
            description = "COLLATERAL: alert when more than this share of a dump's newly blocked IPv4 addresses lies on cloud or hosting space (default: ${DEFAULT-VALUE})")
    double collateralShare;

    @Option(names = "--collateral-min-addresses", paramLabel = "ADDRESSES", defaultValue = "65536",
            description = "COLLATERAL: judge only dumps that newly block at least this many IPv4 addresses (default: ${DEFAULT-VALUE})")
    long collateralMinAddresses;

    @Option(names = "--flapping-window", paramLabel = "DURATION", defaultValue = "72h", converter = DurationConverter.class,
            description = "FLAPPING: a LARGE_RANGE-sized range stays blocked or unblocked once a dump more than this much registry time after its change still shows it so (default: ${DEFAULT-VALUE})")
    Duration flappingWindow;

    @Option(names = "--flapping-returns", paramLabel = "COUNT", defaultValue = "1",
            description = "FLAPPING: times a range is blocked again without having stayed unblocked before it is flapping; then one FLAPPING alert and no LARGE_RANGE/UNBLOCKED for it until it stays (default: ${DEFAULT-VALUE})")
    int flappingReturns;

    AlertRules rules() {
        try {
            return new AlertRules(largeRangeIpv4, largeRangeIpv6Prefix, surgeThreshold, surgeWindow, stallAfter,
                    collateralShare, collateralMinAddresses, flappingWindow, flappingReturns);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }
}
