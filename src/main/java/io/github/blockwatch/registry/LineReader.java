package io.github.blockwatch.registry;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of at most a given length from decoded text, in memory bounded by that cap: a longer
 * line is read to its end but only its start is kept. Unlike {@link java.io.BufferedReader#readLine()}
 * it reports whether the last line ended with a line break, which is how a cut-off dump shows.
 * Lines end with {@code \n}; a {@code \r} just before it is dropped.
 */
final class LineReader {
    /** One physical line. */
    record Line(long number, String text, long length, boolean terminated, boolean tooLong) {}

    private final Reader in;
    private final int maxChars;
    private final int keepChars;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int limit;
    private long lineNumber;

    /**
     * @param maxChars  longest line kept whole
     * @param keepChars how much of a longer line is kept
     */
    LineReader(Reader in, int maxChars, int keepChars) {
        this.in = in;
        this.maxChars = maxChars;
        this.keepChars = keepChars;
    }

    /** The next line, or null at the end of the text. */
    Line next() throws IOException {
        StringBuilder text = new StringBuilder();
        long length = 0;
        boolean pendingCr = false; // a \r is only dropped if a \n follows it
        while (true) {
            if (position == limit && !fill()) {
                if (length == 0 && !pendingCr) {
                    return null;
                }
                if (pendingCr) {
                    length = append(text, length, '\r');
                }
                return line(text, length, false);
            }
            char c = buffer[position++];
            if (c == '\n') {
                return line(text, length, true);
            }
            if (pendingCr) {
                length = append(text, length, '\r');
            }
            pendingCr = c == '\r';
            if (!pendingCr) {
                length = append(text, length, c);
            }
        }
    }

    private long append(StringBuilder text, long length, char c) {
        // Past the cap only a prefix is kept, so one huge line cannot exhaust memory.
        if (length < maxChars || text.length() < keepChars) {
            text.append(c);
        }
        if (length == maxChars && text.length() > keepChars) {
            text.setLength(keepChars);
        }
        return length + 1;
    }

    private Line line(StringBuilder text, long length, boolean terminated) {
        lineNumber++;
        return new Line(lineNumber, text.toString(), length, terminated, length > maxChars);
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
