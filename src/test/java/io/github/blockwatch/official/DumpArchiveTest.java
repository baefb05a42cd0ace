package io.github.blockwatch.official;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.blockwatch.registry.DumpFormat;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.ParsedRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpArchiveTest {
    @TempDir
    static Path work;

    private static byte[] dumpXml;

    @BeforeAll
    static void readBundle() throws Exception {
        dumpXml = Archives.dumpXml(work, 0);
    }

    @Test
    void shouldStreamTheRealDumpXmlStraightFromTheZip() throws Exception {
        Path zip = Archives.write(work, "good.zip", Archives.archive(dumpXml));

        try (DumpArchive archive = DumpArchive.open(zip, DumpArchive.Limits.DEFAULTS, "dump.xml@test");
             DumpReader reader = archive.dump().open()) {
            assertThat(reader.header().format()).isEqualTo(DumpFormat.XML);
            assertThat(reader.header().registryTime()).isEqualTo(Archives.NEWEST);
            long accepted = 0;
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                accepted += row instanceof ParsedRow.Accepted ? 1 : 0;
            }
            assertThat(accepted).isGreaterThan(5_000);
            assertThat(archive.signature()).isEqualTo(Archives.SIGNATURE);
        }
    }

    @Test
    void shouldRefuseAWrongSignatureFileName() throws IOException {
        assertRefused(entries("dump.xml", dumpXml, "dump.sig", Archives.SIGNATURE),
                "the archive holds an unexpected entry 'dump.sig' (expected only dump.xml and dump.xml.sig); refused");
    }

    @Test
    void shouldRefuseAMissingSignature() throws IOException {
        assertRefused(entries("dump.xml", dumpXml), "the archive has no dump.xml.sig (entries: dump.xml); refused");
    }

    @Test
    void shouldRefuseAPathTraversalName() throws IOException {
        assertRefused(entries("../dump.xml", dumpXml, "dump.xml.sig", Archives.SIGNATURE),
                "the archive holds an unexpected entry '../dump.xml' (expected only dump.xml and dump.xml.sig); refused");
    }

    @Test
    void shouldRefuseADirectoryOrASubfolder() throws IOException {
        assertRefused(entries("x/dump.xml", dumpXml, "dump.xml.sig", Archives.SIGNATURE), "unexpected entry 'x/dump.xml'");
    }

    @Test
    void shouldRefuseAnExtraFile() throws IOException {
        assertRefused(entries("dump.xml", dumpXml, "dump.xml.sig", Archives.SIGNATURE, "readme.txt", new byte[1]),
                "unexpected entry 'readme.txt'");
    }

    @Test
    void shouldRefuseTheSameEntryTwice() throws IOException {
        Path zip = Archives.write(work, "twice.zip", Archives.duplicateDump(dumpXml));

        assertThatThrownBy(() -> DumpArchive.open(zip, DumpArchive.Limits.DEFAULTS, "t")).isInstanceOf(OperatorServiceException.class)
                .hasMessage("t: the archive holds dump.xml twice; refused");
    }

    @Test
    void shouldRefuseSomethingThatIsNotAZip() throws IOException {
        Path zip = Archives.write(work, "html.zip", "<html>503 Service Unavailable</html>".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> DumpArchive.open(zip, DumpArchive.Limits.DEFAULTS, "t")).isInstanceOf(OperatorServiceException.class)
                .hasMessageStartingWith("t: the archive is not a zip (");
    }

    @Test
    void shouldRefuseAZipBombWhileReadingIt() throws Exception {
        byte[] bomb = Archives.bomb(64 * 1024 * 1024);
        assertThat(bomb.length).isLessThan(200_000);
        Path zip = Archives.write(work, "bomb.zip", bomb);

        try (DumpArchive archive = DumpArchive.open(zip, DumpArchive.Limits.DEFAULTS, "t")) {
            assertThatThrownBy(() -> {
                try (DumpReader reader = archive.dump().open()) {
                    while (reader.next() != null) {
                        // read on until refused
                    }
                }
            }).hasMessageStartingWith("t: dump.xml inflates past 100 times the archive's").hasMessageEndingWith("; refused as a zip bomb");
        }
    }

    @Test
    void shouldRefuseADumpLargerThanTheCap() throws Exception {
        Path zip = Archives.write(work, "large.zip", Archives.archive(dumpXml));
        DumpArchive.Limits small = new DumpArchive.Limits(Sizes.GIB, Sizes.MIB, 1000);

        try (DumpArchive archive = DumpArchive.open(zip, small, "t")) {
            assertThatThrownBy(() -> {
                try (DumpReader reader = archive.dump().open()) {
                    while (reader.next() != null) {
                        // read on until refused
                    }
                }
            }).hasMessage("t: dump.xml inflates past 1 MiB; refused (--max-dump-mb)");
        }
    }

    @Test
    void shouldRefuseAnArchiveLargerThanTheCap() throws IOException {
        Path zip = Archives.write(work, "big.zip", Archives.archive(dumpXml));

        assertThatThrownBy(() -> DumpArchive.open(zip, new DumpArchive.Limits(1024, Sizes.GIB, 100), "t"))
                .hasMessageMatching("t: the archive is [\\d,]+ bytes, more than 1 KiB; refused");
    }

    @Test
    void shouldRefuseADumpXmlThatIsACsv() throws IOException {
        byte[] csv = "Updated: 2021-03-01 10:00:00 +0000\n1.1.1.1;;;суд;1;2021-01-01\n".getBytes(java.nio.charset.Charset.forName("windows-1251"));
        Path zip = Archives.write(work, "csv.zip", entries("dump.xml", csv, "dump.xml.sig", Archives.SIGNATURE));

        try (DumpArchive archive = DumpArchive.open(zip, DumpArchive.Limits.DEFAULTS, "t")) {
            assertThatThrownBy(() -> archive.dump().open()).hasMessage("t: the archive's dump.xml is not a registry dump.xml (it reads as csv)");
        }
    }

    private static void assertRefused(byte[] zipBytes, String message) throws IOException {
        Path zip = Archives.write(work, "refused.zip", zipBytes);
        assertThatThrownBy(() -> DumpArchive.open(zip, DumpArchive.Limits.DEFAULTS, "t"))
                .isInstanceOf(OperatorServiceException.class)
                .hasMessageContaining(message);
    }

    private static byte[] entries(Object... nameAndBytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < nameAndBytes.length; i += 2) {
            entries.put((String) nameAndBytes[i], (byte[]) nameAndBytes[i + 1]);
        }
        return Archives.zip(entries);
    }
}
