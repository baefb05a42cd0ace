package io.github.blockwatch.registry;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads the public mirror's {@code dump.csv}: an {@code Updated: 2018-05-05 13:25:00 +0000} line, then
 * rows {@code IP | IP | CIDR;domain;URL;org;decision number;decision date} in cp1251.
 *
 * <p>Rows are read one at a time; a row longer than the limit ({@link DumpLimits#maxRowChars()}, 16 MiB by
 * default) is skipped to its end and rejected (real rows reach 4 MB: 260,000 addresses of one decision). The mirror's files are cut off
 * mid-row, so a last line without a line break is rejected as truncated even when it looks complete.
 * Line numbers are physical lines of the decompressed file; the {@code Updated:} line is line 1.
 */
public final class CsvDumpReader extends InputBackedReader {
    /** Longest row read whole, by default. */
    public static final int MAX_ROW_CHARS = DumpLimits.DEFAULT_MAX_ROW_CHARS;

    static final String TOO_LONG = tooLong(MAX_ROW_CHARS);

    static final String TRUNCATED = "truncated row: dump ends without a line break (cut-off file)";

    private static final String UPDATED = "Updated:";
    private static final DateTimeFormatter UPDATED_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm[:ss] xx");

    private final LineReader lines;
    private final String tooLong;
    private final DumpHeader header;
    private final CsvRowParser rows = new CsvRowParser();

    public static final String UTF8_REFUSED = "dump.csv is UTF-8 but the mirror's format is cp1251; convert it first "
            + "(iconv -f utf-8 -t cp1251) rather than publish every Cyrillic name garbled";

    CsvDumpReader(DumpInput input) throws IOException {
        this(input, MAX_ROW_CHARS);
    }

    CsvDumpReader(DumpInput input, int maxRowChars) throws IOException {
        super(input);
        this.tooLong = tooLong(maxRowChars);
        refuseUtf8(input);
        // Replace what cp1251 cannot decode: one bad byte must not cost the whole dump.
        Charset cp1251 = Charset.forName("windows-1251");
        InputStreamReader text = new InputStreamReader(input.stream(), cp1251.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        this.lines = new LineReader(text, maxRowChars, MAX_RAW_CHARS);
        this.header = new DumpHeader(input.source(), DumpFormat.CSV, readUpdated());
    }

    private Instant readUpdated() throws IOException {
        LineReader.Line first = lines.next();
        return updatedTime(input.source(), first == null ? "" : first.text());
    }

    /** The registry time of the {@code Updated:} first line {@code text}. */
    static Instant updatedTime(String source, String text) throws IOException {
        String line = text.strip();
        if (!line.startsWith(UPDATED)) {
            throw new IOException(source + ": dump.csv has no 'Updated:' first line");
        }
        String time = line.substring(UPDATED.length()).strip();
        try {
            return OffsetDateTime.parse(time, UPDATED_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IOException(source + ": unreadable 'Updated:' time '" + time + "'", e);
        }
    }

    /** The rejection reason of a row over the limit: "row longer than 16 MiB". */
    static String tooLong(int maxRowChars) {
        return "row longer than " + DumpLimits.human(maxRowChars).replace(" bytes", " characters");
    }

    /** Refuses a UTF-8 dump.csv, whose every Cyrillic name cp1251 would garble. */
    static void refuseUtf8(DumpInput input) throws IOException {
        if (Utf8Sniffer.isUtf8(input.peek())) {
            throw new IOException(input.source() + ": " + UTF8_REFUSED);
        }
    }

    @Override
    public DumpHeader header() {
        return header;
    }

    /** Always windows-1251 (a UTF-8 file is refused); the field count most rows have. */
    @Override
    public DumpLayout layout() {
        return new DumpLayout(null, "windows-1251", rows.typicalFieldCount());
    }

    @Override
    public ParsedRow next() throws IOException {
        LineReader.Line line;
        do {
            line = lines.next();
            if (line == null) {
                input.finish();
                return null;
            }
        } while (line.length() == 0 && line.terminated());
        if (line.tooLong()) {
            return ParsedRow.Rejected.of(line.number(), line.text(), line.length(), tooLong);
        }
        if (!line.terminated()) {
            return ParsedRow.Rejected.of(line.number(), line.text(), TRUNCATED);
        }
        return rows.parse(line.number(), line.text());
    }
}
