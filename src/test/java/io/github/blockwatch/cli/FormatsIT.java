package io.github.blockwatch.cli;

import static io.github.blockwatch.kafka.CommittedRecords.readAll;
import static io.github.blockwatch.kafka.CommittedRecords.readTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.blockwatch.avro.DeadLetter;
import io.github.blockwatch.avro.EventType;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.broker.BrokerWithTopics;
import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.kafka.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Today's formats through {@code blockwatch ingest} on a real broker: the mirror's split dump published as
 * one dump with its rejected row named by part, and dump.xml 2.4 attributes reaching the entries without
 * making every re-issued hash an UPDATE. Each test uses registry times no other test uses.
 */
class FormatsIT {
    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    static Path work;

    @AutoClose
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws IOException {
        broker = BrokerWithTopics.start(work.resolve("broker"));
    }

    private static CliRun ingest(String... args) {
        List<String> all = new ArrayList<>(List.of("ingest", "--bootstrap", broker.bootstrapServers(), "--no-progress", "--force"));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void shouldIngestTheMirrorsSplitDumpAsOneDumpAndNameTheCutOffRowByItsPart() throws Exception {
        byte[] whole;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("data/zi-2018-05-05.csv.gz")))) {
            whole = in.readAllBytes();
        }
        Path mirror = Files.createDirectories(work.resolve("mirror"));
        int start = 0;
        for (int i = 0; i < 20; i++) {
            int end = i == 19 ? whole.length : whole.length / 20 * (i + 1);
            while (i < 19 && whole[end - 1] != '\n') {
                end++;
            }
            Files.write(mirror.resolve(String.format(Locale.ROOT, "dump-%02d.csv", i)), Arrays.copyOfRange(whole, start, end));
            start = end;
        }
        long linesOfPart19 = Files.readString(mirror.resolve("dump-19.csv"), CP1251).split("\n", -1).length;

        CliRun split = ingest(mirror.toString());
        CliRun wholeFile = ingest("data/zi-2018-05-05.csv.gz");

        assertThat(split.err()).isEmpty();
        assertThat(split.exitCode()).isEqualTo(IngestCommand.ROWS_REJECTED);
        assertThat(split.outLines()).singleElement().asString().startsWith(
                "dump-{00..19}.csv (registry time 2018-05-05T13:25:00Z): rows read 32,797 = accepted 32,796 + rejected 1; 32,796 entries");
        List<ConsumerRecord<String, DeadLetter>> letters = readAll(broker.bootstrapServers(), Topics.DLQ).stream()
                .filter(r -> r.value().getDumpId().startsWith("2018-05-05T13:25:00Z/")).toList();
        assertThat(letters).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("dump-19.csv:" + linesOfPart19);
            assertThat(r.value().getLine()).isEqualTo(linesOfPart19);
            assertThat(r.value().getReason()).startsWith("truncated row");
        });
        // The parts are the bytes of dump.csv: the same digest, so the whole file is the same dump, ingested once.
        assertThat(wholeFile.outLines()).singleElement().asString()
                .startsWith("zi-2018-05-05.csv.gz: already ingested (dump 2018-05-05T13:25:00Z/");
    }

    @Test
    void shouldWatchForASplitDumpAndIngestItsPartsTogether() throws Exception {
        byte[] whole;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("data/zi-2020-01-26.csv.gz")))) {
            whole = in.readAllBytes();
        }
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        BackgroundCliRun watch = BackgroundCliRun.start("it-ingest-watch-split", "ingest", "--bootstrap", broker.bootstrapServers(),
                "--watch", inbox.toString(), "--force", "--no-progress");
        try {
            await().atMost(TIMEOUT).until(() -> watch.out().contains("watching " + inbox));
            // Cut after lines 10 and 20 (one 2020 row holds 4 MB of addresses: cutting by bytes could leave a part empty).
            int start = 0;
            for (int i = 0; i < 3; i++) {
                int end = i == 2 ? whole.length : afterLine(whole, 10 * (i + 1));
                Files.write(inbox.resolve(String.format(Locale.ROOT, "dump-%02d.csv", i)), Arrays.copyOfRange(whole, start, end));
                start = end;
            }

            await().atMost(TIMEOUT).until(() -> watch.out().contains("rows read") || !watch.err().isEmpty());
        } finally {
            watch.stop(TIMEOUT);
        }

        assertThat(watch.err()).isEmpty();
        assertThat(watch.out().lines().filter(line -> line.contains("rows read"))).singleElement().asString()
                .startsWith("dump-{00..02}.csv (registry time 2020-01-26T01:24:00Z): rows read 42 = accepted 41 + rejected 1");
        assertThat(watch.exitCode()).isEqualTo(IngestCommand.ROWS_REJECTED);
    }

    @Test
    void shouldRefuseASplitDumpWithAPartMissingAndPublishNothing() throws Exception {
        Path broken = Files.createDirectories(work.resolve("broken"));
        Files.writeString(broken.resolve("broken-00.csv"), "Updated: 2019-03-01 10:00:00 +0000\n1.2.3.4;;;суд;1;2019-01-01\n", CP1251);
        Files.writeString(broken.resolve("broken-02.csv"), "5.6.7.8;;;суд;2;2019-01-01\n", CP1251);

        CliRun run = ingest(broken.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("blockwatch ingest: error: broken-{00..02}.csv: part broken-01.csv is missing; "
                + "a split dump is read whole or not at all");
        assertThat(readAll(broker.bootstrapServers(), Topics.REGISTRY_EVENTS))
                .noneMatch(r -> r.value().getDump().getSource().startsWith("broken-"));
    }

    @Test
    void shouldCarry24AttributesIntoEntriesAndNotCallANewHashAnUpdate() throws Exception {
        List<String> contents = realContents(3);
        Path first = xml24("2.4-first.xml", "2021-06-01T10:00:00+03:00", contents, "0", "H1");
        Path reissued = xml24("2.4-reissued.xml", "2021-06-01T11:00:00+03:00", contents, "0", "H2");
        Path urgent = xml24("2.4-urgent.xml", "2021-06-01T12:00:00+03:00", contents, "1", "H3");

        CliRun one = ingest(first.toString());
        CliRun two = ingest(reissued.toString());
        CliRun three = ingest(urgent.toString());

        assertThat(one.err()).isEmpty();
        // Whatever other tests left in the registry is removed by the first dump; these three are new.
        assertThat(one.outLines()).singleElement().asString().containsPattern("events: 3 added, [0-9,]+ removed, 0 updated(; raised FORMAT_CHANGED)?$");
        assertThat(two.outLines()).singleElement().asString().endsWith("events: 0 added, 0 removed, 0 updated");
        assertThat(three.outLines()).singleElement().asString().endsWith("events: 0 added, 0 removed, 3 updated");
        RegistryEntry entry = readTable(broker.bootstrapServers(), Topics.REGISTRY_ENTRIES).get("xml:347");
        assertThat(entry.getBlockType()).isEqualTo("domain");
        assertThat(entry.getAttributes()).containsEntry("urgencyType", "1").containsEntry("hash", "H3")
                .containsEntry("ts", "2021-06-01T12:00:00+03:00").containsEntry("domain.ts", "2021-05-01T10:00:00+03:00")
                .containsEntry("appealStatus", "none");
        List<RegistryEvent> updates = readAll(broker.bootstrapServers(), Topics.REGISTRY_EVENTS).stream()
                .map(ConsumerRecord::value).filter(e -> e.getKey().equals("xml:347")).toList();
        assertThat(updates).extracting(RegistryEvent::getType).containsExactly(EventType.ADDED, EventType.UPDATED);
        assertThat(updates.get(1).getEntry().getRanges()).contains("2a03:2880::/29");
    }

    /** The offset just after the {@code n}-th line break. */
    private static int afterLine(byte[] bytes, int n) {
        int seen = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' && ++seen == n) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("fewer than " + n + " lines");
    }

    /** The first {@code n} content elements of the real 2015-05-31 dump.xml (format 2.1). */
    private static List<String> realContents(int n) throws IOException {
        String xml;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("src/test/resources/rkn-xml/dump-2015-05-31T2300.xml.gz")))) {
            xml = new String(in.readAllBytes(), CP1251);
        }
        List<String> contents = new ArrayList<>();
        Matcher m = Pattern.compile("<content .*?</content>", Pattern.DOTALL).matcher(xml);
        while (m.find() && contents.size() < n) {
            contents.add(m.group());
        }
        return contents;
    }

    /** A format 2.4 dump of real contents, with 2.4's attributes and an ipv6Subnet written into them. */
    private static Path xml24(String name, String updateTime, List<String> contents, String urgencyType, String hash)
            throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"windows-1251\"?><reg:register updateTime=\""
                + updateTime + "\" formatVersion=\"2.4\" xmlns:reg=\"http://rsoc.ru\">");
        for (String content : contents) {
            xml.append(content
                    .replaceFirst("entryType=\"1\"", "entryType=\"1\" urgencyType=\"" + urgencyType + "\" blockType=\"domain\" hash=\""
                            + hash + "\" ts=\"" + updateTime + "\" appealStatus=\"none\"")
                    .replaceAll("<(url|domain|ip)>", "<$1 ts=\"2021-05-01T10:00:00+03:00\">")
                    .replace("</content>", "<ipv6Subnet ts=\"" + updateTime + "\">2a03:2880::/29</ipv6Subnet></content>"));
        }
        xml.append("</reg:register>");
        return Files.write(work.resolve(name), xml.toString().getBytes(CP1251));
    }
}
