package io.github.blockwatch.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Tells a dump's format from its first decompressed bytes, so that a file's name (or a missing
 * {@code .gz}) never decides how it is read. Only ASCII marks are looked at ({@code Updated:}, {@code <},
 * {@code ;}, {@code #}, {@code [}), which cp1251, windows-1251 and UTF-8 all spell the same way.
 */
final class FormatSniffer {
    private static final String CSV_MARK = "Updated:";
    private static final char BOM = '\uFEFF';

    private FormatSniffer() {}

    /**
     * @param head   the first bytes of the decompressed dump
     * @param source the dump's name, for messages
     * @throws IOException when the dump is empty, or looks like a CSV without its header line
     */
    static DumpFormat detect(byte[] head, String source) throws IOException {
        if (head.length == 0) {
            throw new IOException(source + ": dump is empty (0 bytes)");
        }
        // No registry format has a NUL byte (cp1251, UTF-8 text, XML); read as a list, a file of zeros was
        // "published" with every line rejected.
        for (byte b : head) {
            if (b == 0) {
                throw new IOException(source + ": binary data (a NUL byte in its first 64 KiB), not a registry dump "
                        + "or an address list; refused");
            }
        }
        // ISO-8859-1 maps every byte to one char: safe for looking at ASCII marks in any of our encodings.
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (text.startsWith(CSV_MARK)) {
            return DumpFormat.CSV;
        }
        if (firstNonBlank(text) == '<') {
            return DumpFormat.XML;
        }
        if (firstNonBlank(text) == '[') {
            return DumpFormat.LIST; // a JSON array of addresses (ListReaders tells it from a plain list)
        }
        if (firstNonBlank(text) == '{') {
            // Read as a list its one line would be rejected, and the diff would remove every entry.
            throw new IOException(source + ": JSON that is not an array of addresses (it starts with '{'); "
                    + "refused");
        }
        if (anyDataLineHasSemicolon(text)) {
            throw new IOException(source + ": looks like dump.csv but has no 'Updated:' first line");
        }
        if (text.contains("<?xml") || text.contains("<reg:register")) {
            // Read as a CIDR list every line would be rejected, and the diff would remove every entry.
            throw new IOException(source + ": looks like dump.xml but has text before its first '<'");
        }
        return DumpFormat.LIST;
    }

    /**
     * Whether a list (as {@link #detect} tells it) is a JSON array of address strings rather than one address a
     * line: its first non-blank character is {@code [}, which starts no address, CIDR block or comment.
     */
    static boolean isJsonArray(byte[] head) {
        return firstNonBlank(new String(head, StandardCharsets.ISO_8859_1)) == '[';
    }

    /**
     * Whether a file found in a directory starts like a dump, so that a directory of dumps may also hold a
     * README, a git bundle or a checksum list: an {@code Updated:} first line (dump.csv), a first non-blank
     * {@code <} (dump.xml), or a first line that is neither blank nor a {@code #} comment and starts with an
     * IP address or CIDR block (a CIDR list, or a dump.csv that lost its header line, which {@link #detect}
     * then refuses). Anything else, an empty file included, is not a dump.
     *
     * @param head the first bytes of the decompressed file
     */
    static boolean looksLikeDump(byte[] head) {
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (text.startsWith(CSV_MARK) || firstNonBlank(text) == '<' || firstNonBlank(text) == '[') {
            return true;
        }
        for (String line : text.split("\n", -1)) {
            String data = CidrListReader.withoutComment(line).strip();
            if (!data.isEmpty()) {
                return startsWithAddress(data);
            }
        }
        return false;
    }

    private static boolean startsWithAddress(String line) {
        String first = line.split("[\\s;|,]", 2)[0];
        try {
            Cidr.parse(first);
            return true;
        } catch (InvalidAddressException | RuntimeException e) {
            return false;
        }
    }

    private static char firstNonBlank(String text) {
        // A UTF-8 byte order mark reads as three Latin-1 chars; skip it like whitespace.
        String body = text.startsWith("\u00EF\u00BB\u00BF") ? text.substring(3) : text;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (!Character.isWhitespace(c) && c != BOM) {
                return c;
            }
        }
        return 0;
    }

    /**
     * A CIDR list never holds a {@code ;}, a dump.csv row always does. Every line of the peek is looked at,
     * not just the first: a dump.csv whose {@code Updated:} line is damaged has that line first, and read
     * as a list it would be published with every row rejected, so the diff would remove every entry.
     */
    private static boolean anyDataLineHasSemicolon(String text) {
        for (String line : text.split("\n", -1)) {
            if (CidrListReader.withoutComment(line).indexOf(';') >= 0) {
                return true;
            }
        }
        return false;
    }
}
