package io.github.blockwatch.ingest;

import java.time.Duration;

/**
 * What a download from a mirror may cost: an endless body is cut at {@code maxBytes}, a body that trickles
 * (one byte a second) at {@code maxTime}; a redirect from a public mirror to a loopback or private address
 * is not followed unless {@code allowPrivateRedirects} (a mirror, or whoever took its name, must not be able
 * to make ingest read from services on this machine or its network).
 *
 * @param maxBytes              the body's size ({@code --max-download-size})
 * @param maxTime               one attempt, from the request to the body's last byte ({@code --fetch-timeout})
 * @param allowPrivateRedirects follow redirects to loopback, link-local and private addresses too
 */
public record FetchLimits(long maxBytes, Duration maxTime, boolean allowPrivateRedirects) {
    public static final long DEFAULT_MAX_BYTES = 1024L * 1024 * 1024;
    public static final Duration DEFAULT_MAX_TIME = Duration.ofMinutes(10);
    public static final FetchLimits DEFAULT = new FetchLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_TIME, false);

    public FetchLimits {
        if (maxBytes <= 0 || maxTime.isNegative() || maxTime.isZero()) {
            throw new IllegalArgumentException("--max-download-size and --fetch-timeout must be positive");
        }
    }
}
