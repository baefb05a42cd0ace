package io.github.blockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blockwatch compare} as scripts and people meet it: the JSON document, the table, the errors. */
class CompareCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldPrintOneJsonObjectForScripts() throws Exception {
        CliRun run = CliRun.of("compare", "--format", "json", "--limit", "2",
                "data/zi-2017-07-01.csv.gz", "data/zi-2018-05-05.csv.gz");

        assertThat(run.exitCode()).isEqualTo(CompareCommand.DIFFERENT);
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).hasSize(1);
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.at("/a/source").asText()).isEqualTo("zi-2017-07-01.csv.gz");
        assertThat(doc.at("/a/registryTime").asText()).isEqualTo("2017-07-01T08:00:00Z");
        assertThat(doc.at("/b/format").asText()).isEqualTo("csv");
        assertThat(doc.at("/b/ipv4").asLong()).isEqualTo(14_692_449);
        assertThat(doc.at("/registryTimeDifferenceSeconds").asLong()).isEqualTo(26_630_700);
        assertThat(doc.at("/matchedBy").asText()).isEqualTo("key");
        assertThat(doc.at("/entries/onlyInA/count").asLong()).isEqualTo(1_793);
        assertThat(doc.at("/entries/onlyInB/count").asLong()).isEqualTo(27_903);
        assertThat(doc.at("/entries/changed/count").asLong()).isEqualTo(537);
        assertThat(doc.at("/entries/same").asLong()).isEqualTo(4_356);
        assertThat(doc.at("/entries/onlyInB/samples")).hasSize(2);
        assertThat(doc.at("/ipv4/onlyInA/count").asLong()).isEqualTo(997);
        assertThat(doc.at("/ipv4/onlyInA/samples/0").asText()).isEqualTo("1.55.189.76/32");
        assertThat(doc.at("/ipv4/onlyInB/count").asLong()).isEqualTo(14_666_427);
        assertThat(doc.at("/ipv4/inBoth").asLong()).isEqualTo(26_022);
        assertThat(doc.at("/identical").asBoolean()).isFalse();
    }

    @Test
    void shouldPrintATable() {
        CliRun run = CliRun.of("compare", "--limit", "1", "data/zi-2017-07-01.csv.gz", "data/zi-2018-05-05.csv.gz");

        assertThat(run.exitCode()).isEqualTo(CompareCommand.DIFFERENT);
        assertThat(run.outLines()).contains(
                "B is newer by 308d 5h 25m",
                "                          entries     IPv4 addresses",
                "only in A                   1,793                997",
                "only in B                  27,903         14,666,427",
                "in both                     4,893             26,022",
                "IPv4 only in A (1 of 997):",
                "  1.55.189.76/32");
    }

    @Test
    void shouldFindASplitDumpInADirectoryEqualToTheWholeFile() throws Exception {
        byte[] whole;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("data/zi-2020-01-26.csv.gz")))) {
            whole = in.readAllBytes();
        }
        int cut = whole.length / 2;
        while (whole[cut - 1] != '\n') {
            cut++;
        }
        Path parts = Files.createDirectories(dir.resolve("mirror"));
        Files.write(parts.resolve("dump-00.csv"), Arrays.copyOfRange(whole, 0, cut));
        Files.write(parts.resolve("dump-01.csv"), Arrays.copyOfRange(whole, cut, whole.length));

        CliRun run = CliRun.of("compare", "--format", "json", parts.toString(), "data/zi-2020-01-26.csv.gz");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.at("/a/source").asText()).isEqualTo("dump-{00..01}.csv");
        assertThat(doc.at("/entries/same").asLong()).isEqualTo(41);
        assertThat(doc.at("/identical").asBoolean()).isTrue();
    }

    @Test
    void shouldFailWithOneLineForAMissingOrUnreadableDump() throws Exception {
        CliRun missing = CliRun.of("compare", "data/no-such.csv", "data/zi-2020-01-26.csv.gz");
        Path garbage = Files.writeString(dir.resolve("garbage.csv"), "1.2.3.4;a;b\n");
        CliRun unreadable = CliRun.of("compare", garbage.toString(), "data/zi-2020-01-26.csv.gz");

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.errLines()).singleElement().asString()
                .isEqualTo("blockwatch compare: error: data/no-such.csv: no such file or directory");
        assertThat(unreadable.exitCode()).isEqualTo(1);
        assertThat(unreadable.errLines()).singleElement().asString()
                .isEqualTo("blockwatch compare: error: garbage.csv: looks like dump.csv but has no 'Updated:' first line");
    }

    @Test
    void shouldShowItsOptionsInItsHelp() {
        CliRun run = CliRun.of("compare", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: blockwatch compare", "--format", "--limit", "Exit codes:", "3   the dumps differ");
    }
}
