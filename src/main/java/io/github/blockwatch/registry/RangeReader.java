package io.github.blockwatch.registry;

import java.io.Closeable;
import java.io.IOException;

/**
 * Streams a dump's rows reduced to their addresses: the same rows, blocks and rejections as a
 * {@link DumpReader}, without the keys, decisions, domains and URLs that counting does not need. Open one
 * with {@link Dumps#openRanges(DumpSource)}.
 */
public interface RangeReader extends Closeable {
    DumpHeader header();

    /** The next row, or null after the last one. */
    RangeRow next() throws IOException;

    /** Any dump reader's rows, reduced to their addresses. */
    static RangeReader of(DumpReader reader) {
        return new RangeReader() {
            @Override
            public DumpHeader header() {
                return reader.header();
            }

            @Override
            public RangeRow next() throws IOException {
                ParsedRow row = reader.next();
                return row == null ? null : RangeRow.of(row);
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }
}
