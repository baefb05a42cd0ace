package io.github.blockwatch.registry;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A validated CIDR block: an address family, the block's first address and its prefix length. Single
 * addresses are /32 (IPv4) or /128 (IPv6) blocks. Its {@link #toString()} is the canonical text used as
 * a key everywhere ({@code 52.58.0.0/15}, {@code 1.2.3.4/32}, {@code 2a03:2880::/32}).
 *
 * <p>Parsing is strict (plain dotted quads and standard IPv6 text, optional {@code /prefix}); a block
 * written with host bits set ({@code 10.1.2.3/8}) means its whole prefix block, as {@code iprange} reads it.
 * Parsing and canonical text come from the IPAddress library, which gets the many IPv6 spellings right.
 */
public final class Cidr implements Comparable<Cidr> {
    private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowMask(false)
            .allowSingleSegment(false)
            .allowWildcardedSeparator(false)
            .setRangeOptions(IPAddressStringParameters.RangeParameters.NO_RANGE)
            .getIPv4AddressParametersBuilder()
            .allow_inet_aton(false)
            .allowLeadingZeros(true)
            .getParentBuilder()
            .getIPv6AddressParametersBuilder()
            .allowMixed(true)
            .allowZone(false)
            .getParentBuilder()
            .toParams();

    private final IpFamily family;
    private final long ipv4First; // an IPv4 block's first address; 0 for IPv6
    private final int prefixLength;
    // Made on first use, like the text: a dump's IPv4 blocks are compared and printed, rarely asked for a BigInteger.
    private BigInteger first;
    private String text; // canonical text, made on first use: parsing a dump rarely needs it for every block

    private Cidr(IpFamily family, BigInteger first, int prefixLength) {
        this.family = family;
        this.ipv4First = family == IpFamily.IPV4 ? first.longValue() : 0;
        this.first = first;
        this.prefixLength = prefixLength;
    }

    private Cidr(long ipv4First, int prefixLength) {
        this.family = IpFamily.IPV4;
        this.ipv4First = ipv4First;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses an address ({@code 1.2.3.4}) or a block ({@code 1.2.3.0/24}).
     *
     * @throws InvalidAddressException with a one-line reason when the text is not one
     */
    public static Cidr parse(String text) throws InvalidAddressException {
        return parse(text, 0, text.length());
    }

    /**
     * Parses {@code text[from, to)} as {@link #parse(String)} parses that substring, without making it: a
     * dump.csv row lists its addresses in one field.
     */
    static Cidr parse(String text, int from, int to) throws InvalidAddressException {
        // The same bounds as String.strip(): no whitespace character lies outside the BMP.
        int start = from;
        int end = to;
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            throw new InvalidAddressException("empty address");
        }
        Cidr plain = parsePlainIpv4(text, start, end);
        return plain != null ? plain : parseWithLibrary(text.substring(start, end));
    }

    /** Any address or block the IPAddress library reads under the strict options; package-private for tests. */
    static Cidr parseWithLibrary(String trimmed) throws InvalidAddressException {
        IPAddress address;
        try {
            address = new IPAddressString(trimmed, STRICT).toAddress();
        } catch (AddressStringException e) {
            throw new InvalidAddressException("invalid address '" + abbreviate(trimmed) + "'");
        }
        if (address == null) {
            // A prefix alone ("/24") is a valid IPAddressString with no address: toAddress() gives null.
            throw new InvalidAddressException("invalid address '" + abbreviate(trimmed) + "'");
        }
        if (address.isMultiple() && !address.isPrefixed()) {
            throw new InvalidAddressException("not a CIDR block '" + abbreviate(trimmed) + "'");
        }
        IPAddress block = address.isPrefixed() ? address.toPrefixBlock() : address.withoutPrefixLength();
        int bits = block.getBitCount();
        int prefix = block.isPrefixed() ? block.getPrefixLength() : bits;
        IpFamily family = block.isIPv4() ? IpFamily.IPV4 : IpFamily.IPV6;
        BigInteger first = block.getLower().getValue();
        return of(family, first, prefix);
    }

    /**
     * The registry is almost all plain dotted quads; reading them by hand is several times faster than the
     * general parser. Returns null for anything else (IPv6, out-of-range octets or prefixes, odd forms),
     * which the library then parses or rejects with its reason, so both paths accept the same texts.
     */
    static Cidr parsePlainIpv4(String text) {
        return parsePlainIpv4(text, 0, text.length());
    }

    /** As {@link #parsePlainIpv4(String)} on {@code text[from, end)}. */
    private static Cidr parsePlainIpv4(String text, int from, int end) {
        long address = 0;
        int octets = 0;
        int i = from;
        while (i < end && octets < 4) {
            int start = i;
            int value = 0;
            while (i < end && i - start < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + (text.charAt(i++) - '0');
            }
            if (i == start || value > 255) {
                return null;
            }
            address = (address << 8) | value;
            octets++;
            if (octets < 4) {
                if (i >= end || text.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        if (octets != 4) {
            return null;
        }
        int prefix = 32;
        if (i < end) {
            if (text.charAt(i) != '/' || i + 1 == end || end - i - 1 > 2) {
                return null;
            }
            prefix = 0;
            for (int j = i + 1; j < end; j++) {
                char c = text.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                prefix = prefix * 10 + (c - '0');
            }
            if (prefix > 32) {
                return null;
            }
        }
        return new Cidr(address & ipv4NetworkMask(prefix), prefix);
    }

    /**
     * As {@link #parsePlainIpv4(String)} on the single-byte text {@code bytes[from, end)} (ASCII digits, dots
     * and slash mean the same in cp1251): a dump read as bytes parses its addresses without decoding them.
     * A copy of the loop rather than one loop over a {@code CharSequence} view: {@code count} runs with the
     * quick JIT only, which does not inline an interface call made for every character. CsvRangeReaderTest
     * checks that the two agree on random near-addresses.
     */
    static Cidr parsePlainIpv4(byte[] text, int from, int end) {
        long address = 0;
        int octets = 0;
        int i = from;
        while (i < end && octets < 4) {
            int start = i;
            int value = 0;
            while (i < end && i - start < 3 && text[i] >= '0' && text[i] <= '9') {
                value = value * 10 + (text[i++] - '0');
            }
            if (i == start || value > 255) {
                return null;
            }
            address = (address << 8) | value;
            octets++;
            if (octets < 4) {
                if (i >= end || text[i] != '.') {
                    return null;
                }
                i++;
            }
        }
        if (octets != 4) {
            return null;
        }
        int prefix = 32;
        if (i < end) {
            if (text[i] != '/' || i + 1 == end || end - i - 1 > 2) {
                return null;
            }
            prefix = 0;
            for (int j = i + 1; j < end; j++) {
                byte c = text[j];
                if (c < '0' || c > '9') {
                    return null;
                }
                prefix = prefix * 10 + (c - '0');
            }
            if (prefix > 32) {
                return null;
            }
        }
        return new Cidr(address & ipv4NetworkMask(prefix), prefix);
    }

    /** The block of {@code prefixLength} bits that starts at {@code first} (host bits must be zero). */
    public static Cidr of(IpFamily family, BigInteger first, int prefixLength) {
        BigInteger hostMask = hostMask(family, prefixLength);
        if (first.and(hostMask).signum() != 0 || first.signum() < 0 || first.bitLength() > family.bits()) {
            throw new IllegalArgumentException(first + " is not the start of a /" + prefixLength);
        }
        return new Cidr(family, first, prefixLength);
    }

    /**
     * The block of {@code prefixLength} bits that contains this block's first address: this block itself, or
     * one that contains it when the prefix is shorter. (An address lookup asks for all 33 of an IPv4
     * address; for IPv4 this needs no {@code BigInteger}.)
     */
    public Cidr enclosing(int prefixLength) {
        if (family == IpFamily.IPV4 && prefixLength >= 0 && prefixLength <= 32) {
            return new Cidr(ipv4First & ipv4NetworkMask(prefixLength), prefixLength);
        }
        return new Cidr(family, first().andNot(hostMask(family, prefixLength)), prefixLength); // refuses a bad prefix
    }

    /** The host bits of a /{@code prefixLength} of {@code family}; refuses a prefix the family cannot have. */
    private static BigInteger hostMask(IpFamily family, int prefixLength) {
        if (prefixLength < 0 || prefixLength > family.bits()) {
            throw new IllegalArgumentException("prefix /" + prefixLength + " out of range for " + family);
        }
        return BigInteger.ONE.shiftLeft(family.bits() - prefixLength).subtract(BigInteger.ONE);
    }

    /** The network bits of an IPv4 /{@code prefix} (0 to 32) as an unsigned 32-bit number. */
    private static long ipv4NetworkMask(int prefix) {
        return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }

    /** Canonical text of one address of this family ({@code 1.2.3.4}, {@code 2a03:2880::}). */
    public static String formatAddress(IpFamily family, BigInteger value) {
        if (family == IpFamily.IPV4) {
            return formatIpv4(value.longValue());
        }
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[16];
        int copy = Math.min(raw.length, 16);
        System.arraycopy(raw, raw.length - copy, bytes, 16 - copy, copy);
        return new inet.ipaddr.ipv6.IPv6Address(bytes).toCanonicalString();
    }

    private static String formatIpv4(long v) {
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    public IpFamily family() {
        return family;
    }

    public int prefixLength() {
        return prefixLength;
    }

    /** The block's first address as an unsigned number. */
    public BigInteger first() {
        BigInteger value = first;
        if (value == null) {
            value = BigInteger.valueOf(ipv4First);
            first = value;
        }
        return value;
    }

    /** An IPv4 block's first address, without the {@link BigInteger} of {@link #first()}. */
    long ipv4First() {
        if (family != IpFamily.IPV4) {
            throw new IllegalStateException("not an IPv4 block: " + this);
        }
        return ipv4First;
    }

    /** The block's last address as an unsigned number. */
    public BigInteger last() {
        return first().add(size()).subtract(BigInteger.ONE);
    }

    /** Number of addresses in the block: 2^(bits - prefix). */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(family.bits() - prefixLength);
    }

    /** True for a single address (/32, /128). */
    public boolean isSingleAddress() {
        return prefixLength == family.bits();
    }

    public String firstAddress() {
        return family == IpFamily.IPV4 ? formatIpv4(ipv4First) : formatAddress(family, first);
    }

    public String lastAddress() {
        return formatAddress(family, last());
    }

    @Override
    public int compareTo(Cidr other) {
        int byFamily = family.compareTo(other.family);
        if (byFamily != 0) {
            return byFamily;
        }
        int byStart = family == IpFamily.IPV4 ? Long.compare(ipv4First, other.ipv4First) : first.compareTo(other.first);
        return byStart != 0 ? byStart : Integer.compare(prefixLength, other.prefixLength);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.family == family && c.prefixLength == prefixLength
                && (family == IpFamily.IPV4 ? c.ipv4First == ipv4First : c.first.equals(first));
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, first(), prefixLength);
    }

    /** Canonical CIDR text, the key of {@code blockwatch.blocked.ranges}. */
    @Override
    public String toString() {
        String cached = text;
        if (cached == null) {
            long v = ipv4First;
            cached = family == IpFamily.IPV4
                    ? ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff) + "/" + prefixLength
                    : formatAddress(family, first) + "/" + prefixLength;
            text = cached;
        }
        return cached;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
