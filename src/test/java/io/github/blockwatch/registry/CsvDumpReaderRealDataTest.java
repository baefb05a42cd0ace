package io.github.blockwatch.registry;

import static io.github.blockwatch.registry.TestDumps.accepted;
import static io.github.blockwatch.registry.TestDumps.ipv4Ranges;
import static io.github.blockwatch.registry.TestDumps.readAll;
import static io.github.blockwatch.registry.TestDumps.real;
import static io.github.blockwatch.registry.TestDumps.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures of data/README.md, read back from the real mirror dumps. */
class CsvDumpReaderRealDataTest {

    @Test
    void shouldReadZi2017AndRejectOnlyTheCutOffLastRow() throws IOException {
        DumpHeader header;
        List<ParsedRow> rows;
        try (DumpReader reader = Dumps.open(real("zi-2017-07-01.csv.gz"))) {
            header = reader.header();
            rows = readAll(reader);
            assertThat(reader.digest()).hasSize(64);
            assertThat(reader.bytesRead()).isEqualTo(Files.size(real("zi-2017-07-01.csv.gz")));
        }

        assertThat(header).isEqualTo(new DumpHeader("zi-2017-07-01.csv.gz", DumpFormat.CSV, Instant.parse("2017-07-01T08:00:00Z")));
        assertThat(accepted(rows)).hasSize(6_686);
        assertThat(ipv4Ranges(accepted(rows))).isEqualTo(14_428);
        assertThat(rejected(rows)).singleElement().satisfies(cut -> {
            assertThat(cut.raw()).startsWith("104.24.110.17 | 104.24.111.17;ash-music.ru");
            assertThat(cut.reason()).isEqualTo("truncated row: dump ends without a line break (cut-off file)");
            assertThat(cut.line()).isEqualTo(6_688); // Updated: line + 6,686 rows + the cut one
        });
    }

    @Test
    void shouldReadZi2018WithTheReusedDecisionAndUrlsHoldingSemicolons() throws IOException {
        List<ParsedRow> rows = readAll(real("zi-2018-05-05.csv.gz"));
        List<Entry> entries = accepted(rows);

        assertThat(Dumps.readHeader(real("zi-2018-05-05.csv.gz")).registryTime()).isEqualTo(Instant.parse("2018-05-05T13:25:00Z"));
        assertThat(entries).hasSize(32_796);
        assertThat(rejected(rows)).singleElement().satisfies(cut -> assertThat(cut.raw()).contains(";forum.69r.ru;"));
        assertThat(ipv4Ranges(entries)).isEqualTo(71_354);

        Decision reused = new Decision("Генпрокуратура", "27-31-2015/Ид4082-15", "2015-12-04");
        assertThat(entries.stream().filter(e -> e.decision().equals(reused)).flatMap(e -> e.ranges().stream()).map(Cidr::toString))
                .contains("34.192.0.0/10", "52.58.0.0/15", "54.144.0.0/12");

        // 3 rows of 7 fields and 1 of 8: the URL is everything between domain and org.
        List<Entry> semicolonUrls = entries.stream().filter(e -> e.urls().stream().anyMatch(u -> u.contains(";"))).toList();
        assertThat(semicolonUrls).hasSize(4);
        assertThat(semicolonUrls).allSatisfy(e -> assertThat(e.decision().date()).matches("\\d{4}-\\d{2}-\\d{2}"));
    }

    @Test
    void shouldAcceptTheFourMegabyteRowOfZi2020() throws IOException {
        List<ParsedRow> rows = readAll(real("zi-2020-01-26.csv.gz"));
        List<Entry> entries = accepted(rows);

        assertThat(entries).hasSize(41);
        assertThat(rejected(rows)).hasSize(1);
        assertThat(ipv4Ranges(entries)).isEqualTo(263_765);
        Entry biggest = entries.stream().max((a, b) -> Integer.compare(a.ranges().size(), b.ranges().size())).orElseThrow();
        assertThat(biggest.ranges().size()).isGreaterThan(250_000);
        assertThat(biggest.ranges()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void shouldNumberTheSixteenIdenticalRowsOfZi2020() throws IOException {
        List<Entry> entries = accepted(readAll(real("zi-2020-01-26.csv.gz")));
        Decision decision = new Decision("Генпрокуратура", "27-31-2018/Ид2971-18", "2018-04-16");

        List<String> keys = entries.stream()
                .filter(e -> e.decision().equals(decision) && e.ranges().isEmpty() && e.domains().isEmpty() && e.urls().isEmpty())
                .map(Entry::key)
                .toList();

        assertThat(keys).hasSize(16).doesNotHaveDuplicates();
        assertThat(keys.get(1)).isEqualTo(keys.get(0) + "~1");
        assertThat(keys.get(15)).isEqualTo(keys.get(0) + "~15");
        assertThat(entries).extracting(Entry::key).doesNotHaveDuplicates();
    }
}
