package io.github.blockwatch.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The replay's progress bar keeps a bar to look at on an 80-column terminal, even for the whole 5,077-dump history. */
class ConsoleReplayProgressTest {
    private static final Pattern BAR = Pattern.compile("\\[([= >]*)\\]");

    @Test
    void shouldLeaveTheBarAThirdOfAnEightyColumnTerminalAtTheWholeHistory() {
        String line = lastLine(80, 5_077);

        assertThat(line).hasSizeLessThanOrEqualTo(80).contains("at 2015-05-31 20:00");
        Matcher bar = BAR.matcher(line);
        assertThat(bar.find()).as(line).isTrue();
        // It shrank to "[ ]" with the rate and the events count beside it.
        assertThat(bar.group(1).length()).as(line).isGreaterThanOrEqualTo(10);
    }

    private static String lastLine(int columns, int dumps) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleReplayProgress progress = new ConsoleReplayProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), columns);
        progress.start(dumps);
        DumpVersion last = new DumpVersion("dump.xml@abc", Instant.parse("2015-05-31T20:00:00Z"), null);
        progress.dumpDone(last, null, new ReplayTotals());
        progress.finish(new ReplayTotals());
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("[\r\n]");
        return Arrays.stream(lines).filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("").stripTrailing();
    }
}
