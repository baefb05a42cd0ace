package io.github.blockwatch.ingest;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Which redirects a download follows: to http or https only, never from HTTPS down to HTTP, and not from a
 * public mirror to a loopback, link-local or private address ({@link PrivateAddresses}) unless allowed. A
 * mirror (or whoever took over its name) must not be able to make ingest fetch from this machine's or its
 * network's services, such as a cloud metadata endpoint or a local admin page. When the URL the operator
 * gave is itself private (a mirror on the LAN), its redirects may stay there.
 */
final class RedirectRule {
    private RedirectRule() {}

    /**
     * @param original the URL given to ingest
     * @param from     the URL that answered with the redirect
     * @param to       where it leads (resolved against {@code from})
     * @throws FetchRefusedException when it must not be followed
     * @throws IOException           when a host name cannot be resolved
     */
    static void check(URI original, URI from, URI to, boolean allowPrivate) throws IOException {
        String scheme = to.getScheme() == null ? "" : to.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || to.getHost() == null) {
            throw new FetchRefusedException(original + ": redirected to " + to + ", not an http or https URL; refused");
        }
        if (from.getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
            throw new FetchRefusedException(original + ": redirected from HTTPS to plain HTTP (" + to + "); refused");
        }
        if (allowPrivate || PrivateAddresses.of(original.getHost()).isPresent()) {
            return;
        }
        Optional<String> local = PrivateAddresses.of(to.getHost());
        if (local.isPresent()) {
            throw new FetchRefusedException(original + ": redirected to " + to + " (" + local.get() + "); refused: a mirror "
                    + "must not send ingest to this machine or its network (--allow-private-redirects allows it)");
        }
    }
}
