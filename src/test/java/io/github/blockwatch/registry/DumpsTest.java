package io.github.blockwatch.registry;

import static io.github.blockwatch.registry.TestDumps.CP1251;
import static io.github.blockwatch.registry.TestDumps.readAll;
import static io.github.blockwatch.registry.TestDumps.real;
import static io.github.blockwatch.registry.TestDumps.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telling formats and gzip apart by content, and failing with clear messages. */
class DumpsTest {
    private static final String CSV = "Updated: 2018-05-05 13:25:00 +0000\n1.2.3.4;;;суд;1;2013-06-10\n";

    @TempDir
    Path dir;

    @Test
    void shouldReadAPlainFileNamedGz() throws IOException {
        Path dump = write(dir, "zi-x.csv.gz", CSV, CP1251);

        try (DumpReader reader = Dumps.open(dump)) {
            assertThat(reader.header().format()).isEqualTo(DumpFormat.CSV);
            assertThat(readAll(reader)).hasSize(1);
            assertThat(reader.bytesRead()).isEqualTo(Files.size(dump));
            assertThat(reader.digest()).isEqualTo(TestDumps.sha256(Files.readAllBytes(dump)));
        }
    }

    @Test
    void shouldReadAGzippedFileWithoutGzInItsName() throws IOException {
        Path dump = TestDumps.writeGzip(dir, "dump.csv", CSV, CP1251);

        assertThat(Dumps.readHeader(dump)).isEqualTo(new DumpHeader("dump.csv", DumpFormat.CSV, Instant.parse("2018-05-05T13:25:00Z")));
    }

    @Test
    void shouldUseTheGivenSourceName() throws IOException {
        Path dump = write(dir, "dump.csv", CSV, CP1251);

        try (DumpReader reader = Dumps.open(dump, "https://example.org/dump.csv")) {
            assertThat(reader.header().source()).isEqualTo("https://example.org/dump.csv");
        }
    }

    @Test
    void shouldExplainATruncatedGzipFile() throws IOException {
        byte[] whole = Files.readAllBytes(real("zi-2017-07-01.csv.gz"));
        Path cut = Files.write(dir.resolve("zi-x.csv.gz"), Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> readAll(cut))
                .isInstanceOf(IOException.class)
                .hasMessage("zi-x.csv.gz: truncated gzip stream");
    }

    @Test
    void shouldExplainAGzipFileCutInsideItsHeader() throws IOException {
        Path cut = Files.write(dir.resolve("zi-x.csv.gz"), new byte[] {0x1f, (byte) 0x8b, 8});

        assertThatThrownBy(() -> Dumps.open(cut))
                .isInstanceOf(IOException.class)
                .hasMessage("zi-x.csv.gz: truncated gzip stream");
    }

    @Test
    void shouldExplainATruncatedGzippedXml() throws IOException {
        byte[] whole = Files.readAllBytes(real("dump-2014-10-31T2305.xml.gz"));
        Path cut = Files.write(dir.resolve("dump.xml.gz"), Arrays.copyOf(whole, whole.length - 1000));

        assertThatThrownBy(() -> readAll(cut))
                .isInstanceOf(IOException.class)
                .hasMessage("dump.xml.gz: truncated gzip stream");
    }

    @Test
    void shouldRefuseBinaryDataRatherThanReadItAsAList() throws IOException {
        Path zeros = dir.resolve("zeros.lst");
        Files.write(zeros, new byte[1 << 20]);

        assertThatThrownBy(() -> Dumps.open(zeros))
                .isInstanceOf(IOException.class)
                .hasMessage("zeros.lst: binary data (a NUL byte in its first 64 KiB), not a registry dump or an address list; refused");
    }

    @Test
    void shouldRefuseAnEmptyFile() throws IOException {
        Path empty = Files.write(dir.resolve("empty.csv"), new byte[0]);
        Path emptyGzip = Files.write(dir.resolve("empty.csv.gz"), TestDumps.gzip(new byte[0]));

        assertThatThrownBy(() -> Dumps.open(empty)).isInstanceOf(IOException.class).hasMessage("empty.csv: dump is empty (0 bytes)");
        assertThatThrownBy(() -> Dumps.open(emptyGzip)).isInstanceOf(IOException.class).hasMessage("empty.csv.gz: dump is empty (0 bytes)");
    }

    @Test
    void shouldRefuseACsvWhoseUpdatedLineIsDamaged() throws IOException {
        // Found by DumpFuzzProperties: read as a CIDR list, every row would be rejected and the diff would
        // remove every entry of the registry.
        Path damaged = write(dir, "dump.csv", "Updaed: 2018-05-05 13:25:00 +0000\n1.2.3.4;;;суд;1;2013-06-10\n", CP1251);

        assertThatThrownBy(() -> Dumps.open(damaged))
                .isInstanceOf(IOException.class)
                .hasMessage("dump.csv: looks like dump.csv but has no 'Updated:' first line");
    }

    @Test
    void shouldRefuseADumpXmlWithTextBeforeItsDeclaration() throws IOException {
        // Found by DumpFuzzProperties (300 tries): read as a CIDR list it would remove every entry too.
        Path junk = write(dir, "dump.xml", "'<?xml version=\"1.0\" encoding=\"windows-1251\"?>"
                + "<reg:register xmlns:reg=\"http://rsoc.ru\" updateTime=\"2015-05-31T23:00:00+03:00\"/>", CP1251);

        assertThatThrownBy(() -> Dumps.open(junk))
                .isInstanceOf(IOException.class)
                .hasMessage("dump.xml: looks like dump.xml but has text before its first '<'");
    }

    @Test
    void shouldRefuseACsvWithoutItsUpdatedLine() throws IOException {
        Path headless = write(dir, "dump.csv", "# exported\n\n1.2.3.4;;;суд;1;2013-06-10\n", CP1251);

        assertThatThrownBy(() -> Dumps.open(headless))
                .isInstanceOf(IOException.class)
                .hasMessage("dump.csv: looks like dump.csv but has no 'Updated:' first line");
    }

    @Test
    void shouldTellTheFormatFromTheContent() throws IOException {
        Path xml = write(dir, "a.txt", "\n  <reg:register xmlns:reg=\"http://rsoc.ru\" updateTime=\"2015-05-31T23:00:00+03:00\"/>",
                StandardCharsets.UTF_8);
        Path list = write(dir, "b.csv", "# blocked; by hand\n1.2.3.4\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(list, FileTime.from(Instant.parse("2020-01-02T03:04:05Z")));

        assertThat(Dumps.readHeader(xml).format()).isEqualTo(DumpFormat.XML);
        assertThat(Dumps.readHeader(list)).isEqualTo(new DumpHeader("b.csv", DumpFormat.LIST, Instant.parse("2020-01-02T03:04:05Z")));
    }

    @Test
    void shouldNameAMissingFile() {
        assertThatThrownBy(() -> Dumps.open(dir.resolve("nope.csv")))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("nope.csv: no such file");
    }
}
