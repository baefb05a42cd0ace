package io.github.blockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blockwatch count dump-00.csv dump-01.csv} or {@code count DIR}: the parts of a split dump counted as
 * the one dump they are.
 */
class CountSplitDumpTest {
    @TempDir
    Path dir;

    @Test
    void shouldCountTheNamedPartsAsOneDump() throws Exception {
        byte[] whole;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("data/zi-2018-05-05.csv.gz")))) {
            whole = in.readAllBytes();
        }
        int cut = whole.length / 2;
        while (whole[cut - 1] != '\n') {
            cut++;
        }
        Path first = Files.write(dir.resolve("dump-00.csv"), Arrays.copyOfRange(whole, 0, cut));
        Path second = Files.write(dir.resolve("dump-01.csv.gz"), gzip(Arrays.copyOfRange(whole, cut, whole.length)));

        CliRun run = CliRun.of("count", second.toString(), first.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        // The figures of the whole zi-2018-05-05 dump (CliTest.shouldCountTheRealDumpOffline).
        assertThat(run.outLines()).contains(
                "dump-{00..01}.csv (csv, registry time 2018-05-05T13:25:00Z)",
                "  rows read 32,797 = accepted 32,796 + rejected 1",
                "  distinct IPv4 addresses 14,692,449");
    }

    @Test
    void shouldCountASplitDumpsDirectoryAsOneDump() throws Exception {
        // As the mirror publishes it since 2024: the parts beside a README.
        Files.writeString(dir.resolve("dump-00.csv"), "Updated: 2019-03-01 10:00:00 +0000\n1.2.3.0/24;;;court;1;2019-01-01\n");
        Files.writeString(dir.resolve("dump-01.csv"), "5.6.7.8;;;court;2;2019-01-01\n");
        Files.writeString(dir.resolve("README.md"), "# registry dump, split in parts\n");

        CliRun run = CliRun.of("count", dir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).contains("dump-{00..01}.csv (csv, registry time 2019-03-01T10:00:00Z)",
                "  rows read 2 = accepted 2 + rejected 0", "  distinct IPv4 addresses 257");
        assertThat(run.errLines()).containsExactly("blockwatch count: skipped 1 file that is not a dump: " + dir.resolve("README.md"));
    }

    @Test
    void shouldRefuseOnePartAloneWithOneLine() throws Exception {
        Files.writeString(dir.resolve("dump-00.csv"), "Updated: 2019-03-01 10:00:00 +0000\n1.2.3.4;;;суд;1;2019-01-01\n");
        Files.writeString(dir.resolve("dump-01.csv"), "5.6.7.8;;;суд;2;2019-01-01\n");

        CliRun run = CliRun.of("count", dir.resolve("dump-00.csv").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("blockwatch count: error: dump-00.csv: parts lying next to it were not named "
                + "(dump-01.csv); name every part, or the directory");
    }

    private static byte[] gzip(byte[] bytes) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
