package io.github.blockwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class Utf8SnifferTest {
    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final String ROW = "Updated: 2021-04-01 10:00:00 +0000\n3.3.3.3;пример.рф;;суд;7;2021-01-01\n";

    @Test
    void shouldTellUtf8FromCp1251() {
        assertThat(Utf8Sniffer.isUtf8(ROW.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8Sniffer.isUtf8(ROW.getBytes(CP1251))).isFalse();
        assertThat(Utf8Sniffer.isUtf8("Updated: x\n1.2.3.4;;;a;b;c\n".getBytes(StandardCharsets.US_ASCII)))
                .as("pure ASCII is cp1251 as much as UTF-8").isFalse();
    }

    @Test
    void shouldAcceptACharacterCutAtTheEndOfThePeek() {
        byte[] utf8 = ROW.getBytes(StandardCharsets.UTF_8);
        int lead = 0;
        while (utf8[lead] >= 0) {
            lead++;
        }
        byte[] head = Arrays.copyOf(utf8, lead + 1); // ends between the two bytes of the first Cyrillic letter

        assertThat(Utf8Sniffer.isUtf8(head)).isTrue();
    }

    @Test
    void shouldSeeEveryBundledMirrorDumpAsCp1251() throws IOException {
        for (String name : new String[] {"zi-2017-07-01.csv.gz", "zi-2018-05-05.csv.gz", "zi-2020-01-26.csv.gz"}) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("data", name)))) {
                assertThat(Utf8Sniffer.isUtf8(in.readNBytes(64 * 1024))).as(name).isFalse();
            }
        }
    }

    @Test
    void shouldRefuseAUtf8DumpCsvWithOneLine(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path dump = Files.writeString(dir.resolve("utf8.csv"), ROW, StandardCharsets.UTF_8);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Dumps.open(dump))
                .isInstanceOf(IOException.class)
                .hasMessage("utf8.csv: " + CsvDumpReader.UTF8_REFUSED);
    }
}
