package io.github.blockwatch.topology;

import java.math.BigInteger;
import java.time.Duration;

/**
 * Alert thresholds (all configurable from the command line).
 *
 * @param largeRangeIpv4   LARGE_RANGE / UNBLOCKED: an IPv4 range of at least this many addresses (65,536 = /16)
 * @param largeRangeIpv6Prefix the same for IPv6: a block of this prefix length or shorter (/32)
 * @param surgeThreshold   SURGE: newly blocked IPv4 addresses within the window that trigger an alert
 * @param surgeWindow      SURGE: the sliding window, in registry time
 * @param stallAfter       FEED_STALLED: no new dump for this long (wall clock), or this much registry time
 *                         between two dumps
 * @param collateralShare  COLLATERAL: the share of a dump's newly blocked IPv4 addresses on cloud or hosting
 *                         space above which it alerts (0.5 = more than half)
 * @param collateralMinAddresses COLLATERAL: the least newly blocked IPv4 addresses a dump must have to be judged
 * @param flappingWindow   FLAPPING: a range of LARGE_RANGE size stays blocked (or unblocked) once a dump more than
 *                         this much registry time after its last change still shows it so; blocked again before
 *                         it stayed unblocked, it returns
 * @param flappingReturns  FLAPPING: the returns, without staying in between, that make a range flapping
 */
public record AlertRules(long largeRangeIpv4, int largeRangeIpv6Prefix, long surgeThreshold, Duration surgeWindow,
                         Duration stallAfter, double collateralShare, long collateralMinAddresses,
                         Duration flappingWindow, int flappingReturns) {
    public static final long DEFAULT_LARGE_RANGE_IPV4 = 65_536;
    public static final int DEFAULT_LARGE_RANGE_IPV6_PREFIX = 32;
    public static final long DEFAULT_SURGE_THRESHOLD = 262_144;
    public static final Duration DEFAULT_SURGE_WINDOW = Duration.ofHours(24);
    public static final Duration DEFAULT_STALL_AFTER = Duration.ofHours(6);
    public static final double DEFAULT_COLLATERAL_SHARE = 0.5;
    public static final long DEFAULT_COLLATERAL_MIN_ADDRESSES = 65_536;
    /** Three days: daily lists (antifilter) re-resolve domains every day, so a range may be away for a day or two. */
    public static final Duration DEFAULT_FLAPPING_WINDOW = Duration.ofHours(72);
    public static final int DEFAULT_FLAPPING_RETURNS = 1;

    public AlertRules {
        if (largeRangeIpv4 < 1 || surgeThreshold < 1 || surgeWindow.isNegative() || surgeWindow.isZero()) {
            throw new IllegalArgumentException("alert thresholds and window must be positive");
        }
        if (stallAfter.isNegative() || stallAfter.isZero()) {
            throw new IllegalArgumentException("the stall time must be positive");
        }
        if (largeRangeIpv6Prefix < 0 || largeRangeIpv6Prefix > 128) {
            throw new IllegalArgumentException("IPv6 prefix must be 0..128");
        }
        if (!(collateralShare >= 0 && collateralShare < 1) || collateralMinAddresses < 1) {
            throw new IllegalArgumentException("collateral share must be in [0, 1) and its minimum positive");
        }
        if (flappingWindow.isNegative() || flappingWindow.isZero() || flappingReturns < 1) {
            throw new IllegalArgumentException("the flapping window and returns must be positive");
        }
    }

    /** Without the FLAPPING settings: their defaults. */
    public AlertRules(long largeRangeIpv4, int largeRangeIpv6Prefix, long surgeThreshold, Duration surgeWindow,
                      Duration stallAfter, double collateralShare, long collateralMinAddresses) {
        this(largeRangeIpv4, largeRangeIpv6Prefix, surgeThreshold, surgeWindow, stallAfter, collateralShare,
                collateralMinAddresses, DEFAULT_FLAPPING_WINDOW, DEFAULT_FLAPPING_RETURNS);
    }

    /** The range and surge rules; stall, COLLATERAL and FLAPPING with their defaults. */
    public AlertRules(long largeRangeIpv4, int largeRangeIpv6Prefix, long surgeThreshold, Duration surgeWindow) {
        this(largeRangeIpv4, largeRangeIpv6Prefix, surgeThreshold, surgeWindow, DEFAULT_STALL_AFTER,
                DEFAULT_COLLATERAL_SHARE, DEFAULT_COLLATERAL_MIN_ADDRESSES);
    }

    public static AlertRules defaults() {
        return new AlertRules(DEFAULT_LARGE_RANGE_IPV4, DEFAULT_LARGE_RANGE_IPV6_PREFIX,
                DEFAULT_SURGE_THRESHOLD, DEFAULT_SURGE_WINDOW);
    }

    public AlertRules withStallAfter(Duration stallAfter) {
        return new AlertRules(largeRangeIpv4, largeRangeIpv6Prefix, surgeThreshold, surgeWindow, stallAfter,
                collateralShare, collateralMinAddresses, flappingWindow, flappingReturns);
    }

    public AlertRules withCollateral(double share, long minAddresses) {
        return new AlertRules(largeRangeIpv4, largeRangeIpv6Prefix, surgeThreshold, surgeWindow, stallAfter,
                share, minAddresses, flappingWindow, flappingReturns);
    }

    public AlertRules withFlapping(Duration window, int returns) {
        return new AlertRules(largeRangeIpv4, largeRangeIpv6Prefix, surgeThreshold, surgeWindow, stallAfter,
                collateralShare, collateralMinAddresses, window, returns);
    }

    public AlertRules withLargeRange(long ipv4Addresses) {
        return new AlertRules(ipv4Addresses, largeRangeIpv6Prefix, surgeThreshold, surgeWindow, stallAfter,
                collateralShare, collateralMinAddresses, flappingWindow, flappingReturns);
    }

    /** The LARGE_RANGE size threshold for a family, in addresses. */
    public BigInteger largeRangeSize(int family) {
        return family == 4 ? BigInteger.valueOf(largeRangeIpv4) : BigInteger.ONE.shiftLeft(128 - largeRangeIpv6Prefix);
    }
}
