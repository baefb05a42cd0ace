package io.github.blockwatch.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * {@link LineReader}'s twin for single-byte text read as bytes: the same lines, lengths, line-break flags
 * and caps (one byte is one character in cp1251), but no decoding and no string per line. The current line
 * is a window on the buffer, valid until the next call: a reader that needs only a few fields of each line
 * (counting a dump) decodes nothing else.
 */
final class ByteLineReader {
    static final int BUFFER_BYTES = 1024 * 1024;

    private final InputStream in;
    private final int maxBytes;
    private final int keepBytes;
    private byte[] buffer;
    private int position;
    private int limit;
    private boolean endOfInput;
    private long lineNumber;

    // The current line.
    private byte[] text;
    private int start;
    private int end;
    private long length;
    private boolean terminated;

    /**
     * @param maxBytes longest line kept whole
     * @param keepBytes how much of a longer line is kept
     */
    ByteLineReader(InputStream in, int maxBytes, int keepBytes) {
        this(in, maxBytes, keepBytes, BUFFER_BYTES);
    }

    /** As above, with a first buffer of {@code bufferBytes}: tests use tiny ones to put line ends everywhere. */
    ByteLineReader(InputStream in, int maxBytes, int keepBytes, int bufferBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.keepBytes = keepBytes;
        this.buffer = new byte[Math.max(1, bufferBytes)];
    }

    /** Moves to the next line; false at the end of the input. */
    boolean next() throws IOException {
        int lineFeed = indexOfLineFeed(position);
        while (lineFeed == limit) {
            if (limit - position > maxBytes + 1) {
                // Longer than the cap even without a \r\n: keep its start, skip the rest.
                return skipTooLong();
            }
            int searched = limit - position;
            if (!readMore()) {
                return position < limit && unterminated();
            }
            lineFeed = indexOfLineFeed(position + searched);
        }
        int contentEnd = lineFeed > position && buffer[lineFeed - 1] == '\r' ? lineFeed - 1 : lineFeed;
        lineNumber++;
        length = contentEnd - position;
        terminated = true;
        if (length > maxBytes) {
            keep(Arrays.copyOfRange(buffer, position, position + (int) Math.min(keepBytes, length)));
        } else {
            text = buffer;
            start = position;
            end = contentEnd;
        }
        position = lineFeed + 1;
        return true;
    }

    /** The bytes of the line (only its start when it is {@link #tooLong()}). */
    byte[] text() {
        return text;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** 1-based physical line number. */
    long number() {
        return lineNumber;
    }

    /** The whole line's length, without a {@code \r} dropped before its {@code \n}. */
    long length() {
        return length;
    }

    /** Whether the line ended with a line break (a cut-off file's last line does not). */
    boolean terminated() {
        return terminated;
    }

    boolean tooLong() {
        return length > maxBytes;
    }

    /** The last line, which has no line break: a \r at its end stays, as nothing follows to drop it with. */
    private boolean unterminated() {
        lineNumber++;
        length = limit - position;
        terminated = false;
        if (length > maxBytes) {
            keep(Arrays.copyOfRange(buffer, position, position + (int) Math.min(keepBytes, length)));
        } else {
            text = buffer;
            start = position;
            end = limit;
        }
        position = limit;
        return true;
    }

    /** A line longer than the cap: keeps its first {@code keepBytes}, reads on to its end counting bytes. */
    private boolean skipTooLong() throws IOException {
        lineNumber++;
        byte[] kept = new byte[0];
        long counted = 0;
        boolean pendingCr = false;
        while (true) {
            int lineFeed = indexOfLineFeed(position);
            int chunkEnd = Math.min(lineFeed, limit);
            if (kept.length < keepBytes) {
                int take = (int) Math.min(keepBytes - kept.length, chunkEnd - position);
                int old = kept.length;
                kept = Arrays.copyOf(kept, old + take);
                System.arraycopy(buffer, position, kept, old, take);
            }
            if (lineFeed < limit) {
                counted += lineFeed - position;
                boolean droppedCr = lineFeed > position ? buffer[lineFeed - 1] == '\r' : pendingCr;
                position = lineFeed + 1;
                return finishTooLong(kept, counted - (droppedCr ? 1 : 0), true);
            }
            counted += limit - position;
            if (limit > position) {
                pendingCr = buffer[limit - 1] == '\r';
            }
            position = limit;
            if (!readMore()) {
                return finishTooLong(kept, counted, false);
            }
        }
    }

    private boolean finishTooLong(byte[] kept, long lineLength, boolean lineFeed) {
        // A \r dropped before the line feed may have been kept: what is kept is the line's start only.
        keep(kept.length > lineLength ? Arrays.copyOf(kept, (int) lineLength) : kept);
        length = lineLength;
        terminated = lineFeed;
        return true;
    }

    private void keep(byte[] kept) {
        text = kept;
        start = 0;
        end = kept.length;
    }

    private int indexOfLineFeed(int from) {
        byte[] b = buffer;
        for (int i = from, n = limit; i < n; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return limit;
    }

    /**
     * Reads more after the unfinished line, moving it to the buffer's start and growing the buffer when the
     * line fills it (up to the cap, plus room for {@code \r\n}). False at the end of the input.
     */
    private boolean readMore() throws IOException {
        if (endOfInput) {
            return false;
        }
        int pending = limit - position;
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, pending);
            position = 0;
            limit = pending;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, Math.max(buffer.length + 1L, maxBytes + 2L)));
        }
        int n;
        do {
            n = in.read(buffer, limit, buffer.length - limit);
        } while (n == 0);
        if (n < 0) {
            endOfInput = true;
            return false;
        }
        limit += n;
        return true;
    }
}
