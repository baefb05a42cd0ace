package io.github.blockwatch.registry;

import static io.github.blockwatch.registry.TestDumps.CP1251;
import static io.github.blockwatch.registry.TestDumps.readAll;
import static io.github.blockwatch.registry.TestDumps.write;
import static io.github.blockwatch.registry.TestDumps.writeGzip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dump.csv rows, good and broken, written on the fly. */
class CsvDumpReaderTest {
    private static final String HEADER = "Updated: 2018-05-05 13:25:00 +0000\n";

    @TempDir
    Path dir;

    @Test
    void shouldParseAllFieldsOfARow() throws IOException {
        Path dump = write(dir, "dump.csv", HEADER
                + "52.58.0.0/15 | 1.2.3.4 | 1.2.3.4 | 10.1.2.3/8;a.example | b.example;http://a.example/x | http://b.example/;Генпрокуратура;27-31-2015/Ид4082-15;2015-12-04\n", CP1251);

        Entry entry = ((ParsedRow.Accepted) readAll(dump).get(0)).entry();

        assertThat(entry.ranges()).extracting(Cidr::toString).containsExactly("1.2.3.4/32", "10.0.0.0/8", "52.58.0.0/15");
        assertThat(entry.domains()).containsExactly("a.example", "b.example");
        assertThat(entry.urls()).containsExactly("http://a.example/x", "http://b.example/");
        assertThat(entry.decision()).isEqualTo(new Decision("Генпрокуратура", "27-31-2015/Ид4082-15", "2015-12-04"));
        assertThat(entry.line()).isEqualTo(2);
        assertThat(entry.key()).startsWith("csv:").hasSize(20);
    }

    @Test
    void shouldRejectRowsWithTooFewFields() throws IOException {
        Path dump = write(dir, "dump.csv", HEADER + "1.2.3.4;a.example;;суд\n \n", CP1251);

        assertThat(readAll(dump)).containsExactly(
                new ParsedRow.Rejected(2, "1.2.3.4;a.example;;суд", 22, "expected 6 fields (IP;domain;URL;org;number;date), found 4"),
                new ParsedRow.Rejected(3, " ", 1, "expected 6 fields (IP;domain;URL;org;number;date), found 1"));
    }

    @Test
    void shouldTakeTheUrlAsEverythingBetweenDomainAndOrg() throws IOException {
        Path dump = write(dir, "dump.csv", HEADER + "1.2.3.4;a.example;http://a.example/?a=1&amp;b=2;c;МВД;8/7/10-1;2017-09-30\n", CP1251);

        Entry entry = ((ParsedRow.Accepted) readAll(dump).get(0)).entry();

        assertThat(entry.urls()).containsExactly("http://a.example/?a=1&amp;b=2;c");
        assertThat(entry.decision()).isEqualTo(new Decision("МВД", "8/7/10-1", "2017-09-30"));
    }

    @Test
    void shouldRejectARowWithAnInvalidAddress() throws IOException {
        Path dump = write(dir, "dump.csv", HEADER
                + "1.2.3.4 | 999.1.1.1;;;суд;1;2013-06-10\n"
                + "10.0.0.0/33;;;суд;1;2013-06-10\n"
                + "::g;;;суд;1;2013-06-10\n"
                + "2a03:2880::/32;;;суд;1;2013-06-10\n", CP1251);

        List<ParsedRow> rows = readAll(dump);

        assertThat(rows).hasSize(4);
        assertThat(((ParsedRow.Rejected) rows.get(0)).reason()).isEqualTo("invalid address '999.1.1.1'");
        assertThat(((ParsedRow.Rejected) rows.get(1)).reason()).contains("10.0.0.0/33");
        assertThat(((ParsedRow.Rejected) rows.get(2)).reason()).contains("::g");
        assertThat(((ParsedRow.Accepted) rows.get(3)).entry().ranges()).extracting(Cidr::toString).containsExactly("2a03:2880::/32");
    }

    @Test
    void shouldRejectAPrefixWithoutAnAddress() throws IOException {
        // Found by DumpFuzzProperties (long run): "/24" parsed to no address, and the reader threw a
        // NullPointerException, which would have stopped the whole ingest.
        Path dump = write(dir, "dump.csv", HEADER + "/24;;;суд;1;2013-06-10\n1.2.3.4 | /8;;;суд;2;2013-06-10\n", CP1251);

        List<ParsedRow> rows = readAll(dump);

        assertThat(rows).extracting(r -> ((ParsedRow.Rejected) r).reason())
                .containsExactly("invalid address '/24'", "invalid address '/8'");
    }

