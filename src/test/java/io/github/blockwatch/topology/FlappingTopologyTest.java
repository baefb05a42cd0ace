package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.blockwatch.alerts.AlertJsonSchema;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.ingest.DumpEvents;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.replay.DumpHistory;
import io.github.blockwatch.replay.DumpVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FLAPPING on the real antifilter ipsum.lst of 17 July – 4 August 2024 (data/antifilter), ingested day by day
 * at the commit times of its MANIFEST.txt, as {@code replay data/antifilter --file ipsum.lst.gz} reads them. 172.67.0.0/19 (Cloudflare) is in the list on these days:
 * <pre>
 * 07-17 .  18-22 in  23-26 .  27 in  28 .  29-31 in  08-01 .  02-04 in
 * </pre>
 * It is the only range of 8,192 addresses or more that comes and goes, so LARGE_RANGE is lowered to a /19
 * here (no antifilter range reaches the default /16).
 */
class FlappingTopologyTest {
    static final Path ANTIFILTER = Path.of("data/antifilter");
    static final String FLAPPER = "172.67.0.0/19";

    @TempDir
    Path stateDir;

    private BlockwatchDriver driver;
    private TestOutputTopic<String, String> jsonAlerts;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void shouldRaiseOneFlappingAlertAndNoRepeatedLargeRangeOnTheRealList() throws IOException {
        List<RangeAlert> alerts = replayIpsum(AlertRules.defaults().withLargeRange(8192));

        // Blocked on 07-18 and still there more than 72 h later: a real block. Gone on 07-23: a real unblock.
        // Back on 07-27, though the last dump that showed it away (07-26 00:31:52) was 71 h 59 min after it
        // left: it never stayed away, so that return makes it flapping. Nothing more about it after that:
        // no dump shows it in one state for more than 72 h again.
        assertThat(about(FLAPPER, alerts)).extracting(a -> a.getType() + " " + a.getRegistryTime()).containsExactly(
                "LARGE_RANGE 2024-07-18T00:31:43Z",
                "UNBLOCKED 2024-07-23T00:32:28Z",
                "FLAPPING 2024-07-27T00:31:44Z");
        assertThat(alerts).filteredOn(a -> a.getType() == AlertType.FLAPPING).hasSize(1);
        Map<String, Long> largeRangesPerRange = new LinkedHashMap<>();
        alerts.stream().filter(a -> a.getType() == AlertType.LARGE_RANGE)
                .forEach(a -> largeRangesPerRange.merge(a.getRanges().get(0), 1L, Long::sum));
        assertThat(largeRangesPerRange).allSatisfy((range, count) -> assertThat(count).as(range).isEqualTo(1L));

        RangeAlert flapping = about(FLAPPER, alerts).get(2);
        assertThat(flapping.getDetails()).containsEntry("returns", "1").containsEntry("since", "2024-07-23T00:32:28Z")
                .containsEntry("window", "3d").containsEntry("minReturns", "1");
        assertThat(flapping.getSummary()).startsWith("172.67.0.0/19 flapping")
                .contains("blocked again, 1 time since 2024-07-23T00:32:28Z without staying blocked or unblocked for more than 3d");
        assertThat(flapping.getAddressCount().longValueExact()).isEqualTo(8192);

        List<JsonNode> json = jsonAlerts.readValuesToList().stream().map(AlertJsonSchema::assertValid)
                .filter(a -> a.get("type").asText().equals("FLAPPING")).toList();
        assertThat(json).hasSize(1);
        assertThat(json.get(0).get("ranges").get(0).asText()).isEqualTo(FLAPPER);

        // After 4 August only ranges that changed within the last 72 h are remembered: the flapper (back on
        // 2 August); every range that stayed was forgotten, or is, once a dump later than 4 August's comes.
        Map<String, Object> remembered = new LinkedHashMap<>();
        try (var all = driver.driver().<String, io.github.blockwatch.avro.RangeFlap>getKeyValueStore(LargeRangeRule.STORE).all()) {
            all.forEachRemaining(kv -> {
                if (kv.value.getStayedAt() == null) {
                    remembered.put(kv.key, kv.value);
                }
            });
        }
        assertThat(remembered).containsOnlyKeys(FLAPPER);
    }

    @Test
    void shouldAlertEveryChangeWhenNoNumberOfReturnsMakesARangeFlapping() throws IOException {
        // The same days, without FLAPPING: what the rule spares the reader.
        List<RangeAlert> alerts = replayIpsum(AlertRules.defaults().withLargeRange(8192)
                .withFlapping(AlertRules.DEFAULT_FLAPPING_WINDOW, Integer.MAX_VALUE));

        assertThat(about(FLAPPER, alerts)).extracting(a -> a.getType() + " " + a.getRegistryTime().toString().substring(0, 10))
                .containsExactly("LARGE_RANGE 2024-07-18", "UNBLOCKED 2024-07-23", "LARGE_RANGE 2024-07-27",
                        "UNBLOCKED 2024-07-28", "LARGE_RANGE 2024-07-29", "UNBLOCKED 2024-08-01", "LARGE_RANGE 2024-08-02");
    }

    @Test
    void shouldWaitForTheConfiguredReturns() throws IOException {
        List<RangeAlert> alerts = replayIpsum(AlertRules.defaults().withLargeRange(8192)
                .withFlapping(AlertRules.DEFAULT_FLAPPING_WINDOW, 2));

        assertThat(about(FLAPPER, alerts)).extracting(a -> a.getType() + " " + a.getRegistryTime().toString().substring(0, 10))
                .containsExactly("LARGE_RANGE 2024-07-18", "UNBLOCKED 2024-07-23", "LARGE_RANGE 2024-07-27",
                        "UNBLOCKED 2024-07-28", "FLAPPING 2024-07-29");
    }

