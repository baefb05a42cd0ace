package io.github.blockwatch.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses requests whose {@code Host} names a host this server was not configured as, so that a web page
 * cannot reach an API on 127.0.0.1 by DNS rebinding: a browser tricked into sending the page's own
 * requests to 127.0.0.1 still sends the page's host name, which is not on the list.
 *
 * <p>Always accepted: the loopback names, any IP address written as such (a browser sends an address only
 * to a page served from that address) and the name other instances forward to. On a loopback interface
 * that is all, unless more names are configured; on any other interface every name is accepted unless a
 * list is configured, since the names people use to reach it cannot be known here.
 */
final class HostCheck {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "localhost.");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> allowed; // null: every name

    private HostCheck(Set<String> allowed) {
        this.allowed = allowed;
    }

    static HostCheck of(HttpEndpoint endpoint, ServeOptions options) {
        if (options.allowedHosts().contains("*") || (options.allowedHosts().isEmpty() && !isLoopback(endpoint.bind()))) {
            return new HostCheck(null);
        }
        Set<String> names = new HashSet<>(LOOPBACK_NAMES);
        names.addAll(options.allowedHosts());
        names.add(endpoint.advertised().host().toLowerCase(Locale.ROOT));
        return new HostCheck(names);
    }

    /** Refuses {@code host} (a {@code Host} header, null when the request has none) unless it is served here. */
    void check(String host) {
        if (host == null || allowed == null) {
            return; // HTTP/1.0 without Host: not a browser, so not a rebinding
        }
        String name = name(host);
        if (!allowed.contains(name) && !isAddress(name)) {
            throw new ApiException(403, "host '" + abbreviate(name) + "' is not served here (see --http-allowed-hosts)");
        }
    }

    /** The host name of a {@code Host} header, lower case, without its port; an IPv6 address keeps its brackets. */
    static String name(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    private static boolean isAddress(String name) {
        return IPV4.matcher(name).matches() || (name.startsWith("[") && name.endsWith("]"));
    }

    private static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
