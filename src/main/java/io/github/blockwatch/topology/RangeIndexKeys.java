package io.github.blockwatch.topology;

import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.IpFamily;
import java.math.BigInteger;
import java.time.Instant;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the {@value StoreNames#BLOCKED_RANGES_INDEX} store, whose byte order is the order the API lists
 * ranges in, so a listing is one range scan that reads only what it returns. Two regions, told apart by
 * their first byte:
 * <ul>
 *   <li>{@code 'A'}, by address: IP version byte, first address (4 or 16 bytes, unsigned big-endian),
 *       prefix length. Byte order is {@link Cidr#compareTo} order: family, first address, prefix length.</li>
 *   <li>{@code 'N'}, newest first: the range's first-blocked time as 8 bytes that sort newest first,
 *       {@code 255 - host bits} (largest range first), IP version byte, first address. One dump's newly
 *       blocked ranges are one run of keys, largest first.</li>
 * </ul>
 * Values are empty: the range's state is read from {@value StoreNames#BLOCKED_RANGES} by its CIDR.
 */
public final class RangeIndexKeys {
    static final byte BY_ADDRESS = 'A';
    static final byte NEWEST_FIRST = 'N';
    private static final int TIME_BYTES = Long.BYTES;

    private RangeIndexKeys() {}

    /** The key of {@code cidr} in the by-address region. */
    public static Bytes byAddress(Cidr cidr) {
        return byAddress(cidr.family(), cidr.first(), cidr.prefixLength());
    }

    /**
     * The smallest key of a range inside {@code outer}: every range inside it has a key from this one to
     * {@link #lastInside(Cidr)} (a block that starts inside {@code outer} with a shorter prefix cannot
     * exist: it would start on a boundary of its own, larger size).
     */
    public static Bytes firstInside(Cidr outer) {
        return byAddress(outer);
    }

    /** The largest key a range inside {@code outer} can have: its last address as a single-address block. */
    public static Bytes lastInside(Cidr outer) {
        return byAddress(outer.family(), outer.last(), outer.family().bits());
    }

    /** The one-byte prefix of the newest-first region, for a prefix scan. */
    public static Bytes newestFirstRegion() {
        return Bytes.wrap(new byte[] {NEWEST_FIRST});
    }

    /** The key of {@code cidr}, first blocked at {@code firstBlocked}, in the newest-first region. */
    public static Bytes newestFirst(Instant firstBlocked, Cidr cidr) {
        IpFamily family = cidr.family();
        byte[] key = new byte[1 + TIME_BYTES + 1 + 1 + family.bytes()];
        writeTime(firstBlocked, key);
        key[1 + TIME_BYTES] = (byte) (255 - (family.bits() - cidr.prefixLength()));
        key[2 + TIME_BYTES] = (byte) family.version();
        writeAddress(cidr.first(), key, 3 + TIME_BYTES, family.bytes());
        return Bytes.wrap(key);
    }

    /**
     * The prefix of the newest-first keys of the ranges first blocked at {@code firstBlocked}, for a prefix scan
     * of one dump's newly blocked ranges (largest first).
     */
    public static Bytes newestFirstAt(Instant firstBlocked) {
        byte[] prefix = new byte[1 + TIME_BYTES];
        writeTime(firstBlocked, prefix);
        return Bytes.wrap(prefix);
    }

    private static void writeTime(Instant firstBlocked, byte[] key) {
        key[0] = NEWEST_FIRST;
        // Flipping the sign bit makes signed order unsigned byte order; inverting it makes it newest first.
        long newestFirst = ~(firstBlocked.toEpochMilli() ^ Long.MIN_VALUE);
        for (int i = 0; i < TIME_BYTES; i++) {
            key[1 + i] = (byte) (newestFirst >>> (8 * (TIME_BYTES - 1 - i)));
        }
    }

    /** The range a key of either region stands for. */
    public static Cidr cidr(Bytes key) {
        byte[] raw = key.get();
        if (raw[0] == BY_ADDRESS) {
            IpFamily family = IpFamily.ofVersion(raw[1]);
            return Cidr.of(family, readAddress(raw, 2, family.bytes()), raw[raw.length - 1] & 0xff);
        }
        if (raw[0] == NEWEST_FIRST) {
            int hostBits = 255 - (raw[1 + TIME_BYTES] & 0xff);
            IpFamily family = IpFamily.ofVersion(raw[2 + TIME_BYTES]);
            return Cidr.of(family, readAddress(raw, 3 + TIME_BYTES, family.bytes()), family.bits() - hostBits);
        }
        throw new IllegalArgumentException("not a range index key: " + key);
    }

    /** The first-blocked time of a newest-first key. */
    public static Instant firstBlocked(Bytes key) {
        byte[] raw = key.get();
        if (raw[0] != NEWEST_FIRST) {
            throw new IllegalArgumentException("not a newest-first key: " + key);
        }
        long newestFirst = 0;
        for (int i = 0; i < TIME_BYTES; i++) {
            newestFirst = (newestFirst << 8) | (raw[1 + i] & 0xff);
        }
        return Instant.ofEpochMilli(~newestFirst ^ Long.MIN_VALUE);
    }

    /** The one-byte prefix of the by-address region, for a prefix scan. */
    public static Bytes byAddressRegion() {
        return Bytes.wrap(new byte[] {BY_ADDRESS});
    }

    private static Bytes byAddress(IpFamily family, BigInteger first, int prefixLength) {
        byte[] key = new byte[1 + 1 + family.bytes() + 1];
        key[0] = BY_ADDRESS;
        key[1] = (byte) family.version();
        writeAddress(first, key, 2, family.bytes());
        key[key.length - 1] = (byte) prefixLength;
        return Bytes.wrap(key);
    }

    private static void writeAddress(BigInteger address, byte[] key, int at, int width) {
        byte[] raw = address.toByteArray(); // big-endian, maybe with a leading sign byte, maybe shorter
        int copy = Math.min(raw.length, width);
        System.arraycopy(raw, raw.length - copy, key, at + width - copy, copy);
    }

    private static BigInteger readAddress(byte[] key, int at, int width) {
        byte[] magnitude = new byte[width];
        System.arraycopy(key, at, magnitude, 0, width);
        return new BigInteger(1, magnitude);
    }
}
