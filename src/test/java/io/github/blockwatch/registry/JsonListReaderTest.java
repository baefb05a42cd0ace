package io.github.blockwatch.registry;

import static io.github.blockwatch.registry.TestDumps.accepted;
import static io.github.blockwatch.registry.TestDumps.readAll;
import static io.github.blockwatch.registry.TestDumps.rejected;
import static io.github.blockwatch.registry.TestDumps.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JSON array of address strings, as reestr.rublacklist.net's {@code /api/v3/ips/} answers: the same entries
 * as the same addresses in a plain list; bad elements are rejected rows, a broken document is an error.
 */
class JsonListReaderTest {
    private static final Path COMMUNITY = Path.of("data/antifilter/2024-07-17/community.lst.gz");

    @TempDir
    Path dir;

    @Test
    void shouldGiveTheEntriesOfThePlainListWithTheSameAddresses() throws IOException {
        List<String> lines = plainLines(COMMUNITY);
        Path json = write(dir, "ips.json", lines.stream().map(l -> "\"" + l + "\"")
                .collect(Collectors.joining(",\n  ", "[\n  ", "\n]\n")), StandardCharsets.UTF_8);

        List<Entry> fromJson = accepted(readAll(json));
        List<Entry> fromList = accepted(readAll(COMMUNITY));

        assertThat(lines).hasSize(664);
        assertThat(fromJson).extracting(Entry::key).containsExactlyElementsOf(fromList.stream().map(Entry::key).toList());
        assertThat(fromJson).extracting(Entry::ranges).containsExactlyElementsOf(fromList.stream().map(Entry::ranges).toList());
        try (DumpReader reader = Dumps.open(json)) {
            assertThat(reader.header().format()).isEqualTo(DumpFormat.LIST);
        }
    }

    @Test
    void shouldRejectElementsThatAreNoAddressesAndNumberThemByPlace() throws IOException {
        Path json = write(dir, "ips.json", """
                ["52.58.0.0/15", 42, "999.1.1.1", {"ip": "1.2.3.4"}, "52.58.1.2/15", " 2a03:2880::/32 ", null]""",
                StandardCharsets.UTF_8);

        List<ParsedRow> rows = readAll(json);

        assertThat(accepted(rows)).extracting(Entry::key).containsExactly("list:52.58.0.0/15", "list:2a03:2880::/32");
        assertThat(rejected(rows)).extracting(r -> r.line() + " " + r.reason()).containsExactly(
                "2 element 2 is not a string but VALUE_NUMBER_INT",
                "3 invalid address '999.1.1.1'",
                "4 element 4 is not a string but START_OBJECT",
                "5 duplicate of element 1",
                "7 element 7 is not a string but VALUE_NULL");
    }

    @Test
    void shouldRefuseJsonThatIsNotOneWholeArray() throws IOException {
        Path cut = write(dir, "cut.json", "[\"52.58.0.0/15\", \"1.2.3", StandardCharsets.UTF_8);
        Path trailing = write(dir, "trailing.json", "[\"52.58.0.0/15\"] [\"1.2.3.4\"]", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> readAll(cut)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cut.json: not valid JSON at line 1, column ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> readAll(trailing)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("trailing.json: text after the JSON array");
    }

    @Test
    void shouldReadAnEmptyArrayAsAListWithNoEntries() throws IOException {
        // The API answering [] (a registry emptied, or a server gone wrong): a list of no rows, not an error.
        // What follows is ingest's shrink check: against a last list of thousands it is held as DUMP_SHRANK.
        Path empty = write(dir, "empty.json", " [ ] \n", StandardCharsets.UTF_8);

        assertThat(Dumps.looksLikeDump(empty)).isTrue();
        assertThat(readAll(empty)).isEmpty();
        try (DumpReader reader = Dumps.open(empty)) {
            assertThat(reader.header().format().label()).isEqualTo("list");
        }
    }

    @Test
    void shouldTellAnArrayFromAnObjectAndAPlainList() throws IOException {
        Path object = write(dir, "object.json", "{\"data\": [\"1.2.3.4\"]}", StandardCharsets.UTF_8);

        // An object does not start like any dump: not an array, not '<', not an address.
        assertThat(Dumps.looksLikeDump(object)).isFalse();
        assertThat(Dumps.looksLikeDump(write(dir, "a.json", " [\"1.2.3.4\"]", StandardCharsets.UTF_8))).isTrue();
        assertThatThrownBy(() -> readAll(object)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("object.json: ");
    }

    private static List<String> plainLines(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        }
    }
}
