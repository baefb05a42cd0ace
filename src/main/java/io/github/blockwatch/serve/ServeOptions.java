package io.github.blockwatch.serve;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What the HTTP server admits: the host names it answers for, how many alert streams it keeps open, how
 * often an idle stream is sent a heartbeat, and how many listing requests run at once.
 *
 * @param allowedHosts    extra names the {@code Host} header may carry (besides the loopback names and the
 *                        address other instances reach this one at); empty: every name when listening on a
 *                        non-loopback interface, none more on loopback; {@code *}: every name
 * @param maxStreams      open {@code /api/alerts/stream} connections; one more is answered 503
 * @param heartbeat       time after which an idle stream is sent a comment, which also finds clients gone
 * @param maxListings     {@code /api/ranges*} and {@code /api/decisions} requests served at once; the others
 *                        wait up to {@code listingWait} for a turn, then are answered 503
 * @param listingWait     how long a listing request waits for a turn
 */
public record ServeOptions(List<String> allowedHosts, int maxStreams, Duration heartbeat, int maxListings,
                           Duration listingWait) {
    public static final int DEFAULT_MAX_STREAMS = 100;
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    public static final int DEFAULT_MAX_LISTINGS = 4;

    public ServeOptions {
        allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        if (maxStreams < 1) {
            throw new IllegalArgumentException("at least one alert stream, not " + maxStreams);
        }
        if (maxListings < 1) {
            throw new IllegalArgumentException("at least one listing at a time, not " + maxListings);
        }
    }

    /** The defaults: loopback names only on loopback, 100 streams, a heartbeat every 15 s, 4 listings at once. */
    public static ServeOptions defaults() {
        return new ServeOptions(List.of(), DEFAULT_MAX_STREAMS, DEFAULT_HEARTBEAT, DEFAULT_MAX_LISTINGS, Duration.ofSeconds(1));
    }

    public ServeOptions withAllowedHosts(List<String> hosts) {
        return new ServeOptions(hosts, maxStreams, heartbeat, maxListings, listingWait);
    }

    public ServeOptions withMaxStreams(int streams) {
        return new ServeOptions(allowedHosts, streams, heartbeat, maxListings, listingWait);
    }

    public ServeOptions withHeartbeat(Duration interval) {
        return new ServeOptions(allowedHosts, maxStreams, interval, maxListings, listingWait);
    }

    public ServeOptions withMaxListings(int listings) {
        return new ServeOptions(allowedHosts, maxStreams, heartbeat, listings, listingWait);
    }
}
