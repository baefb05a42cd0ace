package io.github.blockwatch.registry;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * The hash behind a dump.csv entry key, as {@link EntryKeys} defines it: SHA-256 over the UTF-8 bytes of
 * org, number, date, domains and URLs (each list joined with {@code |}), separated by U+001F, then U+001F
 * and the canonical ranges joined with {@code |} when there is no domain and no URL.
 *
 * <p>This runs once per row, so the text is never built as a string: it is encoded straight into one
 * reused byte buffer and hashed by one reused digest in a single update. One instance per reader; not
 * thread-safe.
 */
final class CsvKeyHash {
    private static final byte SEPARATOR = 0x1F;
    private static final byte JOIN = '|';

    private final MessageDigest sha256;
    private final byte[] digest = new byte[32];
    private byte[] text = new byte[512];
    private int length;

    CsvKeyHash() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The first 64 bits (big-endian) of the key's SHA-256. */
    long hash(Decision decision, List<String> domains, List<String> urls, List<Cidr> ranges) {
        length = 0;
        append(decision.org());
        append(SEPARATOR);
        append(decision.number());
        append(SEPARATOR);
        append(decision.date());
        append(SEPARATOR);
        appendJoined(domains);
        append(SEPARATOR);
        appendJoined(urls);
        if (domains.isEmpty() && urls.isEmpty()) {
            append(SEPARATOR);
            for (int i = 0; i < ranges.size(); i++) {
                if (i > 0) {
                    append(JOIN);
                }
                append(ranges.get(i).toString());
            }
        }
        sha256.update(text, 0, length);
        try {
            sha256.digest(digest, 0, digest.length);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 is 32 bytes", e);
        }
        long hash = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            hash = (hash << 8) | (digest[i] & 0xff);
        }
        return hash;
    }

    private void appendJoined(List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                append(JOIN);
            }
            append(items.get(i));
        }
    }

    private void append(byte b) {
        ensureRoom(1);
        text[length++] = b;
    }

    /**
     * Appends the bytes {@code s.getBytes(UTF_8)} gives, without making that array: a surrogate pair is one
     * 4-byte sequence, an unpaired surrogate becomes {@code ?} as the JDK's encoder replaces it. (Each
     * piece is cut at a separator, never inside a pair, so encoding piece by piece equals encoding the
     * whole text.)
     */
    private void append(String s) {
        int n = s.length();
        ensureRoom(3 * n); // at most 3 bytes per char; a 4-byte sequence takes two chars
        byte[] out = text;
        int at = length;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[at++] = (byte) c;
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                out[at++] = (byte) (0xE0 | (c >> 12));
                out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, s.charAt(++i));
                out[at++] = (byte) (0xF0 | (codePoint >> 18));
                out[at++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
                out[at++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (codePoint & 0x3F));
            } else {
                out[at++] = '?';
            }
        }
        length = at;
    }

    private void ensureRoom(int bytes) {
        if (length + bytes > text.length) {
            text = Arrays.copyOf(text, Math.max(2 * text.length, length + bytes));
        }
    }
}
