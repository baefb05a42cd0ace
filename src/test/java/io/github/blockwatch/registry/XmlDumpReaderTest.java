package io.github.blockwatch.registry;

import static io.github.blockwatch.registry.TestDumps.readAll;
import static io.github.blockwatch.registry.TestDumps.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dump.xml documents, good and hostile, written on the fly. */
class XmlDumpReaderTest {
    private static final Charset CP1251 = TestDumps.CP1251;
    private static final String START = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>"
            + "<reg:register updateTime=\"2015-05-31T23:00:00+03:00\" formatVersion=\"2.1\" xmlns:reg=\"http://rsoc.ru\">";
    private static final String END = "</reg:register>";

    @TempDir
    Path dir;

    @Test
    void shouldReadEveryChildOfAContent() throws Exception {
        Path dump = write(dir, "dump.xml", START
                + "<content id=\"42\" includeTime=\"2015-01-01T10:00:00\" entryType=\"1\" blockType=\"ip\" hash=\"AB\">"
                + "<decision date=\"2015-01-01\" number=\"2-1/15\" org=\"суд\"/>"
                + "<url><![CDATA[http://a.example/x]]></url><url>http://a.example/y</url>"
                + "<domain><![CDATA[a.example]]></domain>"
                + "<ip>1.2.3.4</ip><ip>1.2.3.4</ip><ipSubnet>10.0.0.0/8</ipSubnet>"
                + "<ipv6>2a03:2880::1</ipv6><ipv6Subnet>2a03:2880::/32</ipv6Subnet><future>x<b/></future>"
                + "</content>" + END, CP1251);

        List<ParsedRow> rows;
        try (DumpReader reader = Dumps.open(dump)) {
            assertThat(reader.header().registryTime()).isEqualTo(Instant.parse("2015-05-31T20:00:00Z"));
            rows = readAll(reader);
        }

        assertThat(rows).singleElement().isEqualTo(new ParsedRow.Accepted(1, new Entry("xml:42",
                new Decision("суд", "2-1/15", "2015-01-01"),
                List.of(Cidr.parse("1.2.3.4"), Cidr.parse("10.0.0.0/8"), Cidr.parse("2a03:2880::/32"), Cidr.parse("2a03:2880::1")),
                List.of("a.example"), List.of("http://a.example/x", "http://a.example/y"),
                "2015-01-01T10:00:00", "1", "ip", 1, Map.of("hash", "AB", "future", "x"))));
    }

    @Test
    void shouldRejectAContentWithAnInvalidAddressOrWithoutId() throws Exception {
        Path dump = write(dir, "dump.xml", START
                + "<content id=\"123\"><ip>1.2.3.4</ip><ip>999.1.1.1</ip></content>"
                + "<content><domain>a.example</domain></content>"
                + "<content id=\"124\"><ip>5.6.7.8</ip></content>" + END, CP1251);

        List<ParsedRow> rows = readAll(dump);

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isEqualTo(new ParsedRow.Rejected(1, "<content id=\"123\"> ip=1.2.3.4 ip=999.1.1.1", 42,
                "invalid address '999.1.1.1'"));
        assertThat(rows.get(1)).isEqualTo(new ParsedRow.Rejected(2, "<content>", 9, "content element without id"));
        assertThat(rows.get(2)).isInstanceOf(ParsedRow.Accepted.class).extracting(ParsedRow::line).isEqualTo(3L);
    }

    @Test
    void shouldRefuseADoctype() throws Exception {
        Path dump = write(dir, "dump.xml", "<?xml version=\"1.0\"?><!DOCTYPE reg:register [<!ELEMENT content ANY>]>"
                + START.substring(START.indexOf("<reg")) + END, CP1251);

        assertThatThrownBy(() -> Dumps.open(dump))
                .isInstanceOf(IOException.class)
                .hasMessage("dump.xml: dump.xml has a DOCTYPE; refused (DTDs and entities are disabled)");
    }

    @Test
    void shouldRefuseAnExternalEntity() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "6.6.6.6");
        Path dump = write(dir, "dump.xml", "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE reg:register [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + START.substring(START.indexOf("<reg")) + "<content id=\"1\"><ip>&xxe;</ip></content>" + END, CP1251);

        assertThatThrownBy(() -> readAll(dump))
                .isInstanceOf(IOException.class)
                .hasMessage("dump.xml: dump.xml has a DOCTYPE; refused (DTDs and entities are disabled)");
    }

    @Test
    void shouldReportWhereATruncatedDocumentBreaks() throws Exception {
        Path dump = write(dir, "dump.xml", START + "<content id=\"1\"><ip>1.2.3.4</ip></content><content id=\"2\"><ip>5.6", CP1251);

        try (DumpReader reader = Dumps.open(dump)) {
            assertThat(reader.next()).isInstanceOf(ParsedRow.Accepted.class);
            assertThatThrownBy(reader::next)
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("dump.xml: malformed dump.xml at line 1, column ")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void shouldRefuseADocumentThatIsNotARegister() throws Exception {
        Path dump = write(dir, "dump.xml", "<html><body/></html>", CP1251);

        assertThatThrownBy(() -> Dumps.open(dump))
                .isInstanceOf(IOException.class)
                .hasMessage("dump.xml: not a registry dump.xml: root element is <html>, expected <reg:register>");
    }
}
