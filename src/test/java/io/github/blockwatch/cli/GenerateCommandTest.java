package io.github.blockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.registry.DumpGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blockwatch generate}: the 2025 shape in the mirror's split layout, read back by {@code count} as one
 * dump, and the default output left as it was.
 */
class GenerateCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteThe2025ShapeInPartsThatCountReadsAsOneDump() throws IOException {
        Path parts = dir.resolve("present");

        CliRun run = CliRun.of("generate", "--shape", "2025", "--rows", "3000", "--parts", "20", "--seed", "4", "-o", parts.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).containsExactly(
                "shape 2025: 3,000 rows: 15 IP-only (of which 1 listing a subnet and 2 long rows of 258,115 and 4,627 addresses), 60 listing an IPv6 address",
                parts + ": 3,000 rows in 20 parts (dump-00.csv ... dump-19.csv), registry time 2025-10-01T00:00:00Z");
        try (Stream<Path> files = Files.list(parts)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactlyElementsOf(
                    IntStream.range(0, 20).mapToObj(n -> String.format("dump-%02d.csv", n)).toList());
        }

        CliRun count = CliRun.of("count", parts.toString());

        assertThat(count.exitCode()).as(count.err()).isZero();
        // 3,000 rows, each its own entry; ranges: the 60 IPv6 addresses, and the long rows' 262,742 IPv4 addresses
        // among the others'.
        assertThat(count.outLines()).startsWith(
                "dump-{00..19}.csv (csv, registry time 2025-10-01T00:00:00Z)",
                "  rows read 3,000 = accepted 3,000 + rejected 0");
        assertThat(count.outLines().get(2)).startsWith("  entries 3,000, distinct ranges ").endsWith(", IPv6 60)");
        assertThat(ipv4Ranges(count.outLines().get(2))).isGreaterThan(258_115 + 4_627);
    }

    @Test
    void shouldSplitTheBytesOfTheOneDumpTheSameArgumentsWrite() throws IOException {
        Path whole = dir.resolve("whole.csv");
        Path parts = dir.resolve("parts");

        CliRun one = CliRun.of("generate", "--shape", "2025", "--rows", "2000", "--deltas", "1", "-o", whole.toString());
        CliRun split = CliRun.of("generate", "--shape", "2025", "--rows", "2000", "--deltas", "1", "--parts", "20", "-o", parts.toString());

        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(split.exitCode()).as(split.err()).isZero();
        assertThat(concatenated(parts)).isEqualTo(Files.readAllBytes(whole));
        assertThat(concatenated(dir.resolve("parts-d01"))).as("day 1, in the directory beside")
                .isEqualTo(Files.readAllBytes(dir.resolve("whole-d01.csv")));
        CliRun countParts = CliRun.of("count", parts.toString(), dir.resolve("parts-d01").toString());
        CliRun countWhole = CliRun.of("count", whole.toString(), dir.resolve("whole-d01.csv").toString());
        assertThat(countParts.exitCode()).as(countParts.err()).isZero();
        assertThat(countParts.outLines()).hasSize(10);
        assertThat(withoutNames(countParts.outLines())).isEqualTo(withoutNames(countWhole.outLines()));
    }

    @Test
    void shouldLeaveTheDefaultOutputAsItWas() throws IOException {
        Path file = dir.resolve("dump.csv");

        CliRun run = CliRun.of("generate", "--rows", "2000", "--subnets", "50", "--seed", "9", "-o", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).containsExactly(file + ": 2,000 rows, registry time 2024-03-01T09:00:00Z");
        StringWriter expected = new StringWriter();
        new DumpGenerator(9, 2000, 50).write(0, expected);
        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toString().getBytes(Charset.forName("windows-1251")));
    }

    @Test
    void shouldRefuseWhatWouldNotBeTheDumpAsked() throws IOException {
        Path parts = Files.createDirectories(dir.resolve("parts"));
        Files.writeString(parts.resolve("dump-07.csv.gz"), "left by an earlier run");
        Files.writeString(parts.resolve("README.md"), "not a part");

        CliRun stale = CliRun.of("generate", "--rows", "100", "--parts", "5", "-o", parts.toString());
        CliRun subnets = CliRun.of("generate", "--shape", "2025", "--rows", "100", "--subnets", "3", "-o", dir.resolve("a.csv").toString());
        CliRun shape = CliRun.of("generate", "--shape", "2030", "--rows", "100", "-o", dir.resolve("b.csv").toString());
        CliRun tooMany = CliRun.of("generate", "--rows", "10", "--parts", "20", "-o", dir.resolve("c").toString());

        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.errLines()).containsExactly("blockwatch generate: error: " + parts
                + " already holds parts of another dump (dump-07.csv.gz); remove them or choose another directory");
        assertThat(subnets.exitCode()).isEqualTo(2);
        assertThat(subnets.errLines().get(0)).isEqualTo("--subnets does not go with --shape 2025: that shape sets its own subnet rows");
        assertThat(shape.exitCode()).isEqualTo(2);
        assertThat(shape.errLines().get(0)).isEqualTo("--shape must be 'default' or '2025', not '2030'");
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.errLines().get(0)).isEqualTo("--parts 20 needs at least 20 rows");
        assertThat(dir.resolve("a.csv")).doesNotExist();
        assertThat(dir.resolve("c")).doesNotExist();
        try (Stream<Path> files = Files.list(parts)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("dump-07.csv.gz", "README.md");
        }
    }

    private static byte[] concatenated(Path parts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.list(parts)) {
            for (Path part : files.sorted().toList()) {
                bytes.write(Files.readAllBytes(part));
            }
        }
        return bytes.toByteArray();
    }

    /** count's lines without the first of each dump, which names it. */
    private static List<String> withoutNames(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("  ")).toList();
    }

    private static long ipv4Ranges(String line) {
        return Long.parseLong(line.replaceAll(".*\\(IPv4 ([0-9,]+),.*", "$1").replace(",", ""));
    }
}
