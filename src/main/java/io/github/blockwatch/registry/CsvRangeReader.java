package io.github.blockwatch.registry;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.List;

/**
 * Reads a dump.csv for its addresses only: the rows, blocks and rejections of {@link CsvDumpReader}, from
 * the bytes. cp1251 is one byte a character and its ASCII is ASCII, so lines, lengths, the {@code ;} and
 * {@code |} cuts and plain dotted quads are the same in bytes as in text: only the odd address (IPv6, a
 * typo) and a rejected row are decoded, and then read by the same code as the full parse. Counting a
 * million-row dump thus skips decoding 70 MB, a string per row and the row keys' SHA-256.
 */
final class CsvRangeReader implements RangeReader {
    private static final Charset CP1251 = Charset.forName("windows-1251");

    private final DumpInput input;
    private final ByteLineReader lines;
    private final DumpHeader header;

    CsvRangeReader(DumpInput input) throws IOException {
        this.input = input;
        CsvDumpReader.refuseUtf8(input);
        this.lines = new ByteLineReader(input.stream(), CsvDumpReader.MAX_ROW_CHARS, DumpReader.MAX_RAW_CHARS);
        String first = lines.next() ? decode(lines.text(), lines.start(), lines.end()) : "";
        this.header = new DumpHeader(input.source(), DumpFormat.CSV, CsvDumpReader.updatedTime(input.source(), first));
    }

    @Override
    public DumpHeader header() {
        return header;
    }

    @Override
    public RangeRow next() throws IOException {
        do {
            if (!lines.next()) {
                input.finish();
                return null;
            }
        } while (lines.length() == 0 && lines.terminated());
        if (lines.tooLong()) {
            return rejected(CsvDumpReader.TOO_LONG);
        }
        if (!lines.terminated()) {
            return rejected(CsvDumpReader.TRUNCATED);
        }
        byte[] row = lines.text();
        int end = lines.end();
        int afterIp = -1;
        int fields = 1;
        for (int i = lines.start(); i < end; i++) {
            if (row[i] == ';') {
                if (fields == 1) {
                    afterIp = i;
                }
                fields++;
            }
        }
        if (fields < CsvRowParser.FIELDS) {
            return rejected(CsvRowParser.fieldCountReason(fields));
        }
        int start = lines.start();
        if (indexOf(row, '|', start, afterIp) < 0) {
            // Most rows hold one plain address: no list to build, sort and copy.
            Cidr only = plainIpv4(row, start, afterIp);
            if (only != null) {
                return RangeRow.accepted(lines.number(), List.of(only));
            }
        }
        RangeListBuilder ranges = new RangeListBuilder();
        try {
            for (int i = start; i < afterIp; i++) {
                if (row[i] == '|') {
                    add(ranges, row, start, i);
                    start = i + 1;
                }
            }
            add(ranges, row, start, afterIp);
        } catch (InvalidAddressException e) {
            return rejected(e.getMessage());
        }
        return RangeRow.accepted(lines.number(), ranges.build());
    }

    /** One address of the IP field, as the full parse's {@link RangeListBuilder#add(String, int, int)} reads it. */
    private static void add(RangeListBuilder ranges, byte[] row, int from, int to) throws InvalidAddressException {
        Cidr plain = plainIpv4(row, from, to);
        if (plain != null) {
            ranges.add(plain);
        } else {
            ranges.add(decode(row, from, to)); // blank (ignored), IPv6 or invalid: the full parse's own code decides
        }
    }

    /** The plain dotted quad of {@code row[from, to)} less surrounding whitespace, or null for anything else. */
    private static Cidr plainIpv4(byte[] row, int from, int to) {
        int start = from;
        int end = to;
        while (start < end && isWhitespace(row[start])) {
            start++;
        }
        while (end > start && isWhitespace(row[end - 1])) {
            end--;
        }
        return start == end ? null : Cidr.parsePlainIpv4(row, start, end);
    }

    private static int indexOf(byte[] row, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (row[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@link Character#isWhitespace} of the byte's cp1251 character: only ASCII bytes decode to
     * whitespace (0xA0 is a no-break space, which Java does not count).
     */
    static boolean isWhitespace(byte b) {
        return b == ' ' || (b >= 0x09 && b <= 0x0d) || (b >= 0x1c && b <= 0x1f);
    }

    @Override
    public void close() throws IOException {
        input.close();
    }

    private RangeRow rejected(String reason) {
        String text = decode(lines.text(), lines.start(), lines.end());
        return RangeRow.of(ParsedRow.Rejected.of(lines.number(), text, lines.length(), reason));
    }

    private static String decode(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, CP1251);
    }
}
