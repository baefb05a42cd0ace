package io.github.blockwatch.registry;

/** A registry field that is not an IPv4/IPv6 address or CIDR block; the message says why, in one line. */
public class InvalidAddressException extends Exception {
    public InvalidAddressException(String message) {
        super(message);
    }
}
