package io.github.blockwatch.registry;

import static io.github.blockwatch.registry.TestDumps.accepted;
import static io.github.blockwatch.registry.TestDumps.readAll;
import static io.github.blockwatch.registry.TestDumps.real;
import static io.github.blockwatch.registry.TestDumps.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The official dump.xml, read back from four real hourly dumps. */
class XmlDumpReaderRealDataTest {

    @ParameterizedTest
    @CsvSource({
        "dump-2014-10-31T2305.xml.gz, 2014-10-31T23:05:00+04:00, 5738",
        "dump-2014-11-01T0005.xml.gz, 2014-11-01T00:05:00+04:00, 5738",
        "dump-2014-11-01T1205.xml.gz, 2014-11-01T12:05:00+04:00, 5738",
        "dump-2015-05-31T2300.xml.gz, 2015-05-31T23:00:00+03:00, 10099",
    })
    void shouldReadEveryContentElement(String file, String updateTime, int contents) throws IOException {
        try (DumpReader reader = Dumps.open(real(file))) {
            assertThat(reader.header().format()).isEqualTo(DumpFormat.XML);
            assertThat(reader.header().registryTime()).isEqualTo(OffsetDateTime.parse(updateTime).toInstant());
            List<ParsedRow> rows = readAll(reader);
            assertThat(rows).hasSize(contents);
            assertThat(rejected(rows)).isEmpty();
            assertThat(rows.get(rows.size() - 1).line()).isEqualTo(contents);
            assertThat(reader.digest()).hasSize(64);
        }
    }

    @Test
    void shouldReadAKnownContent() throws IOException {
        Entry first = accepted(readAll(real("dump-2014-10-31T2305.xml.gz"))).get(0);

        assertThat(first.key()).isEqualTo("xml:347");
        assertThat(first.decision()).isEqualTo(new Decision("Роскомнадзор", "101-РИ", "2012-11-10"));
        assertThat(first.domains()).containsExactly("video-one.com");
        assertThat(first.urls()).containsExactly("http://video-one.com/popular/Teen/1.html");
        assertThat(first.ranges()).extracting(Cidr::toString).containsExactly("109.69.58.58/32");
        assertThat(first.includeTime()).isEqualTo("2012-11-18T15:17:51");
        assertThat(first.entryType()).isEqualTo("1");
        assertThat(first.line()).isEqualTo(1);
    }

    @Test
    void shouldKeepKeysAndEntriesBetweenSuccessiveDumps() throws IOException {
        Map<String, Entry> before = byKey(accepted(readAll(real("dump-2014-10-31T2305.xml.gz"))));
        Map<String, Entry> anHourLater = byKey(accepted(readAll(real("dump-2014-11-01T0005.xml.gz"))));
        Map<String, Entry> sevenMonthsLater = byKey(accepted(readAll(real("dump-2015-05-31T2300.xml.gz"))));

        // These two hourly dumps hold the very same 5,738 contents.
        assertThat(unchanged(before, anHourLater)).isEqualTo(5_738);
        // Seven months on, 2,995 ids remain, 1,672 of them with the same content.
        assertThat(before.keySet()).filteredOn(sevenMonthsLater::containsKey).hasSize(2_995);
        assertThat(unchanged(before, sevenMonthsLater)).isEqualTo(1_672);
    }

    @Test
    void shouldGiveTheDigestOfTheDecompressedBytes() throws IOException {
        String digest;
        try (DumpReader reader = Dumps.open(real("dump-2014-10-31T2305.xml.gz"))) {
            readAll(reader);
            digest = reader.digest();
        }
        byte[] xml;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(real("dump-2014-10-31T2305.xml.gz")))) {
            xml = in.readAllBytes();
        }
        assertThat(digest).isEqualTo(TestDumps.sha256(xml));
    }

    @Test
    void shouldReadOnlyTheHeaderToOrderDumps() throws IOException {
        DumpHeader header = Dumps.readHeader(real("dump-2015-05-31T2300.xml.gz"));

        assertThat(header).isEqualTo(new DumpHeader("dump-2015-05-31T2300.xml.gz", DumpFormat.XML,
                Instant.parse("2015-05-31T20:00:00Z")));
    }

    private static long unchanged(Map<String, Entry> before, Map<String, Entry> after) {
        return before.keySet().stream().filter(k -> before.get(k).equals(after.get(k))).count();
    }

    /** Entries by key, with the position in the dump left out: moving is not changing. */
    private static Map<String, Entry> byKey(List<Entry> entries) {
        return entries.stream()
                .map(e -> new Entry(e.key(), e.decision(), e.ranges(), e.domains(), e.urls(), e.includeTime(),
                        e.entryType(), e.blockType(), 0))
                .collect(Collectors.toMap(Entry::key, Function.identity()));
    }
}
