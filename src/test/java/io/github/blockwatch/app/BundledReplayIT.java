package io.github.blockwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.alerts.AlertJsonSchema;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.cli.BlockwatchCommand;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topic;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.Dumps;
import io.github.blockwatch.registry.ParsedRow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on the three bundled real mirror dumps, replayed ONCE for the class through the CLI
 * ({@code blockwatch demo --exit-when-done --port 0 --work-dir DIR}: embedded broker, Streams topology and
 * ingest in this JVM). The demo stops its broker when done; the broker is then restarted on the same
 * directory and every test reads what the topology committed ({@code read_committed}).
 *
 * <p>Expected figures are independent of the code under test: they come from FireHOL {@code iprange -C}
 * (output {@code entries,unique_ips}) over the IPv4 ranges of the accepted rows, and from reading the raw
 * rows with zcat/iconv/grep, as noted at each constant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BundledReplayIT {
    private static final String DUMP_2017 = "zi-2017-07-01.csv.gz";
    private static final String DUMP_2018 = "zi-2018-05-05.csv.gz";
    private static final String DUMP_2020 = "zi-2020-01-26.csv.gz";

    // $ blockwatch count --print-ipv4 data/zi-2017-07-01.csv.gz | iprange -C
    // 14428,27019
    private static final long DISTINCT_IPV4_2017 = 27_019;
    // $ blockwatch count --print-ipv4 data/zi-2018-05-05.csv.gz | iprange -C
    // 71354,14692449
    private static final long DISTINCT_IPV4_2018 = 14_692_449;
    // $ blockwatch count --print-ipv4 data/zi-2020-01-26.csv.gz | iprange -C
    // 263765,263765
    // (the same three figures are in data/README, "distinct IPv4 addresses"; 2020 is all single addresses,
    // so its 263,765 addresses are also 263,765 distinct ranges: 'blockwatch count' says "distinct ranges 263,765")
    private static final long DISTINCT_IPV4_2020 = 263_765;
    private static final long RANGES_2020 = 263_765;

    private static final String AMAZON_GOOGLE_DECISION = "27-31-2015/Ид4082-15";
    private static final String CLOUD_HOSTERS_DECISION = "27-31-2018/Ид2971-18";

    /**
     * Every range of /16 or larger (the LARGE_RANGE threshold, 65,536 addresses) in zi-2018-05-05, found
     * by splitting the first field of every row of
     * {@code zcat data/zi-2018-05-05.csv.gz | iconv -f cp1251 -t utf-8} on '|' and keeping prefixes <= 16
     * (43 ranges, each listed once). zi-2017-07-01 and zi-2020-01-26 hold none: hence no LARGE_RANGE in 2017,
     * and all 43 are unblocked in 2020.
     */
    private static final Map<String, String> LARGE_RANGES_2018 = largeRanges2018();

    private static Map<String, String> largeRanges2018() {
        Map<String, String> ranges = new LinkedHashMap<>();
        for (String r : List.of("51.136.0.0/15", "128.199.0.0/16", "159.203.0.0/16", "159.65.0.0/16",
                "159.89.0.0/16", "165.227.0.0/16", "167.99.0.0/16", "206.189.0.0/16", "178.63.0.0/16", "51.15.0.0/16")) {
            ranges.put(r, CLOUD_HOSTERS_DECISION); // DigitalOcean, Hetzner, Scaleway, Microsoft (16 April 2018)
        }
        for (String r : List.of("13.125.0.0/16", "13.230.0.0/15", "13.56.0.0/14", "18.130.0.0/16", "18.144.0.0/16",
                "18.184.0.0/15", "18.194.0.0/15", "18.196.0.0/15", "18.204.0.0/14", "18.218.0.0/16", "18.236.0.0/15",
                "34.192.0.0/10", "34.240.0.0/13", "34.248.0.0/13", "35.156.0.0/14", "35.160.0.0/13", "35.176.0.0/15",
                "35.178.0.0/15", "35.180.0.0/16", "52.32.0.0/16", "52.56.0.0/16", "52.57.0.0/16", "52.58.0.0/15",
                "52.64.0.0/12", "54.144.0.0/12", "54.212.0.0/15", "54.228.0.0/15", "54.64.0.0/13", "139.59.0.0/16",
                "35.184.0.0/13", "35.192.0.0/12", "35.208.0.0/12", "35.224.0.0/12")) {
            ranges.put(r, AMAZON_GOOGLE_DECISION); // Amazon and Google, under the reused 2015 decision
        }
        return ranges;
    }

    /** The ranges the brief and data/README name; each checked with e.g. {@code grep -F 35.192.0.0/12}. */
    private static final List<String> NAMED_BIG_RANGES =
            List.of("34.192.0.0/10", "52.64.0.0/12", "54.144.0.0/12", "35.192.0.0/12", "52.58.0.0/15");

    @TempDir
    static Path workDir;

    private String cliOutput;
    private int cliExitCode;
    private EmbeddedBroker broker;
    private ClientSettings clients;

    private final List<KeyValue<String, DumpStats>> stats = new ArrayList<>();
    private final List<KeyValue<String, RangeAlert>> alerts = new ArrayList<>();
    private final List<KeyValue<String, String>> alertsJson = new ArrayList<>();
    private final Map<String, BlockedRange> blockedTable = new HashMap<>();

    @BeforeAll
    void replayTheBundledDumpsOnce() throws Exception {
        // ~45 s: the one replay of the class. Each test below only reads its results.
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path demoDir = workDir.resolve("demo");
        cliExitCode = BlockwatchCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute("demo", "--exit-when-done", "--port", "0", "--http-port", "0", "--work-dir", demoDir.toString());
        cliOutput = out.toString();
        assertThat(cliExitCode).as("demo exit code; stderr: %s", err).isZero();

        // The demo closed its broker; reopen the same log directory and read what was committed.
        broker = EmbeddedBroker.start(demoDir.resolve("broker"), 0);
        clients = ClientSettings.of(broker.bootstrapServers());
        readAll(Topics.STATS, stats);
        readAll(Topics.ALERTS, alerts);
        readAll(Topics.ALERTS_JSON, alertsJson);
        try (TopicFollower<String, BlockedRange> table = new TopicFollower<>(clients, Topics.BLOCKED_RANGES, true)) {
            table.readToEnd(blockedTable::put); // compacted table: last value per key wins, null is a tombstone
        }
    }

    private <V> void readAll(Topic<String, V> topic, List<KeyValue<String, V>> sink) {
        try (TopicFollower<String, V> follower = new TopicFollower<>(clients, topic, true)) {
            follower.readToEnd((k, v) -> sink.add(KeyValue.pair(k, v)));
        }
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldPublishOneStatsRecordPerDumpWithTheIprangeCounts() {
        assertThat(stats).extracting(kv -> kv.value.getDump().getSource())
                .containsExactly(DUMP_2017, DUMP_2018, DUMP_2020);
        assertThat(stats).extracting(kv -> kv.value.getDistinctIpv4())
                .containsExactly(DISTINCT_IPV4_2017, DISTINCT_IPV4_2018, DISTINCT_IPV4_2020);
        assertThat(stats).allSatisfy(kv -> assertThat(kv.key).isEqualTo(kv.value.getDump().getId()));
        DumpStats last = stats.get(2).value;
        assertThat(last.getRanges()).isEqualTo(RANGES_2020);
        assertThat(last.getRangesIpv6()).isZero();
        // 2020 keeps 263,765 addresses of 2018's 14,692,449: what it unblocked and newly blocked must balance.
        assertThat(DISTINCT_IPV4_2018 + last.getNewlyBlockedIpv4() - last.getUnblockedIpv4()).isEqualTo(DISTINCT_IPV4_2020);
    }

    @Test
    void shouldPrintTheFinalLineAndEveryAlertOnce() {
        assertThat(cliOutput).contains("final: 263,765 distinct IPv4 addresses blocked in 263,765 ranges");
        assertThat(cliOutput.lines().filter(l -> l.startsWith("INGEST "))).hasSize(3);
        // the ten bundled owner files of data/owners, loaded before the replay
        assertThat(cliOutput.lines().filter(l -> l.startsWith("OWNERS "))).hasSize(10);
        assertThat(cliOutput.lines().filter(l -> l.startsWith("ALERT "))).hasSize(alerts.size());
        assertThat(cliOutput).contains("34.192.0.0/10");
    }

    @Test
    void shouldRaiseLargeRangeAlertsForTheAmazonAndGoogleRangesIn2018() {
        Map<String, RangeAlert> large2018 = alertsOf(AlertType.LARGE_RANGE, DUMP_2018).stream()
                .collect(Collectors.toMap(a -> single(a.getRanges()), a -> a));
        assertThat(large2018.keySet()).containsAll(NAMED_BIG_RANGES);
        assertThat(large2018.keySet()).containsExactlyInAnyOrderElementsOf(LARGE_RANGES_2018.keySet());
        LARGE_RANGES_2018.forEach((range, decision) -> {
            RangeAlert alert = large2018.get(range);
            assertThat(alert.getDecisions()).as(range).extracting(Decision::getNumber).containsExactly(decision);
            assertThat(alert.getAddressCount().toBigInteger()).as(range).isEqualTo(sizeOf(range));
            assertThat(alert.getFamily()).isEqualTo(4);
        });
        // A /10 is 4,194,304 addresses; single addresses inside it may be blocked already (by rows of 2018
        // applied before it: the run gave 4,194,275), so "newly" is at most the range and far more than none.
        RangeAlert slash10 = large2018.get("34.192.0.0/10");
        assertThat(slash10.getNewlyBlocked().toBigInteger())
                .isLessThanOrEqualTo(BigInteger.valueOf(4_194_304))
                .isGreaterThan(BigInteger.valueOf(4_194_304 - 1_000));
        assertThat(slash10.getTotalBlockedIpv4()).isBetween(DISTINCT_IPV4_2017, DISTINCT_IPV4_2018);
    }

    @Test
    void shouldRaiseOneSurgeAlertFor2018Only() {
        List<RangeAlert> surges = alerts.stream().map(kv -> kv.value).filter(a -> a.getType() == AlertType.SURGE).toList();
        assertThat(surges).hasSize(1);
        RangeAlert surge = surges.get(0);
        assertThat(surge.getDump().getSource()).isEqualTo(DUMP_2018);
        // 2017 left 27,019 blocked; 2018 brings the total to 14,692,449, far over the 262,144 threshold.
        assertThat(surge.getNewlyBlocked().toBigInteger().longValueExact())
                .isEqualTo(stats.get(1).value.getNewlyBlockedIpv4())
                .isGreaterThan(DISTINCT_IPV4_2018 - DISTINCT_IPV4_2017 - 1);
        assertThat(surge.getTotalBlockedIpv4()).isEqualTo(DISTINCT_IPV4_2018);
        assertThat(surge.getRanges()).contains("34.192.0.0/10");
        assertThat(surge.getDecisions()).extracting(Decision::getNumber).contains(AMAZON_GOOGLE_DECISION);
    }

    @Test
    void shouldRaiseNoLargeRangeAlertIn2017Or2020() {
        assertThat(alertsOf(AlertType.LARGE_RANGE, DUMP_2017)).isEmpty();
        assertThat(alertsOf(AlertType.LARGE_RANGE, DUMP_2020)).isEmpty();
        assertThat(alerts).extracting(kv -> kv.value.getDump().getSource()).doesNotContain(DUMP_2017);
    }

    @Test
    void shouldRaiseFeedHealthAlertsForTheGapsAndTheCutOff2020File() {
        // The mirror's registry times: 2017-07-01T08:00Z, 2018-05-05T13:25Z, 2020-01-26T01:24Z; each gap is
        // far longer than the 6 h default.
        assertThat(alertsOf(AlertType.FEED_STALLED, DUMP_2018)).singleElement()
                .satisfies(a -> assertThat(a.getDetails()).containsEntry("from", "2017-07-01T08:00:00Z")
                        .containsEntry("to", "2018-05-05T13:25:00Z"));
        assertThat(alertsOf(AlertType.FEED_STALLED, DUMP_2020)).singleElement()
                .satisfies(a -> assertThat(a.getDetails()).containsEntry("from", "2018-05-05T13:25:00Z"));
        // 41 entries after 32,796: the demo applies it knowingly, and says so.
        assertThat(alertsOf(AlertType.DUMP_SHRANK, DUMP_2020)).singleElement()
                .satisfies(a -> assertThat(a.getDetails()).containsEntry("previousEntries", "32796")
                        .containsEntry("entries", "41").containsEntry("held", "false"));
        assertThat(alerts).noneMatch(kv -> kv.value.getType() == AlertType.FORMAT_CHANGED);
        assertThat(cliOutput).contains("ALERT 2020-01-26T01:24:00Z  CRITICAL  DUMP_SHRANK     zi-2020-01-26.csv.gz has 41 entries");
    }

    @Test
    void shouldRaiseUnblockedAlertsIn2020ForTheBigRanges() {
        Map<String, RangeAlert> unblocked = alertsOf(AlertType.UNBLOCKED, DUMP_2020).stream()
                .collect(Collectors.toMap(a -> single(a.getRanges()), a -> a));
        assertThat(unblocked.keySet()).containsAll(NAMED_BIG_RANGES);
        assertThat(unblocked.keySet()).containsExactlyInAnyOrderElementsOf(LARGE_RANGES_2018.keySet());
        LARGE_RANGES_2018.forEach((range, decision) -> assertThat(unblocked.get(range).getDecisions())
                .as(range).extracting(Decision::getNumber).containsExactly(decision));
        assertThat(alertsOf(AlertType.UNBLOCKED, DUMP_2018)).isEmpty();
    }

    @Test
    void shouldWriteEveryAlertOnceAndTheSameIdsAsJson() throws Exception {
        List<String> ids = alerts.stream().map(kv -> kv.key).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(alerts).allSatisfy(kv -> assertThat(kv.value.getId()).isEqualTo(kv.key));
        // 43 LARGE_RANGE + 1 SURGE + 1 COLLATERAL in 2018, 43 UNBLOCKED + 1 COLLATERAL in 2020 (the demo loads the
        // bundled owner datasets); feed health: FEED_STALLED for the gaps before 2018 and 2020, DUMP_SHRANK for the
        // 41-row 2020 file (accepted by the demo)
        assertThat(ids).hasSize(2 * LARGE_RANGES_2018.size() + 1 + 2 + 3);

        List<String> jsonIds = new ArrayList<>();
        for (KeyValue<String, String> kv : alertsJson) {
            String id = AlertJsonSchema.assertValid(kv.value).get("id").asText();
            assertThat(id).isEqualTo(kv.key);
            jsonIds.add(id);
        }
        assertThat(jsonIds).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void shouldLeaveExactlyThe2020RangesLiveInTheBlockedTable() throws Exception {
        Set<String> live = blockedTable.entrySet().stream()
                .filter(e -> e.getValue() != null).map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(live).hasSize((int) RANGES_2020);
        assertThat(live).isEqualTo(rangesOf(Path.of("data", DUMP_2020)));
        assertThat(blockedTable.values().stream().filter(v -> v != null)
                .map(v -> v.getAddressCount().toBigInteger()).reduce(BigInteger.ZERO, BigInteger::add))
                .isEqualTo(BigInteger.valueOf(DISTINCT_IPV4_2020));
        for (String big : LARGE_RANGES_2018.keySet()) {
            assertThat(blockedTable).as(big).containsKey(big);
            assertThat(blockedTable.get(big)).as("%s is tombstoned", big).isNull();
        }
    }

    /**
     * Issue 18 rebuilds the table's internals; what it publishes must not move by a byte. These digests were
     * taken from the replay of the code before that work (eb5bd8c): SHA-256 over every stats record as
     * encoded on the topic, in order, and over the sorted alert ids. A change that means to alter either
     * must say so and take the new digest.
     */
    @Test
    void shouldPublishTheStatsAndAlertIdsOfTheRecordedReplayByteForByte() throws Exception {
        var encoder = Topics.STATS.valueSerde().serializer();
        java.security.MessageDigest statsDigest = java.security.MessageDigest.getInstance("SHA-256");
        for (KeyValue<String, DumpStats> record : stats) {
            statsDigest.update(encoder.serialize(Topics.STATS.name(), record.value));
        }
        String alertIds = alerts.stream().map(kv -> kv.value.getId()).sorted().collect(Collectors.joining("\n"));

        String alertsDigest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(alertIds.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThat(List.of(java.util.HexFormat.of().formatHex(statsDigest.digest()), alertsDigest))
                .as("SHA-256 of the stats records, of the alert ids").containsExactly(STATS_SHA256, ALERT_IDS_SHA256);
    }

    private static final String STATS_SHA256 = "c72467c1722bf6ff5040461a992bac122964bf83386601f60626b11912118074";
    private static final String ALERT_IDS_SHA256 = "2be8a2cdac88869defe29f09b95e9571bcf969e45614f04084ecbd433a0f09f1";

    private List<RangeAlert> alertsOf(AlertType type, String source) {
        return alerts.stream().map(kv -> kv.value)
                .filter(a -> a.getType() == type && a.getDump().getSource().equals(source))
                .toList();
    }

    private static String single(List<String> ranges) {
        assertThat(ranges).hasSize(1);
        return ranges.get(0);
    }

    private static BigInteger sizeOf(String range) {
        return BigInteger.ONE.shiftLeft(32 - Integer.parseInt(range.substring(range.indexOf('/') + 1)));
    }

    /** The canonical ranges of a dump's accepted rows, read offline. */
    private static Set<String> rangesOf(Path dump) throws Exception {
        Set<String> ranges = new HashSet<>();
        try (DumpReader reader = Dumps.open(dump)) {
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                if (row instanceof ParsedRow.Accepted accepted) {
                    accepted.entry().ranges().stream().map(Cidr::toString).forEach(ranges::add);
                }
            }
        }
        return ranges;
    }
}
