package io.github.blockwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpGeneratorTest {
    @TempDir
    Path dir;

    private Path write(DumpGenerator generator, int day, String name) throws IOException {
        Path file = dir.resolve(name);
        try (Writer out = Files.newBufferedWriter(file, Charset.forName("windows-1251"))) {
            generator.write(day, out);
        }
        return file;
    }

    private static Map<String, Entry> entries(Path file) throws IOException {
        Map<String, Entry> entries = new HashMap<>();
        try (DumpReader reader = Dumps.open(file)) {
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                assertThat(row).as("generated rows are all valid").isInstanceOf(ParsedRow.Accepted.class);
                Entry entry = ((ParsedRow.Accepted) row).entry();
                entries.put(entry.key(), entry);
            }
        }
        return entries;
    }

    @Test
    void shouldWriteTheSameBytesForTheSameSeed() throws IOException {
        StringWriter a = new StringWriter();
        StringWriter b = new StringWriter();
        new DumpGenerator(42, 2_000, 50).write(0, a);
        new DumpGenerator(42, 2_000, 50).write(0, b);
        StringWriter other = new StringWriter();
        new DumpGenerator(43, 2_000, 50).write(0, other);

        assertThat(a.toString()).isEqualTo(b.toString()).isNotEqualTo(other.toString());
    }

    /**
     * The default shape's bytes, pinned: {@code bench/run}'s generated dumps and the figures in docs/PERFORMANCE.md
     * were taken on them, so a new shape must leave them as they are. Digests taken before the 2025 shape existed.
     */
    @Test
    void shouldKeepTheDefaultShapesBytes() throws Exception {
        DumpGenerator generator = new DumpGenerator(1, 20_000, 300);

        assertThat(sha256(generator, 0)).isEqualTo("7d4e1d5dec2c46b25a7e40dae9c7942ac75bb6ae07666f0c50d3b95a2ac4cef6");
        assertThat(sha256(generator, 2)).isEqualTo("8a67afceb556e3233b575e47de6eb0f14b612f7c424e3507119355279ad3e5c6");
    }

    private static String sha256(DumpGenerator generator, int day) throws Exception {
        StringWriter text = new StringWriter();
        generator.write(day, text);
        byte[] bytes = text.toString().getBytes(Charset.forName("windows-1251"));
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void shouldWriteADumpTheParserReadsWithTheRequestedShape() throws IOException {
        Path file = write(new DumpGenerator(7, 5_000, 200), 0, "dump.csv");

        try (DumpReader reader = Dumps.open(file)) {
            assertThat(reader.header().format()).isEqualTo(DumpFormat.CSV);
            assertThat(reader.header().registryTime()).isEqualTo(DumpGenerator.BASE_TIME);
        }
        Map<String, Entry> entries = entries(file);
        long subnetRows = entries.values().stream()
                .filter(e -> e.ranges().stream().anyMatch(r -> r.family() == IpFamily.IPV4 && !r.isSingleAddress()))
                .count();
        long ipv6 = entries.values().stream()
                .filter(e -> e.ranges().stream().anyMatch(r -> r.family() == IpFamily.IPV6)).count();
        long cyrillic = entries.values().stream().filter(e -> e.decision().org().matches(".*[а-яА-Я].*")).count();
        assertThat(entries).hasSize(5_000);
        assertThat(subnetRows).isEqualTo(200);
        assertThat(ipv6).isPositive();
        assertThat(cyrillic).isEqualTo(5_000);
    }

    @Test
    void shouldChangeAFewRowsEachDayAndKeepTheRest() throws IOException {
        DumpGenerator generator = new DumpGenerator(7, 20_000, 100);
        Map<String, Entry> base = entries(write(generator, 0, "d0.csv"));
        Map<String, Entry> next = entries(write(generator, 1, "d1.csv"));

        long removed = base.keySet().stream().filter(k -> !next.containsKey(k)).count();
        long added = next.keySet().stream().filter(k -> !base.containsKey(k)).count();
        long updated = base.keySet().stream()
                .filter(next::containsKey)
                .filter(k -> !base.get(k).ranges().equals(next.get(k).ranges()))
                .count();
        // About 0.1 % removed, 0.1 % added, 0.2 % re-resolved per day.
        assertThat(removed).isBetween(5L, 60L);
        assertThat(added).isBetween(5L, 60L);
        assertThat(updated).isBetween(5L, 100L);
    }

    @Test
    void shouldWritePartsThatReassembleIntoTheOneDump() throws IOException {
        for (DumpGenerator generator : List.of(new DumpGenerator(7, 3_000, 40), new DumpGenerator(7, new Shape2025(3_000)))) {
            for (int day : new int[] {0, 2}) {
                StringWriter whole = new StringWriter();
                generator.write(day, whole);
                List<StringWriter> parts = new ArrayList<>();

                long written = generator.write(day, 7, n -> {
                    assertThat(n).as("parts are opened in order").isEqualTo(parts.size());
                    StringWriter part = new StringWriter();
                    parts.add(part);
                    return part;
                });

                assertThat(parts).hasSize(7);
                assertThat(String.join("", parts.stream().map(StringWriter::toString).toList())).isEqualTo(whole.toString());
                assertThat(written).isEqualTo(whole.toString().lines().count() - 1);
                assertThat(parts.get(0).toString()).startsWith("Updated: ");
                for (StringWriter part : parts) {
                    assertThat(part.toString()).as("cut at line ends").isNotEmpty().endsWith("\n");
                }
                assertThat(parts.subList(1, 7)).noneMatch(p -> p.toString().contains("Updated:"));
                // each part an equal share of the rows (±1, and the few removed on day 2)
                assertThat(parts).allMatch(p -> Math.abs(p.toString().lines().count() - 3_000 / 7) <= 10);
            }
        }
    }
}
