package io.github.blockwatch.registry;

import static io.github.blockwatch.Generators.string;
import static io.github.blockwatch.registry.TestDumps.real;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.blockwatch.PropertyTries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading a dump.csv for its addresses only ({@link Dumps#openRanges}, from the bytes) gives exactly the
 * rows, blocks and rejections of the full parse ({@link Dumps#open}, from the decoded text).
 */
class CsvRangeReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"zi-2017-07-01.csv.gz", "zi-2018-05-05.csv.gz", "zi-2020-01-26.csv.gz"})
    void shouldGiveTheFullParsesRowsForTheRealDumps(String dump) throws IOException {
        DumpSource source = DumpSource.of(real(dump));
        List<RangeRow> rows = rangeRows(source);

        assertThat(rows).isEqualTo(fullRows(source));
        assertThat(rows).filteredOn(r -> !r.isAccepted()).isNotEmpty(); // each has its cut-off last row
    }

    @Test
    void shouldGiveTheFullParsesRowsForFuzzedDumps() {
        PropertyTries.check(random -> {
            List<String> rows = DumpFuzzProperties.csvRows(random);
            String text = "Updated: 2018-05-05 13:25:00 +0000\n" + String.join(random.nextBoolean() ? "\n" : "\r\n", rows)
                    + (random.nextBoolean() ? "\n" : "");
            Path dump = Files.write(Files.createTempFile(dir, "fuzz", ".csv"), text.getBytes(TestDumps.CP1251));
            DumpSource source = DumpSource.of(dump);
            // a NUL among the hostile characters makes the file binary: then both refuse it, with one reason
            assertThat(outcome(() -> rangeRows(source))).as("rows of\n%s", text).isEqualTo(outcome(() -> fullRows(source)));
        });
    }

    @Test
    void shouldReadAddressesWithSpacesIpv6AndBlanksAsTheFullParseDoes() throws IOException {
        Path dump = TestDumps.write(dir, "dump.csv", "Updated: 2018-05-05 13:25:00 +0000\n"
                + " 10.1.2.3/8 |\t1.2.3.4 | | 2a03:2880::/32 | 1.2.3.4;a.example;;суд;1;2013-06-10\r\n"
                + "1.2.3.4 | 999.1.1.1;;;суд;1;2013-06-10\n"
                + "\u00a01.2.3.4;;;суд;1;2013-06-10\n"
                + "1.2.3.4;;;суд\n", TestDumps.CP1251);
        List<RangeRow> rows = rangeRows(DumpSource.of(dump));

        assertThat(rows).isEqualTo(fullRows(DumpSource.of(dump)));
        assertThat(rows.get(0).ranges()).extracting(Cidr::toString).containsExactly("1.2.3.4/32", "10.0.0.0/8", "2a03:2880::/32");
        assertThat(rows.get(1).rejected().reason()).isEqualTo("invalid address '999.1.1.1'");
        assertThat(rows.get(2).rejected().reason()).startsWith("invalid address");
        assertThat(rows.get(3).rejected().reason()).isEqualTo("expected 6 fields (IP;domain;URL;org;number;date), found 4");
    }

    @Test
    void shouldRefuseAUtf8DumpAsTheFullReaderDoes() throws IOException {
        Path dump = TestDumps.write(dir, "utf8.csv", "Updated: 2018-05-05 13:25:00 +0000\n1.2.3.4;;;суд;1;2013-06-10\n",
                StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Dumps.openRanges(DumpSource.of(dump))).hasMessage("utf8.csv: " + CsvDumpReader.UTF8_REFUSED);
    }

    @Test
    void shouldTakeAsWhitespaceExactlyTheBytesWhoseCp1251CharacterIsWhitespace() {
        for (int b = 0; b < 256; b++) {
            char c = new String(new byte[] {(byte) b}, TestDumps.CP1251).charAt(0);
            assertThat(CsvRangeReader.isWhitespace((byte) b)).as("byte %02x", b).isEqualTo(Character.isWhitespace(c));
        }
    }

    @Test
    void shouldParsePlainIpv4BytesAsTheTextParserDoes() {
        PropertyTries.check(random -> {
            for (int i = 0; i < 200; i++) {
                String text = string(random, "0123456789./ x", 22);
                Cidr fromBytes = Cidr.parsePlainIpv4(text.getBytes(StandardCharsets.US_ASCII), 0, text.length());
                assertThat(fromBytes).as(text).isEqualTo(Cidr.parsePlainIpv4(text));
            }
            assertThat(Cidr.parsePlainIpv4("10.1.2.3/8".getBytes(StandardCharsets.US_ASCII), 0, 10)).hasToString("10.0.0.0/8");
        });
    }

    /** The rows read, or the message of the refusal. */
    private static Object outcome(Callable<List<RangeRow>> read) throws Exception {
        try {
            return read.call();
        } catch (IOException refused) {
            return refused.getMessage();
        }
    }

    private static List<RangeRow> rangeRows(DumpSource source) throws IOException {
        List<RangeRow> rows = new ArrayList<>();
        try (RangeReader reader = Dumps.openRanges(source)) {
            assertThat(reader).isInstanceOf(CsvRangeReader.class);
            for (RangeRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<RangeRow> fullRows(DumpSource source) throws IOException {
        try (DumpReader reader = Dumps.open(source)) {
            return TestDumps.readAll(reader).stream().map(RangeRow::of).toList();
        }
    }
}
