package io.github.blockwatch.registry;

import static io.github.blockwatch.registry.TestDumps.readAll;
import static io.github.blockwatch.registry.TestDumps.real;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mirror's split dump ({@code dump-00.csv} … {@code dump-19.csv}) read as one dump. The parts are made
 * here from the real zi-2018-05-05 dump the way the mirror makes them: its bytes cut into 20 pieces of
 * about equal size at line ends, the {@code Updated:} line only in part 00.
 */
class SplitDumpsTest {
    private static final int PARTS = 20;

    private static byte[] whole;
    private static List<ParsedRow> wholeRows;
    private static String wholeDigest;
    private static DumpHeader wholeHeader;

    @TempDir
    Path dir;

    @BeforeAll
    static void readTheWholeDump() throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(real("zi-2018-05-05.csv.gz")))) {
            whole = in.readAllBytes();
        }
        try (DumpReader reader = Dumps.open(real("zi-2018-05-05.csv.gz"))) {
            wholeHeader = reader.header();
            wholeRows = readAll(reader);
            wholeDigest = reader.digest();
        }
    }

    /** Cuts {@code bytes} into {@code n} pieces of about equal size, each cut moved on to the next line end. */
    private static List<byte[]> cutAtLineEnds(byte[] bytes, int n) {
        List<byte[]> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= n; i++) {
            int end = i == n ? bytes.length : (int) ((long) bytes.length * i / n);
            while (i < n && end < bytes.length && bytes[end - 1] != '\n') {
                end++;
            }
            pieces.add(Arrays.copyOfRange(bytes, start, end));
            start = end;
        }
        return pieces;
    }

    private List<Path> writeParts(List<byte[]> pieces, String name, boolean gzip) throws IOException {
        List<Path> parts = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            String file = String.format(Locale.ROOT, "%s-%02d.csv%s", name, i, gzip ? ".gz" : "");
            parts.add(Files.write(dir.resolve(file), gzip ? TestDumps.gzip(pieces.get(i)) : pieces.get(i)));
        }
        return parts;
    }

    private static DumpSource one(List<Path> files) throws IOException {
        List<DumpSource> sources = SplitDumps.group(files);
        assertThat(sources).hasSize(1);
        return sources.get(0);
    }

    @Test
    void shouldReadTheTwentyPartsAsTheDumpTheyWereCutFrom() throws IOException {
        List<Path> parts = writeParts(cutAtLineEnds(whole, PARTS), "dump", false);
        List<Path> shuffled = new ArrayList<>(parts);
        Collections.shuffle(shuffled, new java.util.Random(7));

        DumpSource source = one(shuffled);
        assertThat(source.name()).isEqualTo("dump-{00..19}.csv");
        assertThat(source.files()).isEqualTo(parts);
        try (DumpReader reader = Dumps.open(source)) {
            assertThat(reader.header().registryTime()).isEqualTo(wholeHeader.registryTime());
            assertThat(reader.header().source()).isEqualTo("dump-{00..19}.csv");
            List<ParsedRow> rows = readAll(reader);
            // 32,797 rows, the same entries under the same keys and line numbers, the same cut-off last row.
            assertThat(rows).isEqualTo(wholeRows);
            assertThat(reader.digest()).isEqualTo(wholeDigest);
            assertThat(reader.bytesRead()).isEqualTo(whole.length);
        }
    }

    @Test
    void shouldPlaceARejectedRowInItsPart() throws IOException {
        List<byte[]> pieces = cutAtLineEnds(whole, PARTS);
        List<Path> parts = writeParts(pieces, "dump", false);
        ParsedRow.Rejected cutOff = TestDumps.rejected(wholeRows).get(0);
        long linesInPart19 = new String(pieces.get(19), TestDumps.CP1251).split("\n", -1).length;

        try (DumpReader reader = Dumps.open(one(parts))) {
            readAll(reader);
            // The real dump's last row is cut off: the 32,798th line overall, the last line of part 19.
            assertThat(cutOff.line()).isEqualTo(32_798);
            assertThat(reader.place(cutOff.line())).isEqualTo(new RowPlace("dump-19.csv", linesInPart19));
            assertThat(reader.place(1)).isEqualTo(new RowPlace("dump-00.csv", 1));
            long linesInPart00 = new String(pieces.get(0), TestDumps.CP1251).split("\n", -1).length - 1;
            assertThat(reader.place(linesInPart00 + 1)).isEqualTo(new RowPlace("dump-01.csv", 1));
        }
    }

    @Test
    void shouldJoinARowCutBetweenTwoParts() throws IOException {
        // Cut in the middle of a row: the row is read whole and belongs to the part it starts in.
        int cut = whole.length / 2;
        List<Path> parts = writeParts(List.of(Arrays.copyOfRange(whole, 0, cut), Arrays.copyOfRange(whole, cut, whole.length)),
                "dump", false);
        long rowStartLine = new String(Arrays.copyOfRange(whole, 0, cut), TestDumps.CP1251).split("\n", -1).length;

        try (DumpReader reader = Dumps.open(one(parts))) {
            assertThat(readAll(reader)).isEqualTo(wholeRows);
            assertThat(reader.place(rowStartLine)).isEqualTo(new RowPlace("dump-00.csv", rowStartLine));
            assertThat(reader.place(rowStartLine + 1)).isEqualTo(new RowPlace("dump-01.csv", 2));
        }
    }

    @Test
    void shouldReadGzippedPartsAndAGzippedWholeAlike() throws IOException {
        List<Path> parts = writeParts(cutAtLineEnds(whole, PARTS), "dump", true);
        Path gz = Files.write(dir.resolve("dump.csv.gz"), TestDumps.gzip(whole));

        assertThat(one(parts).name()).isEqualTo("dump-{00..19}.csv.gz");
        assertThat(readAll(Dumps.open(one(parts)))).isEqualTo(wholeRows);
        assertThat(readAll(gz)).isEqualTo(wholeRows);
    }

    @Test
    void shouldRefuseASplitDumpWithAPartMissing() throws IOException {
        List<Path> parts = writeParts(cutAtLineEnds(whole, PARTS), "dump", false);
        Files.delete(parts.get(7));
        List<Path> left = new ArrayList<>(parts);
        left.remove(7);

        assertThatThrownBy(() -> SplitDumps.group(left))
                .isInstanceOf(IOException.class)
                .hasMessage("dump-{00..19}.csv: part dump-07.csv is missing; a split dump is read whole or not at all");
        assertThatThrownBy(() -> SplitDumps.group(left.subList(1, left.size())))
                .hasMessage("dump-{00..19}.csv: part dump-00.csv is missing; a split dump is read whole or not at all");
    }

    @Test
    void shouldRefuseAPartWhoseSiblingsWereNotNamed() throws IOException {
        List<Path> parts = writeParts(cutAtLineEnds(whole, 3), "dump", false);

        assertThatThrownBy(() -> SplitDumps.group(parts.subList(0, 2)))
                .isInstanceOf(IOException.class)
                .hasMessage("dump-{00..01}.csv: parts lying next to it were not named (dump-02.csv); "
                        + "name every part, or the directory");
        assertThatThrownBy(() -> SplitDumps.group(parts.subList(0, 1)))
                .hasMessageStartingWith("dump-00.csv: parts lying next to it were not named (dump-01.csv, dump-02.csv)");
    }

    @Test
    void shouldTellPartsFromDatedDumps() {
        assertThat(SplitDumps.isPart(Path.of("dump-00.csv"))).isTrue();
        assertThat(SplitDumps.isPart(Path.of("dir/dump-19.csv.gz"))).isTrue();
        assertThat(SplitDumps.isPart(Path.of("zi-2018-05-05.csv.gz"))).isFalse();
        assertThat(SplitDumps.isPart(Path.of("dump.csv"))).isFalse();
        assertThat(SplitDumps.isPart(Path.of("dump-1.csv"))).isFalse();
    }

    @Test
    void shouldKeepOtherFilesApartAndInOrder() throws IOException {
        List<Path> parts = writeParts(cutAtLineEnds(whole, 2), "dump", false);
        Path other = Files.write(dir.resolve("zi-2018-05-05.csv"), whole);

        List<DumpSource> sources = SplitDumps.group(List.of(other, parts.get(1), parts.get(0)));

        assertThat(sources).extracting(DumpSource::name).containsExactly("zi-2018-05-05.csv", "dump-{00..01}.csv");
        assertThat(sources.get(1).files()).isEqualTo(parts);
    }
}
