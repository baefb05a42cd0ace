package io.github.blockwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate --shape 2025}: the dump, read back by the project's own parser, has the kinds of rows the
 * shape claims, in the counts it claims; and at the 2025 size those counts are the ones docs/PERFORMANCE.md
 * derives.
 */
class Shape2025Test {
    private static final int ROWS = 4_000;

    @TempDir
    Path dir;

    private static List<Entry> parse(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DumpReader reader = Dumps.open(file)) {
            assertThat(reader.header().registryTime()).isEqualTo(Shape2025.BASE_TIME);
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                assertThat(row).as("generated rows are all valid").isInstanceOf(ParsedRow.Accepted.class);
                entries.add(((ParsedRow.Accepted) row).entry());
            }
        }
        return entries;
    }

    private Path write(DumpGenerator generator, String name) throws IOException {
        Path file = dir.resolve(name);
        try (Writer out = Files.newBufferedWriter(file, Charset.forName("windows-1251"))) {
            generator.write(0, out);
        }
        return file;
    }

    private static boolean ipOnly(Entry e) {
        return e.domains().isEmpty() && e.urls().isEmpty();
    }

    private static long ipv4(Entry e) {
        return e.ranges().stream().filter(r -> r.family() == IpFamily.IPV4).count();
    }

    @Test
    void shouldWriteTheRowsItClaimsAsTheParserReadsThem() throws IOException {
        Shape2025 shape = new Shape2025(ROWS);
        List<Entry> entries = parse(write(new DumpGenerator(3, shape), "dump.csv"));

        List<Entry> ipOnly = entries.stream().filter(Shape2025Test::ipOnly).toList();
        List<Entry> subnets = entries.stream()
                .filter(e -> e.ranges().size() == 1 && e.ranges().get(0).family() == IpFamily.IPV4 && !e.ranges().get(0).isSingleAddress())
                .toList();
        long withIpv6 = entries.stream().filter(e -> e.ranges().stream().anyMatch(r -> r.family() == IpFamily.IPV6)).count();
        List<Long> longRows = entries.stream().map(Shape2025Test::ipv4).filter(n -> n >= 1_000).sorted((a, b) -> Long.compare(b, a)).toList();

        assertThat(entries).hasSize(ROWS);
        assertThat(ipOnly).hasSize((int) shape.ipOnlyRows()).hasSize(20);
        assertThat(subnets).hasSize((int) shape.subnetRows()).hasSize(1).allMatch(Shape2025Test::ipOnly);
        assertThat(withIpv6).isEqualTo(shape.ipv6Rows()).isEqualTo(80);
        assertThat(longRows).as("the two long rows, every listed address distinct").containsExactly(258_115L, 4_627L);
        assertThat(entries).filteredOn(e -> ipv4(e) >= 1_000).allMatch(Shape2025Test::ipOnly)
                .allMatch(e -> e.decision().number().equals("27-31-2018/Ид2971-18"));
    }

    @Test
    void shouldDrawTheMeasuredMixOfUrlsAndAddresses() throws IOException {
        List<Entry> domainRows = parse(write(new DumpGenerator(5, new Shape2025(ROWS)), "dump.csv")).stream()
                .filter(e -> !ipOnly(e)).toList();

        double withUrl = domainRows.stream().filter(e -> !e.urls().isEmpty()).count() / (double) domainRows.size();
        double addresses = domainRows.stream().mapToLong(Shape2025Test::ipv4).average().orElseThrow();
        double single = domainRows.stream().filter(e -> ipv4(e) == 1).count() / (double) domainRows.size();
        // 2018's domain rows: 28.3% with a URL, 1.90 IPv4 addresses a row, 56% with one (the model draws 2.0 a row);
        // the bounds are four standard deviations of a 3,980-row sample.
        assertThat(withUrl).isBetween(0.283 - 0.03, 0.283 + 0.03);
        assertThat(single).isBetween(0.5595 - 0.032, 0.5595 + 0.032);
        assertThat(addresses).isBetween(1.6, 2.4);
    }

    @Test
    void shouldCountEachKindExactlyAt2025Size() {
        Shape2025 shape = new Shape2025(Shape2025.ROWS_2025);
        Map<Shape2025.Kind, Long> kinds = new EnumMap<>(Shape2025.Kind.class);
        for (long i = 0; i < shape.rows(); i++) {
            kinds.merge(shape.kind(i), 1L, Long::sum);
        }

        // docs/PERFORMANCE.md, "Present-day scale": 0.5% IP-only, 2024's 120 subnets, 2% with IPv6, 2020's long rows.
        assertThat(shape.ipOnlyRows()).isEqualTo(6_017);
        assertThat(shape.subnetRows()).isEqualTo(120);
        assertThat(shape.ipv6Rows()).isEqualTo(24_067);
        assertThat(shape.longRows()).containsExactly(258_115, 4_627);
        assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.of(
                Shape2025.Kind.LONG, 2L,
                Shape2025.Kind.SUBNET, 120L,
                Shape2025.Kind.IP_ONLY, 6_017L - 122,
                Shape2025.Kind.DOMAIN_IPV6, 24_067L,
                Shape2025.Kind.DOMAIN, 1_203_340L - 6_017 - 24_067));
    }

    @Test
    void shouldWriteTheSameBytesForTheSameSeed() throws IOException {
        StringWriter a = new StringWriter();
        StringWriter b = new StringWriter();
        StringWriter other = new StringWriter();
        new DumpGenerator(42, new Shape2025(500)).write(0, a);
        new DumpGenerator(42, new Shape2025(500)).write(0, b);
        new DumpGenerator(43, new Shape2025(500)).write(0, other);

        assertThat(a.toString()).isEqualTo(b.toString()).isNotEqualTo(other.toString());
    }

    @Test
    void shouldWriteDeltasTheParserReads() throws IOException {
        DumpGenerator generator = new DumpGenerator(7, new Shape2025(ROWS));
        Path file = dir.resolve("d1.csv");
        try (Writer out = Files.newBufferedWriter(file, Charset.forName("windows-1251"))) {
            generator.write(1, out);
        }

        List<Entry> next = new ArrayList<>();
        try (DumpReader reader = Dumps.open(file)) {
            assertThat(reader.header().registryTime()).isEqualTo(Shape2025.BASE_TIME.plusSeconds(86_400));
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                assertThat(row).isInstanceOf(ParsedRow.Accepted.class);
                next.add(((ParsedRow.Accepted) row).entry());
            }
        }
        // About 0.1% removed and 0.1% added: 4 rows added on day 1, a handful removed.
        assertThat(next.size()).isBetween(ROWS - 20, ROWS + 4);
    }
}
