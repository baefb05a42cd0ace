package io.github.blockwatch.registry;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a plain list of addresses and CIDR blocks, one a line; {@code #} starts a comment (a whole line
 * or the end of one) and blank lines are ignored. A list carries no time of its own, so its registry
 * time is the file's last-modified time. Each line is its own entry, keyed by its block; a block listed
 * twice is rejected, since two entries with one key would overwrite each other downstream.
 */
public final class CidrListReader extends InputBackedReader {
    private final LineReader lines;
    private final DumpHeader header;
    private final Map<Cidr, Long> firstLine = new HashMap<>();

    CidrListReader(DumpInput input, Instant fileTime) {
        super(input);
        InputStreamReader text = new InputStreamReader(input.stream(), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        this.lines = new LineReader(text, MAX_RAW_CHARS, MAX_RAW_CHARS);
        this.header = new DumpHeader(input.source(), DumpFormat.LIST, fileTime);
    }

    /** The line without its {@code #} comment. */
    static String withoutComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    @Override
    public DumpHeader header() {
        return header;
    }

    @Override
    public DumpLayout layout() {
        return new DumpLayout(null, "UTF-8", null);
    }

    @Override
    public ParsedRow next() throws IOException {
        while (true) {
            LineReader.Line line = lines.next();
            if (line == null) {
                input.finish();
                return null;
            }
            String data = withoutComment(line.text()).strip();
            if (line.tooLong()) {
                return ParsedRow.Rejected.of(line.number(), line.text(), line.length(), "line longer than 64 KiB");
            }
            if (!data.isEmpty()) {
                return parse(line.number(), line.text(), data);
            }
        }
    }

    private ParsedRow parse(long number, String raw, String data) {
        Cidr cidr;
        try {
            cidr = Cidr.parse(data);
        } catch (InvalidAddressException e) {
            return ParsedRow.Rejected.of(number, raw, e.getMessage());
        }
        Long earlier = firstLine.putIfAbsent(cidr, number);
        if (earlier != null) {
            return ParsedRow.Rejected.of(number, raw, "duplicate of line " + earlier);
        }
        Entry entry = new Entry(EntryKeys.list(cidr), null, List.of(cidr), List.of(), List.of(), null, null, null, number);
        return new ParsedRow.Accepted(number, entry);
    }
}
