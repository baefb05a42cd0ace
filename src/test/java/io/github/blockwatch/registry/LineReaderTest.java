package io.github.blockwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Line splitting with a cap, on tiny caps so every edge is visible. */
class LineReaderTest {

    @Test
    void shouldKeepALineOfExactlyTheCapAndCutALongerOne() throws IOException {
        List<LineReader.Line> lines = read("12345\n123456\nab", 5, 3);

        assertThat(lines).containsExactly(
                new LineReader.Line(1, "12345", 5, true, false),
                new LineReader.Line(2, "123", 6, true, true),
                new LineReader.Line(3, "ab", 2, false, false));
    }

    @Test
    void shouldDropACarriageReturnOnlyBeforeALineFeed() throws IOException {
        List<LineReader.Line> lines = read("a\r\nb\rc\n\r\nd\r", 100, 100);

        assertThat(lines).extracting(LineReader.Line::text).containsExactly("a", "b\rc", "", "d\r");
        assertThat(lines.get(3).terminated()).isFalse();
    }

    @Test
    void shouldEndWithoutAnEmptyLineAfterAFinalLineFeed() throws IOException {
        assertThat(read("a\n", 100, 100)).extracting(LineReader.Line::text).containsExactly("a");
        assertThat(read("", 100, 100)).isEmpty();
    }

    private static List<LineReader.Line> read(String text, int maxChars, int keepChars) throws IOException {
        LineReader reader = new LineReader(new StringReader(text), maxChars, keepChars);
        List<LineReader.Line> lines = new ArrayList<>();
        for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
            lines.add(line);
        }
        return lines;
    }
}
