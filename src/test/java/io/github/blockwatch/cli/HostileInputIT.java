package io.github.blockwatch.cli;

import static io.github.blockwatch.kafka.CommittedRecords.endOffsets;
import static io.github.blockwatch.kafka.CommittedRecords.readAll;
import static io.github.blockwatch.kafka.CommittedRecords.readTable;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.DeadLetter;
import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.broker.BrokerWithTopics;
import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.registry.CsvDumpReader;
import io.github.blockwatch.reliability.ChildJvm;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken registry input through {@code blockwatch ingest} on a real broker: each is answered
 * with one line on stderr and exit code 1 and publishes nothing at all (every topic's end offset, markers
 * included, unchanged), or is published with its unusable rows in {@code blockwatch.dlq} and exit code 3.
 * Parser-level details (every reason, every format) are in the registry tests; this checks the whole path.
 *
 * <p>Dumps that should be published carry {@code --force}: the tests run in any order, and only the
 * "time goes backwards" test is about registry-time order (it uses years no other test does).
 */
class HostileInputIT {
    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final String ERROR = "blockwatch ingest: error: ";
    private static final String DOCTYPE_REFUSED = "dump.xml has a DOCTYPE; refused (DTDs and entities are disabled)";

    @TempDir
    static Path work;

    @AutoClose
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws IOException {
        broker = BrokerWithTopics.start(work.resolve("broker"));
    }

    @Test
    void shouldRefuseATruncatedGzipAndPublishNothing() throws IOException {
        byte[] whole = Files.readAllBytes(Path.of("data/zi-2018-05-05.csv.gz"));
        Path cut = Files.write(work.resolve("cut.csv.gz"), Arrays.copyOf(whole, whole.length / 2));

        assertRefused(cut, "cut.csv.gz: truncated gzip stream");
    }

    @Test
    void shouldRefuseAnEmptyFileAndPublishNothing() throws IOException {
        Path empty = Files.createFile(work.resolve("empty.csv"));

        assertRefused(empty, "empty.csv: dump is empty (0 bytes)");
    }

    @Test
    void shouldRefuseADoctype() throws IOException {
        Path dump = Files.writeString(work.resolve("doctype.xml"), "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE reg:register [<!ELEMENT content ANY>]>" + xmlBody("<content id=\"1\"><ip>1.2.3.4</ip></content>"));

        assertRefused(dump, "doctype.xml: " + DOCTYPE_REFUSED);
    }

    @Test
    void shouldRefuseAnExternalEntityWithoutReadingIt() throws IOException {
        Path secret = Files.writeString(work.resolve("secret.txt"), "6.6.6.6");
        Path dump = Files.writeString(work.resolve("xxe.xml"), "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE reg:register [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + xmlBody("<content id=\"1\"><ip>&xxe;</ip></content>"));

