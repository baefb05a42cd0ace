package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.blockwatch.alerts.AlertJsonSchema;
import io.github.blockwatch.alerts.AlertIds;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.DeadLetter;
import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.Severity;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.registry.DumpHeader;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.Dumps;
import io.github.blockwatch.registry.ParsedRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FEED_STALLED on the dump records of real dumps: the registry-time gaps between them, and a feed that
 * stops delivering (the driver's wall clock advanced by hand).
 */
class FeedStallTopologyTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Path ZI_2017 = Path.of("data/zi-2017-07-01.csv.gz");
    private static final Path ZI_2018 = Path.of("data/zi-2018-05-05.csv.gz");
    private static final Path ZI_2020 = Path.of("data/zi-2020-01-26.csv.gz");
    private static final Path XML_2305 = Path.of("src/test/resources/rkn-xml/dump-2014-10-31T2305.xml.gz");
    private static final Path XML_0005 = Path.of("src/test/resources/rkn-xml/dump-2014-11-01T0005.xml.gz");
    private static final Path XML_1205 = Path.of("src/test/resources/rkn-xml/dump-2014-11-01T1205.xml.gz");

    @TempDir
    Path stateDir;

    private BlockwatchDriver driver;
    private TestInputTopic<String, DumpRecord> dumps;
    private TestOutputTopic<String, RangeAlert> alerts;
    private TestOutputTopic<String, String> alertsJson;

    private void start(Duration stallAfter) {
        driver = BlockwatchDriver.start("feed-stall-test", stateDir, AlertRules.defaults().withStallAfter(stallAfter), NOW);
        dumps = driver.input(Topics.REGISTRY_DUMPS);
        alerts = driver.output(Topics.ALERTS);
        alertsJson = driver.output(Topics.ALERTS_JSON);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void shouldRaiseFeedStalledForTheTenMonthGapBetweenThe2017And2018Dumps() throws Exception {
        start(Duration.ofHours(6));
        DumpRecord zi2017 = record(ZI_2017, NOW);
        DumpRecord zi2018 = record(ZI_2018, NOW);

        arrive(zi2017);
        arrive(zi2018);

        RangeAlert alert = single(alerts.readValuesToList());
        assertThat(alert.getType()).isEqualTo(AlertType.FEED_STALLED);
        assertThat(alert.getDump()).isEqualTo(zi2018.getDump());
        assertThat(alert.getRegistryTime()).isEqualTo(Instant.parse("2018-05-05T13:25:00Z"));
        // 2017-07-01T08:00Z to 2018-05-05T13:25Z: 308 days 5 h 25 min, over 1,200 times the 6 h
        assertThat(alert.getDetails())
                .containsEntry("stall", "registry-gap")
                .containsEntry("previousDump", zi2017.getDump().getId())
                .containsEntry("previousSource", "zi-2017-07-01.csv.gz")
                .containsEntry("from", "2017-07-01T08:00:00Z")
                .containsEntry("to", "2018-05-05T13:25:00Z")
                .containsEntry("gap", Duration.ofDays(308).plusHours(5).plusMinutes(25).toString())
                .containsEntry("stallAfter", "PT6H");
        assertThat(alert.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.getSummary()).isEqualTo("feed stalled: no dump for 308d 5h 25m of registry time, "
                + "from 2017-07-01T08:00:00Z (zi-2017-07-01.csv.gz) to 2018-05-05T13:25:00Z (zi-2018-05-05.csv.gz)");
        assertThat(alert.getRanges()).isEmpty();
        assertThat(alert.getFamily()).isZero();
        assertThat(alert.getId()).isEqualTo(AlertIds.of(AlertType.FEED_STALLED, "registry-gap", zi2018.getDump().getId()));

        JsonNode json = AlertJsonSchema.assertValid(single(alertsJson.readValuesToList()));
        assertThat(json.get("id").asText()).isEqualTo(alert.getId());
        assertThat(json.get("type").asText()).isEqualTo("FEED_STALLED");
        assertThat(json.get("details").get("from").asText()).isEqualTo("2017-07-01T08:00:00Z");
    }

    @Test
    void shouldRaiseOneAlertPerGapInAReplayOfHistory() throws Exception {
        start(Duration.ofHours(6));
        DumpRecord zi2018 = record(ZI_2018, NOW);
        DumpRecord zi2020 = record(ZI_2020, NOW);

        arrive(record(ZI_2017, NOW));
        arrive(zi2018);
        arrive(zi2020);
        arrive(zi2020); // the same dump again (a held dump, then accepted): no gap

        List<RangeAlert> raised = alerts.readValuesToList();
        assertThat(raised).extracting(a -> a.getDump().getSource())
                .containsExactly("zi-2018-05-05.csv.gz", "zi-2020-01-26.csv.gz");
        assertThat(raised.get(1).getDetails()).containsEntry("previousDump", zi2018.getDump().getId())
                .containsEntry("from", "2018-05-05T13:25:00Z").containsEntry("to", "2020-01-26T01:24:00Z");
    }

    @Test
    void shouldStayQuietForHourlyDumpsAndForAnOlderDumpIngestedLate() throws Exception {
        start(Duration.ofHours(6));
        // The official dump.xml of 31 Oct and 1 Nov 2014: 23:05 (+04:00), then 00:05 and 12:05 on 1 Nov.
        arrive(record(XML_2305, NOW));
        arrive(record(XML_0005, NOW));
        assertThat(alerts.readValuesToList()).isEmpty();

        arrive(record(XML_1205, NOW)); // twelve hours later: a stall
        assertThat(single(alerts.readValuesToList()).getDetails()).containsEntry("gap", "PT12H");

        arrive(record(ZI_2017, NOW));
        alerts.readValuesToList();
        arrive(record(XML_2305, NOW)); // with --force: older than the newest, so no gap to speak of
        assertThat(alerts.readValuesToList()).isEmpty();
    }

    @Test
    void shouldMeasureNoRegistryGapToOrFromAnAddressList() throws Exception {
        start(Duration.ofHours(6));
        // A list has no registry time: ingest stamps it with its file's time, years after the 2018 dump.
        Path list = Files.writeString(stateDir.resolve("blocked.lst"), "1.2.3.0/24\n");
        Files.setLastModifiedTime(list, java.nio.file.attribute.FileTime.from(NOW));
        arrive(record(ZI_2018, NOW));
        arrive(record(list, NOW));
        assertThat(alerts.readValuesToList()).as("no gap of 3,133 days to the list's file time").isEmpty();

        arrive(record(ZI_2020, NOW));
        assertThat(single(alerts.readValuesToList()).getDetails())
                .as("the gap runs from the registry dump before it").containsEntry("from", "2018-05-05T13:25:00Z");
    }

    @Test
    void shouldRaiseFeedStalledOnceWhenNoDumpArrivesForTheStallTime() throws Exception {
        start(Duration.ofHours(6));
        DumpRecord zi2020 = record(ZI_2020, NOW);
        driver.driver().advanceWallClockTime(Duration.ofHours(7));
        assertThat(alerts.readValuesToList()).as("nothing ever arrived: a new installation").isEmpty();

        DumpRecord arrived = record(ZI_2020, NOW.plus(Duration.ofHours(7)));
        arrive(arrived);
        driver.driver().advanceWallClockTime(Duration.ofHours(5));
        assertThat(alerts.readValuesToList()).isEmpty();

        driver.driver().advanceWallClockTime(Duration.ofHours(1).plusMinutes(1));
        RangeAlert stalled = single(alerts.readValuesToList());
        assertThat(stalled.getType()).isEqualTo(AlertType.FEED_STALLED);
        assertThat(stalled.getSeverity()).isEqualTo(Severity.HIGH);
        assertThat(stalled.getDump()).isEqualTo(zi2020.getDump());
        assertThat(stalled.getRegistryTime()).isEqualTo(Instant.parse("2020-01-26T01:24:00Z"));
        assertThat(stalled.getDetails())
                .containsEntry("stall", "no-new-dump")
                .containsEntry("lastDump", zi2020.getDump().getId())
                .containsEntry("lastArrived", "2026-11-25T19:00:00Z")
                .containsEntry("stallAfter", "PT6H");
        assertThat(Duration.parse(stalled.getDetails().get("waited"))).isBetween(Duration.ofHours(6), Duration.ofHours(6).plusMinutes(2));
        assertThat(stalled.getSummary()).startsWith("feed stalled: no new dump for 6h");

        driver.driver().advanceWallClockTime(Duration.ofDays(3));
        assertThat(alerts.readValuesToList()).as("one alert per stall").isEmpty();

        // A dump arrives (the same one fetched again counts: the feed is alive): re-armed.
        Instant later = NOW.plus(Duration.ofHours(7 + 5 + 1).plusMinutes(1)).plus(Duration.ofDays(3)); // the wall clock now
        arrive(record(ZI_2020, later));
        driver.driver().advanceWallClockTime(Duration.ofHours(6).plusMinutes(1));
        RangeAlert again = single(alerts.readValuesToList());
        assertThat(again.getDetails()).containsEntry("lastArrived", later.toString());
        assertThat(again.getId()).isNotEqualTo(stalled.getId());
    }

    @Test
    void shouldWatchEachSourceApartAndNameTheOneThatStalled() throws Exception {
        start(Duration.ofHours(6));
        // A registry gap is a source's own: the mirror's dump of 2020 after official's of 2014 is no gap of either.
        arrive(asSource("official", record(XML_2305, NOW)));
        arrive(asSource("zi", record(ZI_2020, NOW)));
        assertThat(alerts.readValuesToList()).isEmpty();
        // Then the official feed arrives every hour, the mirror nothing.
        for (int hour = 1; hour <= 7; hour++) {
            arrive(asSource("official", record(XML_2305, NOW.plus(Duration.ofHours(hour)))));
            driver.driver().advanceWallClockTime(Duration.ofHours(1));
        }

        RangeAlert stalled = single(alerts.readValuesToList());
        assertThat(stalled.getType()).isEqualTo(AlertType.FEED_STALLED);
        assertThat(stalled.getDump().getSourceName()).isEqualTo("zi");
        assertThat(stalled.getDetails()).containsEntry("stall", "no-new-dump").containsEntry("lastArrived", NOW.toString());
        assertThat(stalled.getSummary()).startsWith("[zi] feed stalled: no new dump for 6h");
    }

    @Test
    void shouldRefuseADumpRecordWhoseSourceIsNoNameOrNotItsIdsAndWatchTheNextOne() throws Exception {
        start(Duration.ofHours(6));
        TestOutputTopic<String, DeadLetter> dlq = driver.output(Topics.DLQ);
        arrive(asSource("official", record(XML_2305, NOW)));
        // From another producer: a name with a zero byte, and a name other than its dump id's source.
        DumpRecord zeroByte = asSource("a\u0000b", record(ZI_2020, NOW));
        DumpRecord otherSource = asSource("official", record(ZI_2018, NOW));
        otherSource.getDump().setSourceName("evil");
        arrive(zeroByte);
        arrive(otherSource);
        DumpRecord next = asSource("official", record(XML_0005, NOW));
        arrive(next);

        assertThat(dlq.readValuesToList()).extracting(letter -> letter.getSource() + ":" + letter.getLine() + " " + letter.getReason())
                .containsExactly(
                        "blockwatch.registry.dumps-0:1 refused by feed-dumps-source-check: IllegalArgumentException: dump "
                                + zeroByte.getDump().getId().replace("\u0000", "\\u0000") + ": source name 'a\\u0000b' is not one: "
                                + "use 1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit "
                                + "(e.g. official, antifilter-ipsum)",
                        "blockwatch.registry.dumps-0:2 refused by feed-dumps-source-check: IllegalArgumentException: "
                                + "dump names source 'evil' but dump id '" + otherSource.getDump().getId()
                                + "' is of source 'official'");
        Map<String, String> watched = new TreeMap<>();
        driver.driver().<String, DumpRecord>getKeyValueStore(FeedStallRule.STORE).all()
                .forEachRemaining(kv -> watched.put(kv.key, kv.value.getDump().getId()));
        assertThat(watched).as("only official is watched, and the dump after the refused ones arrived").containsExactly(
                Map.entry("last-arrived/official", next.getDump().getId()),
                Map.entry("newest/official", next.getDump().getId()));
        assertThat(alerts.readValuesToList()).as("no registry gap to the 2018 or 2020 dump").isEmpty();
    }

    /** The record as ingest --source publishes it: the source's name in the dump and its id. */
    private static DumpRecord asSource(String source, DumpRecord record) {
        record.getDump().setSourceName(source);
        record.getDump().setId(source + "/" + record.getDump().getId());
        return record;
    }

    @Test
    void shouldRunTheStallRuleApartFromTheAddressTable() {
        // A sub-topology of its own: its task keeps checking the wall clock while the table's task is busy.
        TopologyDescription description = BlockwatchTopology.build(AlertRules.defaults()).describe();
        TopologyDescription.Subtopology feed = description.subtopologies().stream()
                .filter(s -> s.nodes().stream().anyMatch(n -> n.name().equals("feed-stall-rule")))
                .findFirst().orElseThrow();
        assertThat(feed.nodes()).extracting(TopologyDescription.Node::name)
                .doesNotContain("address-table", "surge-rule");
    }

    private void arrive(DumpRecord record) {
        dumps.pipeInput(record.getDump().getId(), record, record.getIngestedAt());
    }

    private static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    /** The dump record ingest would publish for a real dump (counts read from the file itself). */
    private static DumpRecord record(Path file, Instant ingestedAt) throws IOException {
        assertThat(Files.exists(file)).as(file.toString()).isTrue();
        try (DumpReader reader = Dumps.open(file)) {
            long rows = 0;
            long rejected = 0;
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                rows++;
                rejected += row instanceof ParsedRow.Rejected ? 1 : 0;
            }
            DumpHeader header = reader.header();
            String id = header.registryTime() + "/" + reader.digest().substring(0, 12);
            return DumpRecord.newBuilder()
                    .setDump(new DumpRef(id, header.source(), header.format().label(), header.registryTime(), null))
                    .setDigest(reader.digest())
                    .setRowsRead(rows)
                    .setAccepted(rows - rejected)
                    .setRejected(rejected)
                    .setEntries(rows - rejected)
                    .setAdded(0)
                    .setRemoved(0)
                    .setUpdated(0)
                    .setIngestedAt(ingestedAt)
                    .setFormatVersion(reader.layout().formatVersion())
                    .setEncoding(reader.layout().encoding())
                    .setFieldCount(reader.layout().fieldCount())
                    .build();
        }
    }
}
