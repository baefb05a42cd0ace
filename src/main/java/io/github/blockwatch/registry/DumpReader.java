package io.github.blockwatch.registry;

import java.io.Closeable;
import java.io.IOException;

/**
 * Streams the rows of one dump, one at a time, in constant memory per row. Open one with
 * {@link Dumps#open(java.nio.file.Path)}.
 */
public interface DumpReader extends Closeable {
    /** Rejected rows keep at most this many characters of their raw text. */
    int MAX_RAW_CHARS = 64 * 1024;

    DumpHeader header();

    /** The next row, or null after the last one. */
    ParsedRow next() throws IOException;

    /**
     * Bytes of the underlying file consumed so far (compressed bytes for gzip): drives progress
     * displays against the file size.
     */
    long bytesRead();

    /**
     * Where a person finds row {@code line} (as numbered by {@link ParsedRow#line()}): this dump and that
     * line, or for a split dump the part and the line within it.
     */
    default RowPlace place(long line) {
        return new RowPlace(header().source(), line);
    }

    /** SHA-256 (hex) of the decompressed dump bytes; valid once {@link #next()} has returned null. */
    String digest();

    /** Format version, encoding and field layout; complete once {@link #next()} has returned null. */
    default DumpLayout layout() {
        return DumpLayout.UNKNOWN;
    }
}