    @Test
    void shouldAcceptAnEmptyAddressField() throws IOException {
        Path dump = write(dir, "dump.csv", HEADER + ";;;Генпрокуратура;27-31-2018/Ид2971-18;2018-04-16\n", CP1251);

        Entry entry = ((ParsedRow.Accepted) readAll(dump).get(0)).entry();

        assertThat(entry.ranges()).isEmpty();
        assertThat(entry.domains()).isEmpty();
        assertThat(entry.urls()).isEmpty();
    }

    @Test
    void shouldRejectTheLastLineOfACutOffFileEvenWhenItLooksComplete() throws IOException {
        Path dump = write(dir, "dump.csv", HEADER + "1.2.3.4;;;суд;1;2013-06-10\n5.6.7.8;;;суд;1;2013-06-10", CP1251);

        List<ParsedRow> rows = readAll(dump);

        assertThat(rows.get(0)).isInstanceOf(ParsedRow.Accepted.class);
        assertThat(rows.get(1)).isEqualTo(new ParsedRow.Rejected(3, "5.6.7.8;;;суд;1;2013-06-10", 26,
                "truncated row: dump ends without a line break (cut-off file)"));
    }

    @Test
    void shouldReadCrlfLinesAndSkipEmptyOnes() throws IOException {
        Path dump = writeGzip(dir, "dump.csv.gz",
                "Updated: 2017-07-01 08:00:00 +0000\r\n1.2.3.4;;;суд;1;2013-06-10\r\n\r\n\n5.6.7.8;a.example;;суд;1;2013-06-10\r\n", CP1251);

        List<ParsedRow> rows = readAll(dump);

        assertThat(rows).extracting(ParsedRow::line).containsExactly(2L, 5L);
        assertThat(rows).allSatisfy(r -> assertThat(r).isInstanceOf(ParsedRow.Accepted.class));
        assertThat(((ParsedRow.Accepted) rows.get(1)).entry().decision().date()).isEqualTo("2013-06-10");
    }

    @Test
    void shouldReplaceBytesThatCp1251CannotDecode() throws IOException {
        String text = "1.2.3.4;a.example;;xx;1;2013-06-10\n";
        byte[] row = text.getBytes(CP1251);
        row[text.indexOf("xx") + 1] = (byte) 0x98; // the one byte windows-1251 leaves undefined
        Path dump = dir.resolve("dump.csv");
        Files.write(dump, concat(HEADER.getBytes(CP1251), row));

        Entry entry = ((ParsedRow.Accepted) readAll(dump).get(0)).entry();

        assertThat(entry.decision().org()).isEqualTo("x\uFFFD");
    }

    @Test
    void shouldSkipAndRejectARowLongerThanSixteenMebibytes() throws IOException {
        String huge = "1.2.3.4 | ".repeat(CsvDumpReader.MAX_ROW_CHARS / 10 + 1) + ";;;суд;1;2013-06-10";
        Path dump = writeGzip(dir, "dump.csv.gz", HEADER + huge + "\n5.6.7.8;;;суд;1;2013-06-10\n", CP1251);

        List<ParsedRow> rows = readAll(dump);

        ParsedRow.Rejected rejected = (ParsedRow.Rejected) rows.get(0);
        assertThat(rejected.reason()).isEqualTo("row longer than 16 MiB");
        assertThat(rejected.rawLength()).isEqualTo(huge.length());
        assertThat(rejected.raw()).hasSize(DumpReader.MAX_RAW_CHARS).startsWith("1.2.3.4 | 1.2.3.4");
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(rows.get(1)).isInstanceOf(ParsedRow.Accepted.class);
    }

    @Test
    void shouldRefuseAnUnreadableUpdatedTime() throws IOException {
        Path dump = write(dir, "dump.csv", "Updated: yesterday\n1.2.3.4;;;суд;1;2013-06-10\n", CP1251);

        assertThatThrownBy(() -> Dumps.open(dump))
                .isInstanceOf(IOException.class)
                .hasMessage("dump.csv: unreadable 'Updated:' time 'yesterday'");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