    @Test
    void shouldAlertAgainOnceAFlappingRangeStayed() {
        driver = BlockwatchDriver.start("flapping-stays", stateDir, AlertRules.defaults());
        TestInputTopic<String, RegistryEvent> events = driver.input(Topics.REGISTRY_EVENTS);
        TestOutputTopic<String, RangeAlert> alerts = driver.output(Topics.ALERTS);
        TestEvents.pipe(events, TestEvents.dump("2018-04-16T00:00:00Z").added("a", "52.58.0.0/15").build());
        TestEvents.pipe(events, TestEvents.dump("2018-04-17T00:00:00Z").removed("a", "52.58.0.0/15").build());
        TestEvents.pipe(events, TestEvents.dump("2018-04-18T00:00:00Z").added("a", "52.58.0.0/15").build());
        TestEvents.pipe(events, TestEvents.dump("2018-04-19T00:00:00Z").removed("a", "52.58.0.0/15").build());
        TestEvents.pipe(events, TestEvents.dump("2018-04-20T00:00:00Z").added("a", "52.58.0.0/15").build());
        // Dumps that leave it blocked: exactly 72 h after its change is not more than the window; 72 h 1 s is.
        TestEvents.pipe(events, TestEvents.dump("2018-04-23T00:00:00Z").added("other", "1.1.1.1/32").build());
        TestEvents.pipe(events, TestEvents.dump("2018-04-23T00:00:01Z").added("other2", "1.1.1.2/32").build());
        TestEvents.pipe(events, TestEvents.dump("2018-04-24T00:00:00Z").removed("a", "52.58.0.0/15").build());

        assertThat(alerts.readValuesToList()).filteredOn(a -> a.getRanges().contains("52.58.0.0/15"))
                .extracting(a -> a.getType() + " " + a.getRegistryTime().toString().substring(0, 10))
                .containsExactly("LARGE_RANGE 2018-04-16", "UNBLOCKED 2018-04-17", "FLAPPING 2018-04-18",
                        "UNBLOCKED 2018-04-24");
    }

    @Test
    void shouldNotLetADumpOfAnotherSourceAtTheSameInstantDecideThatARangeStayedAway() {
        driver = BlockwatchDriver.start("flapping-sources", stateDir, AlertRules.defaults());
        TestInputTopic<String, RegistryEvent> events = driver.input(Topics.REGISTRY_EVENTS);
        TestOutputTopic<String, RangeAlert> alerts = driver.output(Topics.ALERTS);
        TestEvents.pipe(events, TestEvents.dump("2018-04-16T00:00:00Z").source("ipsum").added("ipsum/a", "52.58.0.0/15").build());
        TestEvents.pipe(events, TestEvents.dump("2018-04-17T00:00:00Z").source("ipsum").removed("ipsum/a", "52.58.0.0/15").build());
        // Both lists of 20 April come at the same time, more than 72 h after the range left; the other list's
        // is applied first. That instant shows nothing about staying away: the range came back at it.
        TestEvents.pipe(events, TestEvents.dump("2018-04-20T00:00:01Z").source("community").added("community/b", "1.1.1.1/32").build());
        TestEvents.pipe(events, TestEvents.dump("2018-04-20T00:00:01Z").source("ipsum").added("ipsum/a", "52.58.0.0/15").build());
        // A dump of a later time that still shows it away does: the next return is news again.
        TestEvents.pipe(events, TestEvents.dump("2018-04-21T00:00:00Z").source("ipsum").removed("ipsum/a", "52.58.0.0/15").build());
        TestEvents.pipe(events, TestEvents.dump("2018-04-24T00:00:01Z").source("community").added("community/c", "1.1.1.2/32").build());
        TestEvents.pipe(events, TestEvents.dump("2018-04-25T00:00:00Z").source("ipsum").added("ipsum/a", "52.58.0.0/15").build());

        assertThat(alerts.readValuesToList()).filteredOn(a -> a.getRanges().contains("52.58.0.0/15"))
                .extracting(a -> a.getType() + " " + a.getRegistryTime().toString().substring(0, 10))
                .containsExactly("LARGE_RANGE 2018-04-16", "UNBLOCKED 2018-04-17", "FLAPPING 2018-04-20",
                        "LARGE_RANGE 2018-04-25");
    }

    /**
     * Pipes the 19 days of ipsum.lst through the topology with {@code rules}, read as {@code replay} reads them
     * (each day at its MANIFEST.txt time); returns every alert raised.
     */
    private List<RangeAlert> replayIpsum(AlertRules rules) throws IOException {
        driver = BlockwatchDriver.start("flapping-test", stateDir, rules);
        TestInputTopic<String, RegistryEvent> events = driver.input(Topics.REGISTRY_EVENTS);
        TestOutputTopic<String, RangeAlert> alerts = driver.output(Topics.ALERTS);
        jsonAlerts = driver.output(Topics.ALERTS_JSON);
        DumpEvents ingest = new DumpEvents();
        try (DumpHistory history = DumpHistory.open(ANTIFILTER, "ipsum.lst.gz")) {
            List<DumpVersion> days = history.versions();
            assertThat(days).hasSize(19);
            for (DumpVersion day : days) {
                TestEvents.pipe(events, ingest.next(day.content()));
            }
        }
        return alerts.readValuesToList();
    }

    private static List<RangeAlert> about(String range, List<RangeAlert> alerts) {
        return alerts.stream().filter(a -> a.getRanges().equals(List.of(range))).toList();
    }
}
