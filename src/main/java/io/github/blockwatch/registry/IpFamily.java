package io.github.blockwatch.registry;

/** IPv4 or IPv6: counted and reported apart, since their address spaces differ by 2^96. */
public enum IpFamily {
    IPV4(4, 32),
    IPV6(6, 128);

    private final int version;
    private final int bits;

    IpFamily(int version, int bits) {
        this.version = version;
        this.bits = bits;
    }

    /** 4 or 6. */
    public int version() {
        return version;
    }

    /** Address width in bits. */
    public int bits() {
        return bits;
    }

    /** Address width in bytes. */
    public int bytes() {
        return bits / 8;
    }

    public static IpFamily ofVersion(int version) {
        return switch (version) {
            case 4 -> IPV4;
            case 6 -> IPV6;
            default -> throw new IllegalArgumentException("no IP version " + version);
        };
    }
}