        assertRefused(dump, "xxe.xml: " + DOCTYPE_REFUSED);
    }

    @Test
    void shouldRefuseBillionLaughs() throws IOException {
        StringBuilder entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            entities.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        Path dump = Files.writeString(work.resolve("laughs.xml"), "<?xml version=\"1.0\"?>"
                + "<!DOCTYPE reg:register [" + entities + "]>" + xmlBody("<content id=\"1\"><url>&lol9;</url></content>"));

        assertRefused(dump, "laughs.xml: " + DOCTYPE_REFUSED);
    }

    @Test
    void shouldSendRowsWithWrongColumnCountsOrInvalidAddressesToTheDlq() throws IOException {
        Path dump = Files.writeString(work.resolve("broken.csv"), "Updated: 2021-03-01 10:00:00 +0000\n"
                + "1.1.1.1;good.example;;суд;1;2021-01-01\n"
                + "1.1.1.2;only-three;fields\n"
                + "999.1.1.1;;;суд;2;2021-01-01\n"
                + "10.0.0.0/33;;;суд;3;2021-01-01\n"
                + "::g;;;суд;4;2021-01-01\n"
                + "2.2.2.0/24;;;суд;5;2021-01-01\n", CP1251);

        CliRun run = ingest("--force", dump.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(IngestCommand.ROWS_REJECTED);
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).singleElement().asString().startsWith(
                "broken.csv (registry time 2021-03-01T10:00:00Z): rows read 6 = accepted 2 + rejected 4; 2 entries;");
        assertThat(deadLetters("broken.csv")).extracting(d -> d.getLine() + " " + d.getReason() + " | " + d.getRaw())
                .containsExactly(
                        "3 expected 6 fields (IP;domain;URL;org;number;date), found 3 | 1.1.1.2;only-three;fields",
                        "4 invalid address '999.1.1.1' | 999.1.1.1;;;суд;2;2021-01-01",
                        "5 invalid address '10.0.0.0/33' | 10.0.0.0/33;;;суд;3;2021-01-01",
                        "6 invalid address '::g' | ::g;;;суд;4;2021-01-01");
        DumpRecord record = dumpRecord("broken.csv");
        assertThat(List.of(record.getRowsRead(), record.getAccepted(), record.getRejected())).containsExactly(6L, 2L, 4L);
    }

    @Test
    void shouldRefuseUtf8WhereCp1251IsExpected() throws IOException {
        // cp1251 decodes any bytes, so a UTF-8 dump.csv would be published with every Cyrillic name garbled.
        Path dump = Files.writeString(work.resolve("utf8.csv"), "Updated: 2021-04-01 10:00:00 +0000\n"
                + "3.3.3.3;пример.рф;;суд;7;2021-01-01\n"
                + "3.3.3.4;;;Роскомнадзор;8;2021-01-01\n", StandardCharsets.UTF_8);

        assertRefused(dump, "utf8.csv: " + CsvDumpReader.UTF8_REFUSED);
    }

    @Test
    void shouldRefuseADumpWhoseTimeGoesBackwardsUnlessForced() throws IOException {
        // Dated 2030-2031 so that no other test's dump is newer; ahead of the clock, so a skew that allows it.
        Path newer = Files.writeString(work.resolve("newer.csv"),
                "Updated: 2031-01-01 00:00:00 +0000\n4.4.4.4;;;суд;9;2030-01-01\n", CP1251);
        Path older = Files.writeString(work.resolve("older.csv"),
                "Updated: 2030-06-01 00:00:00 +0000\n4.4.4.5;;;суд;10;2030-01-01\n", CP1251);
        assertThat(ingest("--force", "--max-clock-skew", "36500d", newer.toString()).exitCode()).isZero();

        assertRefused(older, "older.csv: registry time 2030-06-01T00:00:00Z is older than the newest dump already "
                + "ingested (2031-01-01T00:00:00Z); refused, since it would roll the table back (use --force to ingest it anyway)",
                "--max-clock-skew", "36500d");

        CliRun forced = ingest("--force", "--max-clock-skew", "36500d", older.toString());
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.outLines()).singleElement().asString()
                .startsWith("older.csv (registry time 2030-06-01T00:00:00Z): rows read 1 = accepted 1 + rejected 0;");
        assertThat(dumpRecord("older.csv").getAccepted()).isEqualTo(1L);
    }

    @Test
    void shouldRejectA50MegabyteLineInASmallHeap() throws Exception {
        // 50 MB on one line, gzipped (~100 KB on disk), then one good row. The child JVM has a 96 MiB heap:
        // reading the line whole (100 MB as UTF-16, 50 MB as Latin-1) would not fit.
        Path dump = work.resolve("huge-line.csv.gz");
        long hugeChars;
        try (Writer out = new java.io.OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(dump)), CP1251)) {
            out.write("Updated: 2021-05-01 10:00:00 +0000\n");
            String chunk = "5.5.5.5 | ".repeat(1000);
            long written = 0;
            while (written < 50_000_000L) {
                out.write(chunk);
                written += chunk.length();
            }
            out.write(";;;суд;11;2021-01-01\n5.5.6.0/24;;;суд;12;2021-01-01\n");
            hugeChars = written + ";;;суд;11;2021-01-01".length();
        }

        ChildJvm child = ChildJvm.start(work.resolve("logs"), "huge-line", "96m",
                "ingest", "--bootstrap", broker.bootstrapServers(), "--no-progress", "--force", dump.toString());
        int exit = child.awaitExit(Duration.ofMinutes(3));

        assertThat(exit).as(child.err()).isEqualTo(IngestCommand.ROWS_REJECTED);
        assertThat(child.err()).isEmpty();
        assertThat(child.outLines()).singleElement().asString().startsWith(
                "huge-line.csv.gz (registry time 2021-05-01T10:00:00Z): rows read 2 = accepted 1 + rejected 1;");
        assertThat(deadLetters("huge-line.csv.gz")).singleElement().satisfies(d -> {
            assertThat(d.getLine()).isEqualTo(2L);
            assertThat(d.getReason()).isEqualTo("row longer than 16 MiB");
            assertThat(d.getRawLength()).isEqualTo(hugeChars);
            assertThat(d.getRaw()).hasSize(64 * 1024).startsWith("5.5.5.5 | 5.5.5.5 | ");
        });
    }

    private static void assertRefused(Path dump, String message, String... flags) {
        Map<TopicPartition, Long> before = endOffsets(broker.bootstrapServers(), Topics.ALL);

        String[] args = Arrays.copyOf(flags, flags.length + 1);
        args[flags.length] = dump.toString();
        CliRun run = ingest(args);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly(ERROR + message);
        assertThat(run.out()).isEmpty();
        assertThat(endOffsets(broker.bootstrapServers(), Topics.ALL)).isEqualTo(before);
    }

    private static CliRun ingest(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "ingest";
        all[1] = "--bootstrap";
        all[2] = broker.bootstrapServers();
        all[3] = "--no-progress";
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRun.of(all);
    }

    private static String xmlBody(String contents) {
        return "<reg:register updateTime=\"2021-02-01T10:00:00+03:00\" xmlns:reg=\"http://rsoc.ru\">" + contents + "</reg:register>";
    }

    private static List<DeadLetter> deadLetters(String source) {
        return readAll(broker.bootstrapServers(), Topics.DLQ).stream().map(ConsumerRecord::value)
                .filter(d -> d.getSource().equals(source)).toList();
    }

    private static DumpRecord dumpRecord(String source) {
        return readTable(broker.bootstrapServers(), Topics.REGISTRY_DUMPS).values().stream()
                .filter(d -> d.getDump().getSource().equals(source)).findFirst().orElseThrow();
    }
}
