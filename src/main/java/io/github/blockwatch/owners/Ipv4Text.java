package io.github.blockwatch.owners;

/** IPv4 dotted quads to unsigned numbers and back, without a parser library on the hot path. */
public final class Ipv4Text {
    private Ipv4Text() {}

    public static String format(long v) {
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    /** @throws IllegalArgumentException if the text is not a plain dotted quad */
    public static long parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            value = (value << 8) | octet;
        }
        return value;
    }
}
