package io.github.blockwatch.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a list of addresses given as one JSON array of strings, {@code ["1.2.3.4", "5.6.7.0/24", "2a00::/32"]}:
 * what Roskomsvoboda's reestr.rublacklist.net answers at {@code /api/v3/ips/}. Each string is an entry
 * exactly as a line of a plain list is ({@link CidrListReader}: keyed by its block, no decision), so the same
 * addresses give the same entries whichever form they came in. Rows are numbered by their place in the
 * array (the first string is row 1). A string that is no address, or an element that is no string, is
 * rejected as a row; anything else than one array (an object, a cut-off download) is an error for the whole
 * dump, since reading only part of it would unblock the rest.
 *
 * <p>Jackson's streaming parser reads it (already a dependency): one element at a time, so a list of a
 * million addresses needs no more memory than one of ten.
 */
final class JsonListReader extends InputBackedReader {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_RAW_CHARS).build())
            // The input is read to its end for the digest after the array, and closed with the reader.
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private final DumpHeader header;
    private final JsonParser parser;
    private final Map<Cidr, Long> firstRow = new HashMap<>();
    private long row;
    private boolean started;

    JsonListReader(DumpInput input, Instant listTime) throws IOException {
        super(input);
        this.header = new DumpHeader(input.source(), DumpFormat.LIST, listTime);
        this.parser = JSON.createParser(input.stream());
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
        try {
            if (!started) {
                started = true;
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    throw new IOException(header.source() + ": JSON that is not an array of addresses "
                            + "(it starts with " + parser.currentToken() + ")");
                }
            }
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                if (parser.nextToken() != null) {
                    throw new IOException(header.source() + ": text after the JSON array, at " + where());
                }
                input.finish();
                return null;
            }
            if (token == null) {
                throw new IOException(header.source() + ": the JSON array ends early, after " + row + " elements (cut off?)");
            }
            row++;
            if (token != JsonToken.VALUE_STRING) {
                String raw = token.isStructStart() ? token.asString() + "…" : parser.getText();
                parser.skipChildren();
                return ParsedRow.Rejected.of(row, raw, "element " + row + " is not a string but " + token);
            }
            return parse(parser.getText());
        } catch (JsonProcessingException e) {
            // Jackson's message spans lines (the source, the location): one line, the place made plain.
            throw new IOException(header.source() + ": not valid JSON at " + where() + ": " + e.getOriginalMessage(), e);
        }
    }

    private ParsedRow parse(String text) {
        Cidr cidr;
        try {
            cidr = Cidr.parse(text.strip());
        } catch (InvalidAddressException e) {
            return ParsedRow.Rejected.of(row, text, e.getMessage());
        }
        Long earlier = firstRow.putIfAbsent(cidr, row);
        if (earlier != null) {
            return ParsedRow.Rejected.of(row, text, "duplicate of element " + earlier);
        }
        Entry entry = new Entry(EntryKeys.list(cidr), null, List.of(cidr), List.of(), List.of(), null, null, null, row);
        return new ParsedRow.Accepted(row, entry);
    }

    private String where() {
        return "line " + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr();
    }

    @Override
    public void close() throws IOException {
        try {
            parser.close();
        } finally {
            super.close();
        }
    }
}
