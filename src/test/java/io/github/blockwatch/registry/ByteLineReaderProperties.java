package io.github.blockwatch.registry;

import static io.github.blockwatch.Generators.integer;
import static io.github.blockwatch.Generators.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.PropertyTries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ByteLineReader} cuts bytes into the lines {@link LineReader} cuts their text into (one byte one
 * character, as in cp1251; ISO-8859-1 here makes the mapping plain): same text, length, line break and cap,
 * for any text, caps, first buffer size and read sizes.
 */
class ByteLineReaderProperties {

    @Test
    void readsTheSameLinesAsTheTextLineReader() {
        PropertyTries.check(random -> {
            String text = string(random, "ab;\r\n", 200) + (random.nextBoolean() ? "" : string(random, "xyz\r\n\u00e9", 40));
            int maxBytes = integer(random, 0, 12);
            int keepBytes = integer(random, 0, 14);
            int bufferBytes = integer(random, 1, 9);
            int chunk = integer(random, 1, 7);
            assertThat(byteLines(text, maxBytes, keepBytes, bufferBytes, chunk))
                    .as("text %s, max %d, keep %d, buffer %d, chunk %d", text.replace("\r", "\\r").replace("\n", "\\n"),
                            maxBytes, keepBytes, bufferBytes, chunk)
                    .isEqualTo(textLines(text, maxBytes, keepBytes));
        });
    }

    @Test
    void readsTheSameLinesWithTheRealBuffer() {
        PropertyTries.check(random -> {
            // Lines around the first buffer's size, so that some fill it and make it grow.
            StringBuilder text = new StringBuilder();
            int lines = integer(random, 1, 6);
            for (int i = 0; i < lines; i++) {
                text.append("x".repeat(integer(random, 0, ByteLineReader.BUFFER_BYTES / 8 + 3)))
                        .append(random.nextBoolean() ? "\r\n" : random.nextBoolean() ? "\n" : "\r");
            }
            assertThat(byteLines(text.toString(), 100_000, 1_000, ByteLineReader.BUFFER_BYTES / 8, Integer.MAX_VALUE))
                    .isEqualTo(textLines(text.toString(), 100_000, 1_000));
        });
    }

    private static List<LineReader.Line> byteLines(String text, int maxBytes, int keepBytes, int bufferBytes, int chunk)
            throws IOException {
        InputStream in = new ChunkedStream(text.getBytes(StandardCharsets.ISO_8859_1), chunk);
        ByteLineReader reader = new ByteLineReader(in, maxBytes, keepBytes, bufferBytes);
        List<LineReader.Line> lines = new ArrayList<>();
        while (reader.next()) {
            String line = new String(reader.text(), reader.start(), reader.end() - reader.start(), StandardCharsets.ISO_8859_1);
            lines.add(new LineReader.Line(reader.number(), line, reader.length(), reader.terminated(), reader.tooLong()));
        }
        return lines;
    }

    private static List<LineReader.Line> textLines(String text, int maxChars, int keepChars) throws IOException {
        LineReader reader = new LineReader(new StringReader(text), maxChars, keepChars);
        List<LineReader.Line> lines = new ArrayList<>();
        for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
            lines.add(line);
        }
        return lines;
    }

    /** Hands out at most {@code chunk} bytes per read, as a decompressor does at its buffer's end. */
    private static final class ChunkedStream extends ByteArrayInputStream {
        private final int chunk;

        ChunkedStream(byte[] bytes, int chunk) {
            super(bytes);
            this.chunk = chunk;
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            return super.read(buffer, offset, Math.min(length, chunk));
        }
    }
}
