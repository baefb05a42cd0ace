package io.github.blockwatch.registry;

import static io.github.blockwatch.Generators.integer;
import static io.github.blockwatch.Generators.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.PropertyTries;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link LineReader} cuts lines exactly as the character-at-a-time reader it replaced did (kept below as
 * {@link ReferenceLineReader}): same text, length, line break and cap, for any text, caps and buffer size.
 * Tiny buffers and caps put line breaks, {@code \r\n} pairs and the caps on every buffer boundary.
 */
class LineReaderProperties {

    @Test
    void readsTheSameLinesAsTheCharacterAtATimeReader() {
        PropertyTries.check(random -> {
            String text = string(random, "ab\r\n", 200) + (random.nextBoolean() ? "" : string(random, "xyz\r\n\u0436", 40));
            int maxChars = integer(random, 0, 12);
            int keepChars = integer(random, 0, 14);
            int bufferChars = integer(random, 1, 9);
            // A reader that hands out fewer characters than asked, as decoders do at their buffer's end.
            int chunk = integer(random, 1, 7);

            List<LineReader.Line> fast = new ArrayList<>();
            LineReader reader = new LineReader(new ChunkedReader(text, chunk), maxChars, keepChars, bufferChars);
            for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                fast.add(line);
            }
            assertThat(fast)
                    .as("text %s, max %d, keep %d, buffer %d", text.replace("\r", "\\r").replace("\n", "\\n"),
                            maxChars, keepChars, bufferChars)
                    .isEqualTo(ReferenceLineReader.readAll(text, maxChars, keepChars));
        });
    }

    @Test
    void readsTheSameLinesWithTheRealBufferAndCaps() {
        PropertyTries.check(random -> {
            // Lines around 64 KiB, the buffer's size, and around the caps a dump.csv reader uses (scaled down).
            StringBuilder text = new StringBuilder();
            int lines = integer(random, 1, 6);
            for (int i = 0; i < lines; i++) {
                text.append("x".repeat(integer(random, 0, LineReader.BUFFER_CHARS + 3)))
                        .append(random.nextBoolean() ? "\r\n" : random.nextBoolean() ? "\n" : "\r");
            }
            List<LineReader.Line> fast = new ArrayList<>();
            LineReader reader = new LineReader(new StringReader(text.toString()), 40_000, 1_000);
            for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                fast.add(line);
            }
            assertThat(fast).isEqualTo(ReferenceLineReader.readAll(text.toString(), 40_000, 1_000));
        });
    }

    /** Hands out at most {@code chunk} characters per read. */
    private static final class ChunkedReader extends Reader {
        private final StringReader in;
        private final int chunk;

        ChunkedReader(String text, int chunk) {
            this.in = new StringReader(text);
            this.chunk = chunk;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            return in.read(buffer, offset, Math.min(length, chunk));
        }

        @Override
        public void close() {
            in.close();
        }
    }

    /** The line reader before issue 6's speed-up, one character at a time: the reference. */
    private static final class ReferenceLineReader {
        private final String text;
        private final int maxChars;
        private final int keepChars;
        private int position;
        private long lineNumber;

        private ReferenceLineReader(String text, int maxChars, int keepChars) {
            this.text = text;
            this.maxChars = maxChars;
            this.keepChars = keepChars;
        }

        static List<LineReader.Line> readAll(String text, int maxChars, int keepChars) {
            ReferenceLineReader reader = new ReferenceLineReader(text, maxChars, keepChars);
            List<LineReader.Line> lines = new ArrayList<>();
            for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                lines.add(line);
            }
            return lines;
        }

        LineReader.Line next() {
            StringBuilder line = new StringBuilder();
            long length = 0;
            boolean pendingCr = false;
            while (true) {
                if (position == text.length()) {
                    if (length == 0 && !pendingCr) {
                        return null;
                    }
                    if (pendingCr) {
                        length = append(line, length, '\r');
                    }
                    return line(line, length, false);
                }
                char c = text.charAt(position++);
                if (c == '\n') {
                    return line(line, length, true);
                }
                if (pendingCr) {
                    length = append(line, length, '\r');
                }
                pendingCr = c == '\r';
                if (!pendingCr) {
                    length = append(line, length, c);
                }
            }
        }

        private long append(StringBuilder line, long length, char c) {
            if (length < maxChars || line.length() < keepChars) {
                line.append(c);
            }
            if (length == maxChars && line.length() > keepChars) {
                line.setLength(keepChars);
            }
            return length + 1;
        }

        private LineReader.Line line(StringBuilder line, long length, boolean terminated) {
            lineNumber++;
            return new LineReader.Line(lineNumber, line.toString(), length, terminated, length > maxChars);
        }
    }
}
