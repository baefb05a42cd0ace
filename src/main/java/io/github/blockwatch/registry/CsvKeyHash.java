package io.github.blockwatch.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The hash behind a dump.csv entry key, as {@link EntryKeys} defines it: SHA-256 over the UTF-8 bytes of
 * org, number, date, domains and URLs (each list joined with {@code |}), separated by U+001F, then U+001F
 * and the canonical ranges joined with {@code |} when there is no domain and no URL.
 *
 * <p>The text is fed to the digest piece by piece rather than built as one string first, and the digest
 * is reused: this runs once per row. Each piece is encoded on its own, which gives the same bytes as
 * encoding the whole text, because every piece is cut at a separator, never inside a surrogate pair.
 * One instance per reader; not thread-safe.
 */
final class CsvKeyHash {
    private static final byte SEPARATOR = 0x1F;
    private static final byte JOIN = '|';

    private final MessageDigest sha256;

    CsvKeyHash() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The first 64 bits (big-endian) of the key's SHA-256. */
    long hash(Decision decision, List<String> domains, List<String> urls, List<Cidr> ranges) {
        text(decision.org());
        sha256.update(SEPARATOR);
        text(decision.number());
        sha256.update(SEPARATOR);
        text(decision.date());
        sha256.update(SEPARATOR);
        joined(domains);
        sha256.update(SEPARATOR);
        joined(urls);
        if (domains.isEmpty() && urls.isEmpty()) {
            sha256.update(SEPARATOR);
            for (int i = 0; i < ranges.size(); i++) {
                if (i > 0) {
                    sha256.update(JOIN);
                }
                text(ranges.get(i).toString());
            }
        }
        byte[] digest = sha256.digest();
        long hash = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            hash = (hash << 8) | (digest[i] & 0xff);
        }
        return hash;
    }

    private void joined(List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                sha256.update(JOIN);
            }
            text(items.get(i));
        }
    }

    private void text(String text) {
        sha256.update(text.getBytes(StandardCharsets.UTF_8));
    }
}
