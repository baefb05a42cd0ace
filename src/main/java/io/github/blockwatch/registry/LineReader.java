package io.github.blockwatch.registry;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of at most a given length from decoded text, in memory bounded by that cap: a longer
 * line is read to its end but only its start is kept. Unlike {@link java.io.BufferedReader#readLine()}
 * it reports whether the last line ended with a line break, which is how a cut-off dump shows.
 * Lines end with {@code \n}; a {@code \r} just before it is dropped.
 *
 * <p>A line that lies whole in the buffer becomes a string in one copy; only a line that crosses the
 * buffer's end (one per 64 KiB of text) or exceeds the cap is gathered in a {@link StringBuilder}.
 */
final class LineReader {
    /** One physical line. */
    record Line(long number, String text, long length, boolean terminated, boolean tooLong) {}

    static final int BUFFER_CHARS = 64 * 1024;

    private final Reader in;
    private final int maxChars;
    private final int keepChars;
    private final char[] buffer;
    private int position;
    private int limit;
    private long lineNumber;

    /**
     * @param maxChars  longest line kept whole
     * @param keepChars how much of a longer line is kept
     */
    LineReader(Reader in, int maxChars, int keepChars) {
        this(in, maxChars, keepChars, BUFFER_CHARS);
    }

    /** As above, with a buffer of {@code bufferChars}: tests use tiny ones to put line ends everywhere. */
    LineReader(Reader in, int maxChars, int keepChars, int bufferChars) {
        this.in = in;
        this.maxChars = maxChars;
        this.keepChars = keepChars;
        this.buffer = new char[bufferChars];
    }

    /** The next line, or null at the end of the text. */
    Line next() throws IOException {
        if (position == limit && !fill()) {
            return null;
        }
        int end = indexOfLineFeed(position);
        if (end < limit && end - position <= maxChars + 1) {
            // The common case: the whole line is in the buffer (at most maxChars plus a dropped \r).
            int contentEnd = end > position && buffer[end - 1] == '\r' ? end - 1 : end;
            if (contentEnd - position <= maxChars) {
                String text = new String(buffer, position, contentEnd - position);
                position = end + 1;
                return line(text, text.length(), true);
            }
        }
        return gather();
    }

    /** A line that crosses the buffer's end or is longer than the cap, gathered piece by piece. */
    private Line gather() throws IOException {
        Gathered text = new Gathered();
        boolean pendingCr = false; // a \r at the end of a piece is only dropped if a \n follows it
        while (true) {
            if (position == limit && !fill()) {
                if (pendingCr) {
                    text.append(new char[] {'\r'}, 0, 1);
                }
                return line(text.toString(), text.length, false);
            }
            int end = indexOfLineFeed(position);
            if (pendingCr && end > position) {
                text.append(new char[] {'\r'}, 0, 1);
            }
            int contentEnd = end;
            pendingCr = contentEnd > position && buffer[contentEnd - 1] == '\r';
            if (pendingCr) {
                contentEnd--;
            }
            text.append(buffer, position, contentEnd - position);
            if (end < limit) {
                position = end + 1;
                return line(text.toString(), text.length, true);
            }
            position = limit;
        }
    }

    /** Text of one line as it is read: all of it up to the cap; past the cap, only its first keepChars. */
    private final class Gathered {
        private final StringBuilder kept = new StringBuilder();
        private long length;

        void append(char[] chars, int from, int count) {
            int room = length > maxChars ? keepChars - kept.length() : Math.max(maxChars, keepChars) - kept.length();
            kept.append(chars, from, Math.max(0, Math.min(room, count)));
            length += count;
            if (length > maxChars && kept.length() > keepChars) {
                kept.setLength(keepChars);
            }
        }

        @Override
        public String toString() {
            return kept.toString();
        }
    }

    private int indexOfLineFeed(int from) {
        for (int i = from; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return limit;
    }

    private Line line(String text, long length, boolean terminated) {
        lineNumber++;
        return new Line(lineNumber, text, length, terminated, length > maxChars);
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
