package io.github.blockwatch.registry;

import static io.github.blockwatch.registry.TestDumps.accepted;
import static io.github.blockwatch.registry.TestDumps.readAll;
import static io.github.blockwatch.registry.TestDumps.real;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blockwatch compare}'s logic on the real dumps: exact figures, cross-checked with iprange. */
class DumpComparerTest {
    private static final String XML = "dump-2015-05-31T2300.xml.gz";

    @TempDir
    Path tmp;

    @Test
    void shouldReportWhatChangedBetween2017And2018() throws Exception {
        DumpComparison c = DumpComparer.compare(DumpSource.of(real("zi-2017-07-01.csv.gz")),
                DumpSource.of(real("zi-2018-05-05.csv.gz")), 3);

        assertThat(c.matchedBy()).isEqualTo(DumpComparison.Matching.KEY);
        // The same figures ingest publishes as events for the 2018 dump: 1,793 removed, 27,903 added, 537 updated.
        assertThat(c.onlyInA().count()).isEqualTo(1_793);
        assertThat(c.onlyInB().count()).isEqualTo(27_903);
        assertThat(c.changed().count()).isEqualTo(537);
        assertThat(c.same()).isEqualTo(6_686 - 1_793 - 537);
        assertThat(c.a().entries()).isEqualTo(6_686);
        assertThat(c.b().ipv4()).isEqualTo(14_692_449);
        assertThat(c.ipv4OnlyInA().count()).isEqualTo(997);
        assertThat(c.ipv4OnlyInB().count()).isEqualTo(14_666_427);
        assertThat(c.ipv4InBoth()).isEqualTo(26_022);
        assertThat(c.ipv4OnlyInA().samples()).containsExactly("1.55.189.76/32", "5.8.35.187/32", "5.8.88.183/32");
        assertThat(c.onlyInA().samples()).hasSize(3).first().asString().startsWith("csv:8d92d85f554dd993 (line 9): суд 2-946/13");
        assertThat(c.isEmpty()).isFalse();

        // FireHOL iprange, an independent implementation, on the same addresses.
        Path a = ipv4List("zi-2017-07-01.csv.gz");
        Path b = ipv4List("zi-2018-05-05.csv.gz");
        assertThat(iprangeUnique(iprange("--common", a.toString(), b.toString()))).isEqualTo(c.ipv4InBoth());
        assertThat(iprangeUnique(iprange(a.toString(), "--exclude-next", b.toString()))).isEqualTo(c.ipv4OnlyInA().count());
        assertThat(iprangeUnique(iprange(b.toString(), "--exclude-next", a.toString()))).isEqualTo(c.ipv4OnlyInB().count());
    }

    @Test
    void shouldFindNoDifferenceBetweenADumpAndItself() throws IOException {
        DumpComparison c = DumpComparer.compare(DumpSource.of(real("zi-2020-01-26.csv.gz")),
                DumpSource.of(real("zi-2020-01-26.csv.gz")), 5);

        assertThat(c.isEmpty()).isTrue();
        assertThat(c.same()).isEqualTo(41);
        assertThat(c.ipv4InBoth()).isEqualTo(c.a().ipv4());
    }

    /**
     * No bundled pair of official dump.xml and mirror dump.csv has the same registry time, so the csv is made
     * here from the real dump.xml's contents, row by row as the mirror writes them: a mirror that lost nothing.
     */
    @Test
    void shouldFindNoDifferenceBetweenTheOfficialXmlAndAFaithfulCsvOfIt() throws IOException {
        List<Entry> entries = accepted(readAll(real(XML)));
        Path csv = csvOf(entries, "faithful.csv");

        DumpComparison c = DumpComparer.compare(DumpSource.of(real(XML)), DumpSource.of(csv), 5);

        assertThat(c.matchedBy()).isEqualTo(DumpComparison.Matching.CONTENT);
        assertThat(c.a().entries()).isEqualTo(10_099);
        assertThat(c.b().entries()).isEqualTo(10_099);
        assertThat(c.same()).isEqualTo(10_099);
        assertThat(c.isEmpty()).isTrue();
        assertThat(c.ipv4InBoth()).isEqualTo(c.a().ipv4()).isPositive();
    }

