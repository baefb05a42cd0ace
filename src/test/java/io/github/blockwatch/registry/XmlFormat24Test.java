package io.github.blockwatch.registry;

import static io.github.blockwatch.registry.TestDumps.accepted;
import static io.github.blockwatch.registry.TestDumps.readAll;
import static io.github.blockwatch.registry.TestDumps.real;
import static io.github.blockwatch.registry.TestDumps.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dump.xml format 2.4, the operator's current one. No 2.4 dump is bundled, so the inputs are real
 * {@code <content>} elements of the bundled 2015-05-31 dump (format 2.1) with what 2.4 adds written into
 * them: {@code urgencyType}, {@code blockType} ip/domain/domain-mask/default, {@code hash} and {@code ts} on
 * the content, {@code ts} on its children, {@code ipv6} and {@code ipv6Subnet} elements, entryType codes
 * 5 and 6, and one attribute and one element no version has yet.
 */
class XmlFormat24Test {
    private static final String REAL = "dump-2015-05-31T2300.xml.gz";
    private static final Pattern CONTENT = Pattern.compile("<content .*?</content>", Pattern.DOTALL);
    private static final Pattern OPEN = Pattern.compile("<content ([^>]*)>");

    private static List<String> realContents;

    @TempDir
    Path dir;

    @BeforeAll
    static void readRealContents() throws IOException {
        String xml;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(real(REAL)))) {
            xml = new String(in.readAllBytes(), TestDumps.CP1251);
        }
        realContents = new ArrayList<>();
        Matcher m = CONTENT.matcher(xml);
        while (m.find() && realContents.size() < 6) {
            realContents.add(m.group());
        }
    }

    /** A real content element with 2.4 attributes added to its start tag and {@code ts} on its children. */
    private static String as24(String content, String attributes, String childTs, String extraChildren) {
        String withChildTs = content.replaceAll("<(url|domain|ip|ipSubnet)>", "<$1 ts=\"" + childTs + "\">");
        Matcher open = OPEN.matcher(withChildTs);
        open.find();
        return open.replaceFirst(Matcher.quoteReplacement("<content " + open.group(1) + " " + attributes + ">"))
                .replace("</content>", extraChildren + "</content>");
    }

    private Path dump24(List<String> contents) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>"
                + "<reg:register updateTime=\"2024-05-06T16:30:03+03:00\" updateTimeUrgently=\"2024-05-06T16:00:00+03:00\""
                + " formatVersion=\"2.4\" xmlns:reg=\"http://rsoc.ru\" xmlns:tns=\"http://rsoc.ru\">"
                + String.join("", contents) + "</reg:register>";
        return TestDumps.write(dir, "dump.xml", xml, TestDumps.CP1251);
    }

    @Test
    void shouldKeepTheAttributesOf24AndReadIpv6AsRanges() throws IOException {
        List<String> contents = new ArrayList<>(realContents);
        contents.set(0, as24(realContents.get(0),
                "urgencyType=\"1\" blockType=\"domain\" hash=\"9F2C1A\" ts=\"2024-05-06T12:00:00+03:00\"",
                "2024-05-01T10:00:00+03:00",
                "<ipv6 ts=\"2024-05-02T10:00:00+03:00\">2a03:2880:f10c:83:face:b00c:0:25de</ipv6>"
                        + "<ipv6Subnet ts=\"2024-05-03T10:00:00+03:00\">2a03:2880::/29</ipv6Subnet>"));

        List<ParsedRow> rows = readAll(dump24(contents));

        assertThat(rejected(rows)).isEmpty();
        Entry entry = accepted(rows).get(0);
        // The real content: id 347, Роскомнадзор 101-РИ, video-one.com at 109.69.58.58.
        assertThat(entry.key()).isEqualTo("xml:347");
        assertThat(entry.decision()).isEqualTo(new Decision("Роскомнадзор", "101-РИ", "2012-11-10"));
        assertThat(entry.domains()).containsExactly("video-one.com");
        assertThat(entry.blockType()).isEqualTo("domain");
        assertThat(entry.ranges()).extracting(Cidr::toString)
                .containsExactly("109.69.58.58/32", "2a03:2880::/29", "2a03:2880:f10c:83:face:b00c:0:25de/128");
        assertThat(entry.attributes()).isEqualTo(Map.of(
                "urgencyType", "1",
                "hash", "9F2C1A",
                "ts", "2024-05-06T12:00:00+03:00",
                "url.ts", "2024-05-01T10:00:00+03:00",
                "domain.ts", "2024-05-01T10:00:00+03:00",
                "ip.ts", "2024-05-01T10:00:00+03:00",
                "ipv6.ts", "2024-05-02T10:00:00+03:00",
                "ipv6Subnet.ts", "2024-05-03T10:00:00+03:00"));
    }

    @Test
    void shouldReadEveryBlockTypeAndEntryTypeCode() throws IOException {
        String[] blockTypes = {"ip", "domain", "domain-mask", "default"};
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < blockTypes.length; i++) {
            String real = realContents.get(i).replaceFirst("entryType=\"1\"", "entryType=\"" + (i + 3) + "\"");
            contents.add(as24(real, "urgencyType=\"0\" blockType=\"" + blockTypes[i] + "\" hash=\"H" + i + "\"",
                    "2024-05-01T10:00:00+03:00", ""));
        }

        List<Entry> entries = accepted(readAll(dump24(contents)));

        assertThat(entries).extracting(Entry::blockType).containsExactly(blockTypes);
        assertThat(entries).extracting(Entry::entryType).containsExactly("3", "4", "5", "6");
        assertThat(entries).extracting(e -> e.attributes().get("urgencyType")).containsOnly("0");
        assertThat(entries).extracting(Entry::key).containsExactly("xml:347", "xml:656", "xml:958", "xml:2992");
    }

    @Test
    void shouldKeepAnAttributeAndAnElementNoVersionHasYet() throws IOException {
        List<String> contents = List.of(as24(realContents.get(1),
                "urgencyType=\"0\" blockType=\"default\" hash=\"77\" appealStatus=\"pending\"",
                "2024-05-01T10:00:00+03:00",
                "<resolution kind=\"court\">Решение <b>отменено</b> 2024-05-01</resolution>"));

        Entry entry = accepted(readAll(dump24(contents))).get(0);

        assertThat(entry.key()).isEqualTo("xml:656");
        assertThat(entry.attributes())
                .containsEntry("appealStatus", "pending")
                .containsEntry("resolution", "Решение  2024-05-01")
                .containsEntry("resolution.kind", "court")
                .containsEntry("hash", "77");
    }

    @Test
    void shouldKeepTheNewestTsOfRepeatedChildren() throws IOException {
        String real = realContents.get(0).replace("</content>",
                "<ip ts=\"2024-05-04T09:00:00+03:00\">109.69.58.59</ip><ip ts=\"2023-01-01T09:00:00+03:00\">109.69.58.60</ip></content>");
        Entry entry = accepted(readAll(dump24(List.of(as24(real, "hash=\"1\"", "2024-05-01T10:00:00+03:00", ""))))).get(0);

        assertThat(entry.attributes()).containsEntry("ip.ts", "2024-05-04T09:00:00+03:00");
        assertThat(entry.ranges()).extracting(Cidr::toString)
                .containsExactly("109.69.58.58/32", "109.69.58.59/32", "109.69.58.60/32");
    }

    @Test
    void shouldCallOnlyHashAndTsVolatile() {
        assertThat(EntryAttributes.withoutVolatile(Map.of("hash", "1", "ts", "2", "url.ts", "3", "urgencyType", "1",
                "appealStatus", "x"))).isEqualTo(Map.of("urgencyType", "1", "appealStatus", "x"));
    }
}
