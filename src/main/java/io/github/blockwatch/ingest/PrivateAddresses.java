package io.github.blockwatch.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Which host names lead to this machine or a private network: loopback, link-local, private, unique-local. */
final class PrivateAddresses {
    private PrivateAddresses() {}

    /** The first private address {@code host} resolves to, described ("127.0.0.1, a loopback address"), if any. */
    static Optional<String> of(String host) throws UnknownHostException {
        for (InetAddress address : InetAddress.getAllByName(host)) {
            String kind = kind(address);
            if (kind != null) {
                return Optional.of(address.getHostAddress() + ", " + kind);
            }
        }
        return Optional.empty();
    }

    private static String kind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isAnyLocalAddress()) {
            return "this machine's wildcard address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address"; // 169.254.169.254: the cloud metadata service
        }
        if (address.isSiteLocalAddress()) {
            return "a private address";
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 16 && (bytes[0] & 0xFE) == 0xFC) {
            return "a private (unique-local) address";
        }
        if (bytes.length == 4 && (bytes[0] & 0xFF) == 100 && (bytes[1] & 0xC0) == 64) {
            return "a shared (carrier-grade NAT) address";
        }
        return null;
    }
}