    @Test
    void shouldReportAnEntryAndAnAddressTheMirrorLost() throws Exception {
        List<Entry> entries = accepted(readAll(real(XML)));
        // Content 347 (Роскомнадзор 101-РИ, video-one.com at 109.69.58.58) is lost; no other entry lists that address.
        Entry lost = entries.get(0);
        assertThat(lost.key()).isEqualTo("xml:347");
        assertThat(entries.stream().skip(1).flatMap(e -> e.ranges().stream()).map(Cidr::toString))
                .doesNotContain("109.69.58.58/32");
        // And the mirror has one entry's address wrong: the same decision and domain, another address.
        List<Entry> mirrored = new ArrayList<>(entries.subList(1, entries.size()));
        Entry moved = mirrored.get(0);
        mirrored.set(0, new Entry(moved.key(), moved.decision(), List.of(Cidr.parse("203.0.113.7")), moved.domains(),
                moved.urls(), null, null, null, moved.line()));
        Path csv = csvOf(mirrored, "lossy.csv");

        DumpComparison c = DumpComparer.compare(DumpSource.of(real(XML)), DumpSource.of(csv), 5);

        assertThat(c.onlyInA().count()).isEqualTo(1);
        assertThat(c.onlyInA().samples()).containsExactly(
                "xml:347 (line 1): Роскомнадзор 101-РИ 2012-11-10: video-one.com (+1 more)");
        assertThat(c.onlyInB().count()).isZero();
        assertThat(c.changed().count()).isEqualTo(1);
        assertThat(c.changed().samples()).singleElement().asString().startsWith(moved.key() + " (line 2)");
        assertThat(c.same()).isEqualTo(10_097);
        assertThat(c.ipv4OnlyInB().samples()).containsExactly("203.0.113.7/32");
        assertThat(c.ipv4OnlyInB().count()).isEqualTo(1);
        // 109.69.58.58 for sure; the moved entry's old addresses too, unless another entry lists them.
        long movedAway = moved.ranges().stream().filter(r -> entries.stream().skip(2)
                .noneMatch(e -> e.ranges().stream().anyMatch(o -> o.first().compareTo(r.first()) <= 0
                        && o.last().compareTo(r.last()) >= 0))).mapToLong(r -> r.size().longValueExact()).sum();
        assertThat(c.ipv4OnlyInA().count()).isEqualTo(1 + movedAway);
        assertThat(c.ipv4OnlyInA().samples()).contains("109.69.58.58/32");
    }

    /** Rows as the mirror writes them: {@code IP | IP;domain;URL;org;number;date}, cp1251, under the xml's time. */
    private Path csvOf(List<Entry> entries, String name) throws IOException {
        StringBuilder csv = new StringBuilder("Updated: 2015-05-31 20:00:00 +0000\n");
        for (Entry e : entries) {
            csv.append(e.ranges().stream().map(r -> r.isSingleAddress() ? r.firstAddress() : r.toString())
                            .collect(Collectors.joining(" | ")))
                    .append(';').append(String.join(" | ", e.domains()))
                    .append(';').append(String.join(" | ", e.urls()))
                    .append(';').append(e.decision().org())
                    .append(';').append(e.decision().number())
                    .append(';').append(e.decision().date()).append('\n');
        }
        return TestDumps.write(tmp, name, csv.toString(), TestDumps.CP1251);
    }

    private Path ipv4List(String dump) throws IOException {
        List<String> ranges = accepted(readAll(real(dump))).stream().flatMap(e -> e.ranges().stream())
                .filter(r -> r.family() == IpFamily.IPV4).map(Cidr::toString).toList();
        return Files.write(tmp.resolve(dump + ".txt"), ranges);
    }

    private static long iprangeUnique(String ranges) throws IOException, InterruptedException {
        Path tmpList = Files.createTempFile("iprange-", ".txt");
        try {
            Files.writeString(tmpList, ranges);
            String counted = iprange("-C", tmpList.toString()).strip();
            return Long.parseLong(counted.substring(counted.indexOf(',') + 1));
        } finally {
            Files.delete(tmpList);
        }
    }

    private static String iprange(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Tools.require("iprange", "iprange").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("iprange finished").isTrue();
        assertThat(process.exitValue()).as("iprange exit code").isZero();
        return out;
    }
}
