package io.github.blockwatch.registry;

import static io.github.blockwatch.Generators.anyString;
import static io.github.blockwatch.Generators.javaRandom;
import static io.github.blockwatch.Generators.list;
import static io.github.blockwatch.Generators.oneOf;
import static io.github.blockwatch.Generators.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.PropertyTries;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing {@link Dumps#open}: random and mutated dump.csv rows and dump.xml fragments, plain or gzipped,
 * whole or cut at a random byte. Whatever the input, a reader either fails with an {@link IOException}
 * whose message is one line starting with the source name, or hands out rows; it never throws anything
 * else. A dump.csv read to its end accounts for every line: each non-empty line after the header is one
 * row, accepted or rejected, never dropped. Every rejection has a one-line reason. Each test runs
 * {@link PropertyTries#TRIES} seeded tries.
 */
class DumpFuzzProperties {
    private static final Charset CP1251 = TestDumps.CP1251;
    private static final String SOURCE = "fuzz";

    static List<String> csvRows(SplittableRandom random) {
        return list(random, 0, 30, DumpFuzzProperties::csvRow);
    }

    static List<String> xmlContents(SplittableRandom random) {
        return list(random, 0, 10, DumpFuzzProperties::xmlContent);
    }

    /** With even odds: a well-formed row, a mutated well-formed row, or any string of up to 60 characters. */
    private static String csvRow(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> wellFormedCsvRow(random);
            case 1 -> mutate(wellFormedCsvRow(random));
            default -> anyString(random, 60);
        };
    }

    private static String wellFormedCsvRow(SplittableRandom random) {
        String ip = random.nextBoolean()
                ? oneOf(random, "1.2.3.4", "10.0.0.0/8", "999.1.1.1", "10.0.0.0/33", "::g", "2a03:2880::/32", "", " ",
                        "1.2.3.4/", "/24", "1.2.3", "0.0.0.0/0", "::/0", "1.2.3.4 | 5.6.7.8", "1.2.3.4|", "ffff::ffff:1.2.3.4")
                : string(random, "0123456789./:abcdefx| ", 24);
        List<String> rest = list(random, 0, 8, r -> r.nextBoolean()
                ? oneOf(r, "", "суд", "Генпрокуратура", "a.example", "http://a.example/?a=1;b=2", "2-946/13", "2013-06-10")
                : anyString(r, 12));
        return ip + (rest.isEmpty() ? "" : ";" + String.join(";", rest));
    }

    /** With even odds: a content element of up to six children, or a mutated one. */
    private static String xmlContent(SplittableRandom random) {
        String id = oneOf(random, " id=\"1\"", " id=\"2\"", "", " id=\"\"", " id=\"x\"");
        List<String> children = list(random, 0, 6, r -> oneOf(r,
                "<ip>1.2.3.4</ip>", "<ip>999.1.1.1</ip>", "<ipSubnet>10.0.0.0/33</ipSubnet>", "<ipv6>::g</ipv6>",
                "<ipv6Subnet>2a03:2880::/32</ipv6Subnet>", "<domain><![CDATA[a.example]]></domain>",
                "<url>http://a.example/?a=1&amp;b=2</url>", "<decision date=\"2015-01-01\" number=\"1\" org=\"суд\"/>",
                "<future>x<b/></future>", "<ip></ip>", "<ip/>", "text", "<!-- c -->", "&amp;", "&bogus;", "<"));
        String content = "<content" + id + ">" + String.join("", children) + "</content>";
        return random.nextBoolean() ? content : mutate(content);
    }

    @Test
    void csvDumpsEitherFailWithOneLineOrAccountForEveryLine() {
        PropertyTries.check(random -> csvDumpsEitherFailWithOneLineOrAccountForEveryLine(
                csvRows(random), random.nextBoolean(), random.nextBoolean(), javaRandom(random), header(random)));
    }

    private static void csvDumpsEitherFailWithOneLineOrAccountForEveryLine(
            List<String> rows, boolean gzip, boolean cut, Random random, String header) throws IOException {
        String text = header + String.join("\n", rows) + (random.nextBoolean() ? "\n" : "");
        byte[] bytes = text.getBytes(CP1251);
        Result result = read(bytes, gzip, cut ? random : null);
        if (result.failure() == null && !cut && result.format() == DumpFormat.CSV) {
            assertThat(result.rows()).as("rows of\n%s", text).isEqualTo(expectedCsvRows(text));
        }
    }

    /** With even odds: the good header, one of six odd ones, or the good one mutated. */
    static String header(SplittableRandom random) {
        return switch (random.nextInt(3)) {
            case 0 -> "Updated: 2018-05-05 13:25:00 +0000\n";
            case 1 -> oneOf(random, "Updated: 2018-05-05 13:25 +0300\r\n", "Updated: yesterday\n", "Updated:\n", "",
                    "\uFEFFUpdated: 2018-05-05 13:25:00 +0000\n", "Updated: 2018-02-30 13:25:00 +0000\n");
            default -> mutate("Updated: 2018-05-05 13:25:00 +0000\n");
        };
    }

    @Test
    void xmlDumpsEitherFailWithOneLineOrHandOutEveryContent() {
        PropertyTries.check(random -> xmlDumpsEitherFailWithOneLineOrHandOutEveryContent(
                xmlContents(random), random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), javaRandom(random)));
    }

    private static void xmlDumpsEitherFailWithOneLineOrHandOutEveryContent(
            List<String> contents, boolean gzip, boolean cut, boolean mutateDocument, Random random) throws IOException {
        String document = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>"
                + "<reg:register updateTime=\"2015-05-31T23:00:00+03:00\" xmlns:reg=\"http://rsoc.ru\">"
                + String.join("", contents) + "</reg:register>\n";
        String text = mutateDocument ? mutate(document, random) : document;
        byte[] bytes = text.getBytes(CP1251);
        Result result = read(bytes, gzip, cut ? random : null);
        if (result.failure() == null && !cut) {
            // A reference parser (the JDK's DOM, DOCTYPEs refused) must read the same document and find
            // exactly as many content elements under the root as the reader handed out rows.
            assertThat(result.rows()).as("rows of\n%s", text).isEqualTo(contentElements(bytes));
        }
    }

    /** What reading a dump gave: the rows handed out, or the failure. */
    record Result(DumpFormat format, long rows, long accepted, long rejected, IOException failure) {}

    private static Result read(byte[] bytes, boolean gzip, Random cutter) throws IOException {
        byte[] file = gzip ? TestDumps.gzip(bytes) : bytes;
        if (cutter != null && file.length > 0) {
            file = Arrays.copyOf(file, cutter.nextInt(file.length));
        }
        Path path = Files.createTempFile("blockwatch-fuzz-", ".dump");
        try {
            Files.write(path, file);
            DumpFormat format = null;
            long rows = 0;
            long accepted = 0;
            long rejected = 0;
            try (DumpReader reader = Dumps.open(path, SOURCE)) {
                format = reader.header().format();
                for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                    rows++;
                    if (row instanceof ParsedRow.Rejected r) {
                        rejected++;
                        assertThat(r.reason()).isNotBlank().doesNotContain("\n");
                        assertThat(r.raw().length()).isLessThanOrEqualTo(DumpReader.MAX_RAW_CHARS);
                        assertThat(r.rawLength()).isGreaterThanOrEqualTo(r.raw().length());
                    } else {
                        accepted++;
                    }
                }
                assertThat(reader.digest()).hasSize(64);
            } catch (IOException e) {
                assertThat(e.getMessage()).startsWith(SOURCE + ": ").doesNotContain("\n").doesNotContain("\r");
                return new Result(format, rows, accepted, rejected, e);
            }
            assertThat(rows).isEqualTo(accepted + rejected);
            return new Result(format, rows, accepted, rejected, null);
        } finally {
            Files.deleteIfExists(path);
        }
    }

    /**
     * The rows a dump.csv must yield: lines split at {@code \n}, the header skipped, an empty line (or a
     * lone {@code \r}) skipped when a line break ends it, and a non-empty unterminated last line counted.
     */
    private static long expectedCsvRows(String text) {
        String decoded = new String(text.getBytes(CP1251), CP1251);
        String[] lines = decoded.split("\n", -1);
        long rows = 0;
        for (int i = 1; i < lines.length - 1; i++) {
            if (!(lines[i].isEmpty() || lines[i].equals("\r"))) {
                rows++;
            }
        }
        if (lines.length > 1 && !lines[lines.length - 1].isEmpty()) {
            rows++;
        }
        return rows;
    }

    private static long contentElements(byte[] document) {
        try {
            javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            javax.xml.parsers.DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // throw, do not print "[Fatal Error]"
            org.w3c.dom.Element root = builder.parse(new java.io.ByteArrayInputStream(document)).getDocumentElement();
            long count = 0;
            for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeType() == org.w3c.dom.Node.ELEMENT_NODE && "content".equals(n.getLocalName())) {
                    count++;
                }
            }
            return count;
        } catch (Exception e) {
            throw new AssertionError("the reader accepted a document the reference parser refuses: " + e.getMessage(), e);
        }
    }

    private static String mutate(String text) {
        return mutate(text, new Random(text.hashCode()));
    }

    /** A few random edits: delete, duplicate or insert a hostile character. */
    private static String mutate(String text, Random random) {
        StringBuilder s = new StringBuilder(text);
        String hostile = "<>&;|\"'/\n\r\0\uFFFD\u0098ё";
        for (int edits = 1 + random.nextInt(3); edits > 0 && s.length() > 0; edits--) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(3)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, s.charAt(at));
                default -> s.insert(at, hostile.charAt(random.nextInt(hostile.length())));
            }
        }
        return s.toString();
    }
}
