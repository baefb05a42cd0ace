package io.github.blockwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.blockwatch.registry.DumpSource;
import io.github.blockwatch.registry.RowPlace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ingest makes of a split dump, short of Kafka: one dump with the digest of the whole (so the same
 * registry time published as dump.csv and as parts is ingested once), and rejected rows placed in their part.
 */
class SplitDumpIngestTest {
    private static final Path ZI_2017 = Path.of("data/zi-2017-07-01.csv.gz");
    private static final Path ZI_2018 = Path.of("data/zi-2018-05-05.csv.gz");

    @TempDir
    Path dir;

    /** zi-2018-05-05 cut into four parts at line ends, in {@code into}. */
    private static List<Path> parts(Path into) throws IOException {
        byte[] whole;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(ZI_2018))) {
            whole = in.readAllBytes();
        }
        int[] cuts = {0, 0, 0, 0, whole.length};
        for (int i = 1; i < 4; i++) {
            int cut = whole.length * i / 4;
            while (whole[cut - 1] != '\n') {
                cut++;
            }
            cuts[i] = cut;
        }
        Files.createDirectories(into);
        Path[] parts = new Path[4];
        for (int i = 0; i < 4; i++) {
            parts[i] = Files.write(into.resolve(String.format(Locale.ROOT, "dump-%02d.csv", i)),
                    Arrays.copyOfRange(whole, cuts[i], cuts[i + 1]));
        }
        return List.of(parts);
    }

    @Test
    void shouldParseTheSplitDumpAsTheWholeAndPlaceItsCutOffRowInTheLastPart() throws IOException {
        List<Path> parts = parts(dir);
        ParsedDump whole = DumpParser.parse(DumpSource.of(ZI_2018), Progress.NONE);

        ParsedDump split = DumpParser.parse(new DumpSource("dump-{00..03}.csv", parts), Progress.NONE);

        assertThat(split.digest()).isEqualTo(whole.digest());
        assertThat(split.entries()).isEqualTo(whole.entries());
        assertThat(split.rowsRead()).isEqualTo(32_797);
        RejectedRow cutOff = split.rejected().get(0);
        long linesOfPart3 = Files.readString(parts.get(3), java.nio.charset.StandardCharsets.ISO_8859_1).split("\n", -1).length;
        assertThat(cutOff.place()).isEqualTo(new RowPlace("dump-03.csv", linesOfPart3));
        assertThat(cutOff.place().toString()).startsWith("dump-03.csv:");
        assertThat(whole.rejected().get(0).place()).isEqualTo(new RowPlace("zi-2018-05-05.csv.gz", 32_798));
    }

    @Test
    void shouldTakeASplitDumpInADirectoryAsOneDumpInRegistryOrder() throws IOException {
        parts(dir.resolve("mirror"));
        Files.copy(ZI_2017, dir.resolve("mirror/zi-2017-07-01.csv.gz"));

        List<DumpFiles.DumpFile> dumps = DumpFiles.inRegistryOrder(List.of(dir.resolve("mirror")));

        assertThat(dumps).extracting(d -> d.source().name()).containsExactly("zi-2017-07-01.csv.gz", "dump-{00..03}.csv");
        assertThat(dumps.get(1).source().files()).hasSize(4);
    }

    @Test
    void shouldRefuseADirectoryWithAPartMissing() throws IOException {
        List<Path> parts = parts(dir);
        Files.delete(parts.get(2));

        assertThatThrownBy(() -> DumpFiles.inRegistryOrder(List.of(dir)))
                .hasMessage("dump-{00..03}.csv: part dump-02.csv is missing; a split dump is read whole or not at all");
    }
}
