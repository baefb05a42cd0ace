package io.github.blockwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * blockwatch's distinct IPv4 count agrees with FireHOL's {@code iprange -C} (an independent C
 * implementation) on the same ranges. {@code iprange -C} prints {@code entries,unique_ips}: the number of
 * ranges it read (duplicates included), then the distinct addresses of their union, e.g.
 * <pre>
 * $ printf '10.0.0.0/8\n10.1.0.0/16\n10.0.0.5\n11.0.0.0/31\n' | iprange -C
 * 4,16777218
 * $ printf '10.1.2.3/8\n' | iprange -C; printf '10.1.2.3/8\n' | iprange
 * 1,16777216
 * 10.0.0.0/8
 * </pre>
 * iprange is required, not optional: {@code ./test} installs it, and a missing one fails the test with how to get it.
 */
class IprangeAgreementTest {
    @TempDir
    Path tmp;

    /** Each bundled mirror dump.csv and one official dump.xml: all accepted IPv4 ranges, as ingest reads them. */
    @ParameterizedTest
    @ValueSource(strings = {"zi-2017-07-01.csv.gz", "zi-2018-05-05.csv.gz", "zi-2020-01-26.csv.gz",
        "dump-2015-05-31T2300.xml.gz"})
    void shouldCountTheSameDistinctIpv4AddressesAsIprange(String dump) throws Exception {
        Path file = TestDumps.real(dump);
        List<String> ranges = new ArrayList<>();
        for (Entry entry : TestDumps.accepted(TestDumps.readAll(file))) {
            entry.ranges().stream().filter(c -> c.family() == IpFamily.IPV4).map(Cidr::toString).forEach(ranges::add);
        }
        Path list = Files.write(tmp.resolve("ranges.txt"), ranges, StandardCharsets.US_ASCII);

        IprangeCount iprange = iprangeCount(list);
        DumpCount count;
        try (DumpReader reader = Dumps.open(file)) {
            count = DumpCounter.count(reader);
        }
        assertThat(ranges).as("a dump with IPv4 ranges").isNotEmpty();
        assertThat(iprange.entries()).as("iprange read every range we wrote").isEqualTo(ranges.size());
        assertThat(count.distinctIpv4()).as(dump).isEqualTo(iprange.uniqueIps());
    }

    /** The figures data/README gives (and iprange printed when they were written down): a guard on the guard. */
    @Test
    void shouldReproduceTheReadmeFiguresWithIprange() throws Exception {
        Path list = Files.write(tmp.resolve("2018.txt"), ipv4Ranges(TestDumps.real("zi-2018-05-05.csv.gz")));
        // $ blockwatch count --print-ipv4 data/zi-2018-05-05.csv.gz | iprange -C
        // 71354,14692449
        assertThat(iprangeCount(list)).isEqualTo(new IprangeCount(71_354, 14_692_449));
    }

    @Test
    void shouldAgreeOnOverlappingNestedAndDuplicateBlocks() throws Exception {
        Path list = Files.writeString(tmp.resolve("overlaps.txt"), "10.0.0.0/8\n10.1.0.0/16\n10.0.0.5\n11.0.0.0/31\n");
        // 10.0.0.0/8 swallows the /16 and the single address; 11.0.0.0/31 adds two
        assertThat(iprangeCount(list)).isEqualTo(new IprangeCount(4, 16_777_218));
        assertThat(blockwatchCount(list)).isEqualTo(16_777_218);
    }

    @Test
    void shouldWidenABlockWrittenWithHostBitsLikeIprange() throws Exception {
        Path list = Files.writeString(tmp.resolve("hostbits.txt"), "10.1.2.3/8\n");
        // iprange "fixes the network" by default: 10.1.2.3/8 is read as 10.0.0.0/8
        assertThat(iprangeCount(list)).isEqualTo(new IprangeCount(1, 16_777_216));
        assertThat(iprangeOutput(list)).isEqualTo("10.0.0.0/8\n");
        assertThat(Cidr.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
        assertThat(blockwatchCount(list)).isEqualTo(16_777_216);
    }

    /** {@code iprange -C}: ranges read, distinct addresses. */
    record IprangeCount(long entries, long uniqueIps) {}

    private static List<String> ipv4Ranges(Path dump) throws IOException {
        return TestDumps.accepted(TestDumps.readAll(dump)).stream()
                .flatMap(e -> e.ranges().stream())
                .filter(c -> c.family() == IpFamily.IPV4)
                .map(Cidr::toString)
                .toList();
    }

    /** The list read as blockwatch reads any CIDR list (Dumps.open sniffs it), counted by DumpCounter. */
    private static long blockwatchCount(Path list) throws IOException {
        try (DumpReader reader = Dumps.open(list)) {
            DumpCount count = DumpCounter.count(reader);
            assertThat(count.rejected()).isZero();
            return count.distinctIpv4();
        }
    }

    private static IprangeCount iprangeCount(Path list) throws IOException, InterruptedException {
        String out = iprangeOutput(list, "-C").strip();
        assertThat(out).as("iprange -C output").matches("\\d+,\\d+");
        String[] parts = out.split(",");
        return new IprangeCount(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }

    private static String iprangeOutput(Path list, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Tools.require("iprange", "iprange").toString());
        command.addAll(List.of(options));
        command.add(list.toString());
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("iprange finished").isTrue();
        assertThat(process.exitValue()).as("iprange exit code, output: %s", out).isZero();
        return out;
    }
}
