package io.github.blockwatch.registry;

import static io.github.blockwatch.registry.TestDumps.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile sizes: a gzip that expands far beyond the dump size limit, a dump.xml attribute or text longer
 * than one value may be, a content element larger than a row may be (also when split into CDATA pieces
 * each under the value limit), a dump.csv row over its limit. Small limits, so the inputs stay small.
 */
class DumpLimitsTest {
    private static final Charset CP1251 = TestDumps.CP1251;
    private static final String START = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>"
            + "<reg:register updateTime=\"2015-05-31T23:00:00+03:00\" formatVersion=\"2.1\" xmlns:reg=\"http://rsoc.ru\">";
    private static final String END = "</reg:register>";
    private static final DumpLimits SMALL = new DumpLimits(1024 * 1024, 4096, 1024);

    @TempDir
    Path dir;

    @Test
    void shouldRefuseAGzipBombOnceItPassesTheDumpSizeLimit() throws Exception {
        // 64 MiB of one row, about 100 KB gzipped; the limit is 1 MiB.
        Path bomb = dir.resolve("bomb.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            out.write("Updated: 2021-03-01 10:00:00 +0000\n".getBytes(CP1251));
            byte[] rows = "1.1.1.1;;;суд;1;2021-01-01\n".repeat(40_000).getBytes(CP1251);
            for (long written = 0; written < 64L << 20; written += rows.length) {
                out.write(rows);
            }
        }

        assertThatThrownBy(() -> readAll(bomb, SMALL))
                .isInstanceOfSatisfying(DumpLimitException.class, e -> assertThat(e.limit()).isEqualTo(DumpLimitException.Limit.DUMP_SIZE))
                .hasMessage("bomb.csv.gz: larger than 1 MiB decompressed, the limit on a dump's size; refused");
    }

    @Test
    void shouldRefuseADumpXmlWithAnAttributeLongerThanTheValueLimit() throws Exception {
        Path dump = write(dir, "dump.xml", START + "<content id=\"1\" hash=\"" + "A".repeat(5000) + "\"><ip>1.2.3.4</ip></content>" + END, CP1251);

        assertThatThrownBy(() -> readAll(dump, SMALL))
                .isInstanceOfSatisfying(DumpLimitException.class, e -> assertThat(e.limit()).isEqualTo(DumpLimitException.Limit.FIELD_SIZE))
                .hasMessageStartingWith("dump.xml: dump.xml has an attribute value longer than 1 KiB at line 1, column ")
                .hasMessageEndingWith(", the limit on one value; refused");
    }

    @Test
    void shouldRefuseATextSplitIntoCdataPiecesLongerThanTheValueLimit() throws Exception {
        String pieces = ("<![CDATA[" + "y".repeat(1000) + "]]>").repeat(10);
        Path dump = write(dir, "dump.xml", START + "<content id=\"1\"><url>" + pieces + "</url></content>" + END, CP1251);

        assertThatThrownBy(() -> readAll(dump, SMALL))
                .isInstanceOf(DumpLimitException.class)
                .hasMessageStartingWith("dump.xml: dump.xml has a text longer than 1 KiB at line 1, column ");
    }

    @Test
    void shouldRefuseADumpXmlWithATextLongerThanTheValueLimit() throws Exception {
        Path dump = write(dir, "dump.xml", START + "<content id=\"1\"><url>http://a.example/" + "x".repeat(5000)
                + "</url></content>" + END, CP1251);

        assertThatThrownBy(() -> readAll(dump, SMALL))
                .isInstanceOf(DumpLimitException.class)
                .hasMessageStartingWith("dump.xml: dump.xml has a text longer than 1 KiB at line 1, column ");
    }

    @Test
    void shouldRejectAContentElementLargerThanARowEvenInSmallPieces() throws Exception {
        // Each url is under the 1 KiB value limit; together they pass the 4 KiB row limit.
        String pieces = ("<url>http://a.example/" + "y".repeat(980) + "</url>").repeat(10);
        Path dump = write(dir, "dump.xml", START
                + "<content id=\"1\">" + pieces + "<ip>1.2.3.4</ip></content>"
                + "<content id=\"2\"><ip>5.6.7.8</ip></content>" + END, CP1251);

        List<ParsedRow> rows = readAll(dump, SMALL);

        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).isInstanceOfSatisfying(ParsedRow.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo("content element longer than 4 KiB");
            assertThat(r.rawLength()).isGreaterThan(4096);
        });
        assertThat(rows.get(1)).isInstanceOf(ParsedRow.Accepted.class);
    }

    @Test
    void shouldRejectADumpCsvRowLongerThanTheRowLimit() throws Exception {
        Path dump = write(dir, "dump.csv", "Updated: 2021-03-01 10:00:00 +0000\n"
                + "1.1.1.1 | ".repeat(500) + ";;;суд;1;2021-01-01\n"
                + "2.2.2.2;;;суд;2;2021-01-01\n", CP1251);

        List<ParsedRow> rows = readAll(dump, SMALL);

        assertThat(rows.get(0)).isInstanceOfSatisfying(ParsedRow.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo("row longer than 4 KiB"));
        assertThat(rows.get(1)).isInstanceOf(ParsedRow.Accepted.class);
    }

    @Test
    void shouldWriteSizesAsPeopleRead() {
        assertThat(DumpLimits.human(16 * 1024 * 1024)).isEqualTo("16 MiB");
        assertThat(DumpLimits.human(2L << 30)).isEqualTo("2 GiB");
        assertThat(DumpLimits.human(1536)).isEqualTo("1.5 KiB");
        assertThat(DumpLimits.human(100)).isEqualTo("100 bytes");
    }

    private static List<ParsedRow> readAll(Path file, DumpLimits limits) throws IOException {
        try (DumpReader reader = Dumps.open(DumpSource.of(file, file.getFileName().toString()), limits)) {
            return TestDumps.readAll(reader);
        }
    }
}
