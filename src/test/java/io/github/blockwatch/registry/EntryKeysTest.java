package io.github.blockwatch.registry;

import static io.github.blockwatch.registry.TestDumps.CP1251;
import static io.github.blockwatch.registry.TestDumps.accepted;
import static io.github.blockwatch.registry.TestDumps.readAll;
import static io.github.blockwatch.registry.TestDumps.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys that survive re-ordering, re-resolved addresses and identical rows. */
class EntryKeysTest {
    private static final String HEADER = "Updated: 2018-05-05 13:25:00 +0000\n";
    private static final String DOMAIN_ROW = "1.2.3.4 | 5.6.7.8;a.example;http://a.example/;суд;2-946/13;2013-06-10\n";
    private static final String IP_ROW = "9.9.9.9;;;суд;2-946/13;2013-06-10\n";
    private static final String BARE_ROW = ";;;Генпрокуратура;27-31-2018/Ид2971-18;2018-04-16\n";

    @TempDir
    Path dir;

    @Test
    void shouldGiveTheSameRowTheSameKeyInDifferentlyOrderedDumps() throws IOException {
        Map<String, String> first = keysByDomain(write(dir, "a.csv", HEADER + DOMAIN_ROW + IP_ROW, CP1251));
        Map<String, String> second = keysByDomain(write(dir, "b.csv", HEADER + IP_ROW + "0.0.0.1;;;x;1;2000-01-01\n" + DOMAIN_ROW, CP1251));

        assertThat(second).containsAllEntriesOf(first);
    }

    @Test
    void shouldKeepTheKeyOfADomainRowWhoseAddressesChange() throws IOException {
        List<Entry> before = accepted(readAll(write(dir, "a.csv", HEADER + DOMAIN_ROW, CP1251)));
        List<Entry> after = accepted(readAll(write(dir, "b.csv", HEADER + DOMAIN_ROW.replace("5.6.7.8", "5.6.7.9"), CP1251)));

        assertThat(after.get(0).key()).isEqualTo(before.get(0).key());
        assertThat(after.get(0)).isNotEqualTo(before.get(0));
    }

    @Test
    void shouldTellAddressOnlyRowsApartByTheirAddresses() throws IOException {
        List<Entry> entries = accepted(readAll(write(dir, "a.csv", HEADER + IP_ROW + IP_ROW.replace("9.9.9.9", "9.9.9.8"), CP1251)));

        assertThat(entries.get(0).key()).isNotEqualTo(entries.get(1).key());
        assertThat(entries.get(0).key()).doesNotContain("~");
    }

    @Test
    void shouldNumberIdenticalRowsInFileOrder() throws IOException {
        List<Entry> entries = accepted(readAll(write(dir, "a.csv", HEADER + BARE_ROW + IP_ROW + BARE_ROW + BARE_ROW, CP1251)));
        String base = entries.get(0).key();

        assertThat(entries).extracting(Entry::key).containsExactly(base, entries.get(1).key(), base + "~1", base + "~2");
    }

    @Test
    void shouldHashTheDocumentedText() {
        Decision decision = new Decision("суд", "2-946/13", "2013-06-10");
        String text = "суд\u001F2-946/13\u001F2013-06-10\u001Fa.example|b.example\u001Fhttp://a.example/";
        String expected = "csv:" + TestDumps.sha256(text.getBytes(StandardCharsets.UTF_8)).substring(0, 16);

        assertThat(EntryKeys.csv(decision, List.of("a.example", "b.example"), List.of("http://a.example/"), List.of()))
                .isEqualTo(expected);
        assertThat(EntryKeys.xml("347")).isEqualTo("xml:347");
    }

    private static Map<String, String> keysByDomain(Path dump) throws IOException {
        return accepted(readAll(dump)).stream()
                .collect(Collectors.toMap(e -> e.domains() + " " + e.ranges(), Entry::key));
    }
}
