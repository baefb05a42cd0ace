package io.github.blockwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory means the dumps in it: what is taken as a dump, what is skipped, and what is still an error. */
class DumpFilesTest {
    private static final Path DATA = Path.of("data");

    @TempDir
    Path dir;

    @Test
    void shouldTakeTheBundledDumpsOfDataAndSkipItsReadmeAndGitBundle() throws IOException {
        DumpFiles.Selection selection = DumpFiles.select(List.of(DATA));

        assertThat(selection.dumps()).extracting(d -> d.source().name())
                .containsExactly("zi-2017-07-01.csv.gz", "zi-2018-05-05.csv.gz", "zi-2020-01-26.csv.gz");
        assertThat(selection.skipped()).containsExactly(DATA.resolve("README.md"),
                DATA.resolve("rkn-xml-2014-11-01-to-11-10.bundle"));
        assertThat(selection.skippedLine()).isEqualTo("skipped 2 files that are not dumps: data/README.md, "
                + "data/rkn-xml-2014-11-01-to-11-10.bundle");
    }

    @Test
    void shouldTellDumpsFromOtherFilesByTheirContentNotTheirName() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "# blocked today\n\n10.0.0.0/8  # a comment\n");
        Files.writeString(dir.resolve("b"), "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<reg:register updateTime=\"2015-05-31T23:00:00+03:00\" "
                + "updateTimeUrgently=\"2015-05-31T23:00:00+03:00\" formatVersion=\"2.1\" xmlns:reg=\"http://rsoc.ru\"></reg:register>\n");
        gzip(dir.resolve("c.gz"), "Updated: 2018-05-05 13:25:00 +0000\n1.2.3.4;;;court;1;2018-01-01\n");
        Files.writeString(dir.resolve("d.csv"), "ip;domain;url\n1.2.3.4;example.org;\n");
        Files.writeString(dir.resolve("notes.md"), "# Notes\n\n2018: the ban; 2020: lifted\n");
        gzip(dir.resolve("owners.json.gz"), "{\"prefixes\": [{\"ip_prefix\": \"52.58.0.0/15\"}]}");
        Files.writeString(dir.resolve("empty.csv"), "");
        Files.writeString(dir.resolve(".hidden.csv"), "Updated: 2018-05-05 13:25:00 +0000\n");

        DumpFiles.Selection selection = DumpFiles.select(List.of(dir));

        assertThat(selection.dumps()).extracting(d -> d.source().name()).containsExactlyInAnyOrder("a.txt", "b", "c.gz");
        assertThat(selection.skipped()).extracting(p -> p.getFileName().toString())
                .containsExactly("d.csv", "empty.csv", "notes.md", "owners.json.gz");
    }

    @Test
    void shouldStillRefuseADumpThatStartsLikeOneButDoesNotParse() throws IOException {
        Files.copy(DATA.resolve("zi-2017-07-01.csv.gz"), dir.resolve("zi-2017-07-01.csv.gz"));
        Files.writeString(dir.resolve("headless.csv"), "1.2.3.4;example.org;;court;1;2018-01-01\n");

        assertThatThrownBy(() -> DumpFiles.select(List.of(dir)))
                .hasMessage("headless.csv: looks like dump.csv but has no 'Updated:' first line");
    }

    @Test
    void shouldRefuseABrokenGzipRatherThanSkipIt() throws IOException {
        byte[] whole = Files.readAllBytes(DATA.resolve("zi-2017-07-01.csv.gz"));
        byte[] cut = java.util.Arrays.copyOf(whole, 20);
        Files.write(dir.resolve("zi-cut.csv.gz"), cut);

        assertThatThrownBy(() -> DumpFiles.select(List.of(dir))).hasMessageContaining("zi-cut.csv.gz");
    }

    @Test
    void shouldSayThereAreNoDumpsInAnEmptyDirectory() {
        assertThatThrownBy(() -> DumpFiles.select(List.of(dir))).hasMessage("no dumps in " + dir);
    }

    @Test
    void shouldNameWhatADirectoryWithoutDumpsHolds() throws IOException {
        Files.writeString(dir.resolve("README.md"), "# Dumps go here\n");

        assertThatThrownBy(() -> DumpFiles.select(List.of(dir))).hasMessage("no dumps in " + dir + " (not dumps: README.md)");
    }

    @Test
    void shouldTakeAFileNamedOnTheCommandLineAsADumpWhateverItHolds() {
        assertThatThrownBy(() -> DumpFiles.select(List.of(DATA.resolve("README.md"))))
                .hasMessage("README.md: looks like dump.csv but has no 'Updated:' first line");
    }

    @Test
    void shouldNameAMissingPath() {
        assertThatThrownBy(() -> DumpFiles.select(List.of(dir.resolve("nope"))))
                .hasMessage(dir.resolve("nope") + ": no such file or directory");
    }

    private static void gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
