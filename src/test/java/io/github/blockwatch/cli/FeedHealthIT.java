package io.github.blockwatch.cli;

import static io.github.blockwatch.kafka.CommittedRecords.endOffsets;
import static io.github.blockwatch.kafka.CommittedRecords.readAll;
import static io.github.blockwatch.kafka.CommittedRecords.readTable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.blockwatch.alerts.AlertJsonSchema;
import io.github.blockwatch.app.RunningPipeline;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.Severity;
import io.github.blockwatch.kafka.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feed-health alerts on a real broker with the Streams application running, raised by real dumps through
 * {@code blockwatch ingest}: the ten-month gap between the 2017 and 2018 mirror dumps (FEED_STALLED), the
 * mirror's cut-off 2020 file of 41 rows after 32,796 (DUMP_SHRANK: held, nothing unblocked, exit code 4;
 * then applied with {@code --accept-shrink}), a dump.csv that gained a column and the official dump.xml
 * whose format version went from 2.0 to 2.1 (FORMAT_CHANGED). Ordered: each test builds on the state the
 * one before left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FeedHealthIT {
    private static final String ZI_2017 = "data/zi-2017-07-01.csv.gz";
    private static final String ZI_2018 = "data/zi-2018-05-05.csv.gz";
    private static final String ZI_2020 = "data/zi-2020-01-26.csv.gz";
    private static final String XML_2014 = "src/test/resources/rkn-xml/dump-2014-10-31T2305.xml.gz";
    private static final String XML_2015 = "src/test/resources/rkn-xml/dump-2015-05-31T2300.xml.gz";
    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final Duration STREAMS_TIMEOUT = Duration.ofMinutes(4);
    // 'iprange -C' over the IPv4 ranges of the accepted rows (see BundledReplayIT).
    private static final long DISTINCT_IPV4_2018 = 14_692_449;
    private static final long DISTINCT_IPV4_2020 = 263_765;
    /** The ranges of /16 or larger in zi-2018-05-05 that zi-2020-01-26 no longer lists (BundledReplayIT). */
    private static final int LARGE_RANGES_2018 = 43;

    @TempDir
    static Path work;

    @AutoClose
    private static RunningPipeline pipeline;
    private static String bootstrap;

    @BeforeAll
    static void ingest2017And2018() throws IOException {
        pipeline = RunningPipeline.start(work, "feed-health-it");
        bootstrap = pipeline.broker().bootstrapServers();
        CliRun run = ingest(ZI_2017, ZI_2018);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(IngestCommand.ROWS_REJECTED);
    }

    @Test
    @Order(1)
    void shouldRaiseFeedStalledForTheTenMonthGapBefore2018() throws Exception {
        RangeAlert stalled = awaitAlert(AlertType.FEED_STALLED, "zi-2018-05-05.csv.gz");

        assertThat(stalled.getDetails())
                .containsEntry("stall", "registry-gap")
                .containsEntry("previousSource", "zi-2017-07-01.csv.gz")
                .containsEntry("from", "2017-07-01T08:00:00Z")
                .containsEntry("to", "2018-05-05T13:25:00Z")
                .containsEntry("gap", "PT7397H25M");
        assertThat(stalled.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(stalled.getSummary()).contains("no dump for 308d 5h 25m of registry time");
        assertThat(alertsOf(AlertType.FEED_STALLED)).hasSize(1);
        JsonNode json = jsonOf(stalled.getId());
        assertThat(json.get("details").get("previousSource").asText()).isEqualTo("zi-2017-07-01.csv.gz");
        assertThat(json.get("ranges")).isEmpty();
    }

    @Test
    @Order(2)
    void shouldHoldTheCutOff2020DumpAndUnblockNothing() throws Exception {
        awaitStats("zi-2018-05-05.csv.gz");

        CliRun run = ingest(ZI_2020);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(IngestCommand.DUMP_HELD);
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).singleElement().asString()
                .startsWith("zi-2020-01-26.csv.gz (registry time 2020-01-26T01:24:00Z): rows read 42 = accepted 41 + rejected 1; 41 entries; HELD")
                .contains("--accept-shrink", "raised DUMP_SHRANK");

        RangeAlert shrank = awaitAlert(AlertType.DUMP_SHRANK, "zi-2020-01-26.csv.gz");
        assertThat(alertsOf(AlertType.DUMP_SHRANK)).hasSize(1);
        assertThat(shrank.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(shrank.getDetails())
                .containsEntry("previousSource", "zi-2018-05-05.csv.gz")
                .containsEntry("previousEntries", "32796")
                .containsEntry("entries", "41")
                .containsEntry("rowsRead", "42")
                .containsEntry("dropped", "32755")
                .containsEntry("held", "true");
        assertThat(Integer.parseInt(shrank.getDetails().get("wouldRemove"))).isGreaterThan(32_000);
        assertThat(shrank.getSummary()).isEqualTo(String.format(Locale.ROOT, "zi-2020-01-26.csv.gz has 41 entries, "
                + "99.9%% fewer than the 32,796 of zi-2018-05-05.csv.gz: held, nothing unblocked (%,d entries would be "
                + "removed; ingest it with --accept-shrink to apply it)", Integer.parseInt(shrank.getDetails().get("wouldRemove"))));
        assertThat(jsonOf(shrank.getId()).get("details").get("held").asText()).isEqualTo("true");

        // Recorded as held, with no event at all: the table cannot move.
        DumpRecord record = dumpRecord("zi-2020-01-26.csv.gz");
        assertThat(record.getHeld()).isTrue();
        assertThat(List.of(record.getAdded(), record.getRemoved(), record.getUpdated())).containsExactly(0, 0, 0);
        assertThat(readAll(bootstrap, Topics.REGISTRY_EVENTS))
                .noneMatch(e -> e.value().getDump().getSource().equals("zi-2020-01-26.csv.gz"));
        assertThat(readTable(bootstrap, Topics.REGISTRY_ENTRIES)).hasSize(32_796);
        // Nothing is silently dropped: the cut-off last row is in the DLQ.
        assertThat(readAll(bootstrap, Topics.DLQ)).filteredOn(d -> d.value().getSource().equals("zi-2020-01-26.csv.gz"))
                .hasSize(1);

        // The topology saw the held dump (its arrival ends the 2018-2020 gap) and unblocked nothing.
        awaitAlert(AlertType.FEED_STALLED, "zi-2020-01-26.csv.gz");
        assertThat(alertsOf(AlertType.UNBLOCKED)).isEmpty();
        Map<String, DumpStats> stats = readTable(bootstrap, Topics.STATS);
        assertThat(stats.values()).noneMatch(s -> s.getDump().getSource().equals("zi-2020-01-26.csv.gz"));
        assertThat(stats.values()).extracting(DumpStats::getDistinctIpv4).endsWith(DISTINCT_IPV4_2018);
        Map<String, BlockedRange> table = readTable(bootstrap, Topics.BLOCKED_RANGES);
        assertThat(table).containsKeys("34.192.0.0/10", "52.58.0.0/15").hasSize(36_504);
    }

    @Test
    @Order(3)
    void shouldPublishNothingWhenTheHeldDumpComesAgainWithoutAcceptShrink() {
        Map<TopicPartition, Long> before = endOffsets(bootstrap, Topics.ALL);

        CliRun run = ingest(ZI_2020);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(IngestCommand.DUMP_HELD);
        assertThat(run.outLines()).singleElement().asString()
                .startsWith("zi-2020-01-26.csv.gz: held before (dump 2020-01-26T01:24:00Z/")
                .endsWith("nothing published; --accept-shrink applies it");
        assertThat(endOffsets(bootstrap, Topics.ALL)).isEqualTo(before);
    }

    @Test
    @Order(4)
    void shouldApplyTheHeldDumpWithAcceptShrink() {
        CliRun run = ingest("--accept-shrink", ZI_2020);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(IngestCommand.ROWS_REJECTED);
        assertThat(run.outLines()).singleElement().asString()
                .startsWith("zi-2020-01-26.csv.gz (registry time 2020-01-26T01:24:00Z): rows read 42 = accepted 41 + rejected 1; 41 entries; events: ")
                .doesNotContain("HELD");

        DumpStats stats2020 = awaitStats("zi-2020-01-26.csv.gz");
        assertThat(stats2020.getDistinctIpv4()).isEqualTo(DISTINCT_IPV4_2020);
        assertThat(dumpRecord("zi-2020-01-26.csv.gz").getHeld()).isFalse();
        assertThat(readTable(bootstrap, Topics.REGISTRY_ENTRIES)).hasSize(41);
        // The alert was raised when the dump was held; accepting it raises no second one, nor DLQ copies.
        assertThat(alertsOf(AlertType.DUMP_SHRANK)).hasSize(1);
        assertThat(readAll(bootstrap, Topics.DLQ)).filteredOn(d -> d.value().getSource().equals("zi-2020-01-26.csv.gz"))
                .hasSize(1);
        await().atMost(STREAMS_TIMEOUT).until(() -> alertsOf(AlertType.UNBLOCKED).size() >= LARGE_RANGES_2018);
        assertThat(alertsOf(AlertType.UNBLOCKED)).hasSize(LARGE_RANGES_2018)
                .extracting(a -> a.getRanges().get(0)).contains("34.192.0.0/10", "52.58.0.0/15");
        assertThat(alertsOf(AlertType.FEED_STALLED)).as("one per gap, not one per record").hasSize(2);
    }

    @Test
    @Order(5)
    void shouldRaiseFormatChangedWhenTheCsvGainsAColumn() throws IOException {
        // The 2020 mirror file's own rows, a day later, each with a seventh field appended, as a mirror
        // adding a column would write them: the parser still takes every row (the URL swallows a field).
        Path widened = work.resolve("zi-2020-01-27-seven-fields.csv");
        String rows = completeRows(Path.of(ZI_2020)).stream().map(row -> row + ";default\n").collect(Collectors.joining());
        Files.writeString(widened, "Updated: 2020-01-27 01:24:00 +0000\n" + rows, CP1251);

        CliRun run = ingest(widened.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).singleElement().asString().endsWith("; raised FORMAT_CHANGED");
        RangeAlert changed = awaitAlert(AlertType.FORMAT_CHANGED, widened.getFileName().toString());
        assertThat(alertsOf(AlertType.FORMAT_CHANGED)).hasSize(1);
        assertThat(changed.getDetails())
                .containsEntry("changed", "fieldCount")
                .containsEntry("previousSource", "zi-2020-01-26.csv.gz")
                .containsEntry("previousFieldCount", "6")
                .containsEntry("fieldCount", "7")
                .containsEntry("format", "csv")
                .containsEntry("encoding", "windows-1251");
        assertThat(changed.getSeverity()).isEqualTo(Severity.MEDIUM);
        assertThat(changed.getSummary()).isEqualTo("zi-2020-01-27-seven-fields.csv: format changed since zi-2020-01-26.csv.gz: "
                + "fieldCount 6 → 7; scripts reading the feed may break");
    }

    @Test
    @Order(6)
    void shouldRaiseFormatChangedWhenTheFormatAndItsVersionChange() {
        // --force: the official dump.xml files are from 2014 and 2015, older than the csv dumps above.
        CliRun toXml = ingest("--force", XML_2014);
        assertThat(toXml.exitCode()).as(toXml.err()).isZero();
        CliRun newerVersion = ingest("--force", XML_2015);
        assertThat(newerVersion.exitCode()).as(newerVersion.err()).isZero();

        awaitAlert(AlertType.FORMAT_CHANGED, "dump-2014-10-31T2305.xml.gz");
        awaitAlert(AlertType.FORMAT_CHANGED, "dump-2015-05-31T2300.xml.gz");
        Map<String, RangeAlert> bySource = alertsOf(AlertType.FORMAT_CHANGED).stream()
                .collect(Collectors.toMap(a -> a.getDump().getSource(), a -> a));
        assertThat(bySource.get("dump-2014-10-31T2305.xml.gz").getDetails())
                .containsEntry("changed", "format,formatVersion,fieldCount")
                .containsEntry("previousFormat", "csv").containsEntry("format", "xml")
                .containsEntry("previousFormatVersion", "none").containsEntry("formatVersion", "2.0")
                .containsEntry("previousFieldCount", "7").containsEntry("fieldCount", "none")
                .containsEntry("previousEncoding", "windows-1251").containsEntry("encoding", "windows-1251");
        assertThat(bySource.get("dump-2014-10-31T2305.xml.gz").getSeverity()).isEqualTo(Severity.HIGH);
        // The registry's own dump.xml: <reg:register formatVersion="2.0"> in October 2014, "2.1" by May 2015.
        RangeAlert version = bySource.get("dump-2015-05-31T2300.xml.gz");
        assertThat(version.getDetails()).containsEntry("changed", "formatVersion")
                .containsEntry("previousFormatVersion", "2.0").containsEntry("formatVersion", "2.1")
                .containsEntry("previousSource", "dump-2014-10-31T2305.xml.gz");
        assertThat(version.getSummary()).contains("formatVersion 2.0 → 2.1");
        assertThat(dumpRecord("dump-2015-05-31T2300.xml.gz").getFormatVersion()).isEqualTo("2.1");
        assertThat(bySource).hasSize(3);
    }

    @Test
    @Order(7)
    void shouldJudgeANamedSourceByItsOwnDumpsOnly() {
        int shrank = alertsOf(AlertType.DUMP_SHRANK).size();
        int formatChanged = alertsOf(AlertType.FORMAT_CHANGED).size();

        // 120 lines of another format, dated 2024: as the default source's next dump it would change the format
        // and shrink the registry to 2% of its entries; as a source of its own it is that source's first dump.
        CliRun run = ingest("--source", "antifilter-subnet", "data/antifilter/2024-07-17/subnet.lst.gz");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("[antifilter-subnet] subnet.lst.gz (registry time ")
                .contains("rows read 120 = accepted 120 + rejected 0; 120 entries; events: 120 added");
        DumpStats stats = awaitStats("subnet.lst.gz");
        assertThat(stats.getSources()).extracting(s -> s.getSource()).contains("antifilter-subnet", "default");
        assertThat(dumpRecord("subnet.lst.gz").getDump().getSourceName()).isEqualTo("antifilter-subnet");
        assertThat(alertsOf(AlertType.DUMP_SHRANK)).hasSize(shrank);
        assertThat(alertsOf(AlertType.FORMAT_CHANGED)).hasSize(formatChanged);
    }

    private static CliRun ingest(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "ingest";
        all[1] = "--bootstrap=" + bootstrap;
        all[2] = "--no-progress";
        System.arraycopy(args, 0, all, 3, args.length);
        return CliRun.of(all);
    }

    private static List<RangeAlert> alertsOf(AlertType type) {
        return readAll(bootstrap, Topics.ALERTS).stream().map(ConsumerRecord::value).filter(a -> a.getType() == type).toList();
    }

    /**
     * Waits for an alert to be readable: ingest commits its alerts with the dump, but a {@code read_committed}
     * reader stops at the first open transaction, and the Streams application may have one on the same topic.
     */
    private static RangeAlert awaitAlert(AlertType type, String source) {
        return await().atMost(STREAMS_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(pipeline.app().failure()).isNull();
            return alertsOf(type).stream().filter(a -> a.getDump().getSource().equals(source)).findFirst().orElse(null);
        }, a -> a != null);
    }

    private static DumpStats awaitStats(String source) {
        return await().atMost(STREAMS_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(pipeline.app().failure()).isNull();
            return readTable(bootstrap, Topics.STATS).values().stream()
                    .filter(s -> s.getDump().getSource().equals(source)).findFirst().orElse(null);
        }, s -> s != null);
    }

    private static JsonNode jsonOf(String alertId) throws IOException {
        String json = await().atMost(STREAMS_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() ->
                readAll(bootstrap, Topics.ALERTS_JSON).stream().filter(r -> r.key().equals(alertId))
                        .map(ConsumerRecord::value).findFirst().orElse(null), j -> j != null);
        return AlertJsonSchema.assertValid(json);
    }

    private static DumpRecord dumpRecord(String source) {
        return readTable(bootstrap, Topics.REGISTRY_DUMPS).values().stream()
                .filter(d -> d.getDump().getSource().equals(source)).findFirst().orElseThrow();
    }

    /** The rows of a mirror dump after its Updated: line, without the cut-off last one. */
    private static List<String> completeRows(Path gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip))) {
            String text = new String(in.readAllBytes(), CP1251);
            List<String> lines = text.substring(0, text.lastIndexOf('\n')).lines().toList();
            return lines.subList(1, lines.size());
        }
    }
}
