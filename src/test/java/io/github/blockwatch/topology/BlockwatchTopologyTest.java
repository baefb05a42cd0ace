package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.blockwatch.alerts.AlertJsonSchema;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.avro.Severity;
import io.github.blockwatch.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockwatchTopologyTest {
    @TempDir
    Path stateDir;

    private BlockwatchDriver driver;
    private TestInputTopic<String, RegistryEvent> events;
    private TestOutputTopic<String, BlockedRange> ranges;
    private TestOutputTopic<String, DumpStats> stats;
    private TestOutputTopic<String, RangeAlert> alerts;
    private TestOutputTopic<String, String> alertsJson;

    @BeforeEach
    void start() {
        startWith(AlertRules.defaults());
    }

    private void startWith(AlertRules rules) {
        if (driver != null) {
            driver.close();
        }
        driver = BlockwatchDriver.start("topology-test", stateDir, rules);
        events = driver.input(Topics.REGISTRY_EVENTS);
        ranges = driver.output(Topics.BLOCKED_RANGES);
        stats = driver.output(Topics.STATS);
        alerts = driver.output(Topics.ALERTS);
        alertsJson = driver.output(Topics.ALERTS_JSON);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(TestEvents dump) {
        TestEvents.pipe(events, dump.build());
    }

    @Test
    void shouldCountOverlappingRangesOnce() {
        send(TestEvents.dump("2018-04-16T00:00:00Z")
                .added("a", "10.0.0.0/8")
                .added("b", "10.1.0.0/16", "11.0.0.1/32")
                .added("c", "11.0.0.1/32", "2001:db8::/32"));

        List<DumpStats> all = stats.readValuesToList();
        assertThat(all).hasSize(1);
        DumpStats s = all.get(0);
        assertThat(s.getDistinctIpv4()).isEqualTo((1L << 24) + 1);
        assertThat(s.getDistinctIpv6().toBigInteger()).isEqualTo(java.math.BigInteger.ONE.shiftLeft(96));
        assertThat(s.getRanges()).isEqualTo(4);
        assertThat(s.getRangesIpv6()).isEqualTo(1);
        assertThat(s.getEntries()).isEqualTo(3);
        assertThat(s.getAdded()).isEqualTo(3);
    }

    @Test
    void shouldKeepARangeUntilItsLastEntryIsRemoved() {
        send(TestEvents.dump("2018-04-16T00:00:00Z").added("a", "1.2.3.4/32").added("b", "1.2.3.4/32"));
        send(TestEvents.dump("2018-04-17T00:00:00Z").removed("a", "1.2.3.4/32"));
        send(TestEvents.dump("2018-04-18T00:00:00Z").removed("b", "1.2.3.4/32"));

        Map<String, BlockedRange> table = ranges.readKeyValuesToMap();
        assertThat(table).containsEntry("1.2.3.4/32", null);
        List<DumpStats> series = stats.readValuesToList();
        assertThat(series).extracting(DumpStats::getDistinctIpv4).containsExactly(1L, 1L, 0L);
        assertThat(series).extracting(DumpStats::getEntries).containsExactly(2L, 1L, 0L);
    }

    @Test
    void shouldPublishEntryCountAndDecisionsOfABlockedRange() {
        send(TestEvents.dump("2018-04-16T00:00:00Z").added("a", "52.58.0.0/15").added("b", "52.58.0.0/15"));

        BlockedRange range = ranges.readKeyValuesToMap().get("52.58.0.0/15");
        assertThat(range.getEntryCount()).isEqualTo(2);
        assertThat(range.getAddressCount().longValueExact()).isEqualTo(131_072);
        assertThat(range.getFirstAddress()).isEqualTo("52.58.0.0");
        assertThat(range.getLastAddress()).isEqualTo("52.59.255.255");
        assertThat(range.getDecisions()).containsExactly(TestEvents.DECISION);
    }

    @Test
    void shouldApplyAnUpdateAsTheDifferenceOfRanges() {
        send(TestEvents.dump("2018-04-16T00:00:00Z").added("a", "1.1.1.1/32", "2.2.2.0/24"));
        send(TestEvents.dump("2018-04-17T00:00:00Z").updated("a", "2.2.2.0/24", "3.3.3.3/32"));

        Map<String, BlockedRange> table = ranges.readKeyValuesToMap();
        assertThat(table.get("1.1.1.1/32")).isNull();
        assertThat(table).containsKeys("2.2.2.0/24", "3.3.3.3/32");
        List<DumpStats> series = stats.readValuesToList();
        assertThat(series.get(1).getDistinctIpv4()).isEqualTo(257);
        assertThat(series.get(1).getUpdated()).isEqualTo(1);
        assertThat(series.get(1).getNewlyBlockedIpv4()).isEqualTo(1);
        assertThat(series.get(1).getUnblockedIpv4()).isEqualTo(1);
    }

    @Test
    void shouldAlertOnARangeOfAtLeastASlash16ButNotSmaller() {
        send(TestEvents.dump("2018-04-16T00:00:00Z").added("a", "52.58.0.0/16").added("b", "52.60.0.0/17"));

        List<RangeAlert> raised = alerts.readValuesToList();
        assertThat(raised).hasSize(1);
        RangeAlert alert = raised.get(0);
        assertThat(alert.getType()).isEqualTo(AlertType.LARGE_RANGE);
        assertThat(alert.getRanges()).containsExactly("52.58.0.0/16");
        assertThat(alert.getNewlyBlocked().longValueExact()).isEqualTo(65_536);
        assertThat(alert.getSeverity()).isEqualTo(Severity.LOW);
        assertThat(alert.getDecisions()).containsExactly(TestEvents.DECISION);
        assertThat(alert.getId()).startsWith("LARGE_RANGE-");
    }

    @Test
    void shouldGrowSeverityWithSizeAndReportOnlyNewAddresses() {
        send(TestEvents.dump("2018-04-16T00:00:00Z").added("a", "34.240.0.0/13"));
        send(TestEvents.dump("2018-04-17T00:00:00Z").added("b", "34.192.0.0/10"));

        List<RangeAlert> raised = alerts.readValuesToList().stream()
                .filter(a -> a.getType() == AlertType.LARGE_RANGE).toList();
        assertThat(raised).hasSize(2);
        assertThat(raised.get(1).getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(raised.get(1).getNewlyBlocked().longValueExact()).isEqualTo((1L << 22) - (1L << 19));
        assertThat(raised.get(1).getTotalBlockedIpv4()).isEqualTo(1L << 22);
    }

    @Test
    void shouldAlertWhenALargeRangeIsUnblocked() {
        send(TestEvents.dump("2018-04-16T00:00:00Z").added("a", "35.192.0.0/12"));
        send(TestEvents.dump("2020-01-26T00:00:00Z").removed("a", "35.192.0.0/12"));

        List<RangeAlert> unblocked = alerts.readValuesToList().stream()
                .filter(a -> a.getType() == AlertType.UNBLOCKED).toList();
        assertThat(unblocked).hasSize(1);
        assertThat(unblocked.get(0).getNewlyBlocked().longValueExact()).isEqualTo(1L << 20);
        assertThat(unblocked.get(0).getTotalBlockedIpv4()).isZero();
    }

    @Test
    void shouldRaiseOneSurgeAlertPerCrossingOfTheWindowThreshold() {
        startWith(new AlertRules(1L << 30, 32, 1000, Duration.ofHours(24)));
        send(TestEvents.dump("2018-04-16T00:00:00Z").added("a", "10.0.0.0/23")); // 512
        send(TestEvents.dump("2018-04-16T06:00:00Z").added("b", "10.0.2.0/23")); // 1024 in window: fires
        send(TestEvents.dump("2018-04-16T12:00:00Z").added("c", "10.0.4.0/23")); // still above: quiet
        send(TestEvents.dump("2018-04-18T00:00:00Z").added("d", "10.0.6.0/24")); // window emptied: 256, re-armed
        send(TestEvents.dump("2018-04-18T01:00:00Z").added("e", "10.0.8.0/22")); // 1280: fires again

        List<RangeAlert> surges = alerts.readValuesToList();
        assertThat(surges).extracting(RangeAlert::getType).containsOnly(AlertType.SURGE);
        assertThat(surges).hasSize(2);
        assertThat(surges.get(0).getNewlyBlocked().longValueExact()).isEqualTo(1024);
        assertThat(surges.get(0).getRanges()).containsExactly("10.0.0.0/23", "10.0.2.0/23");
        assertThat(surges.get(0).getDecisions()).containsExactly(TestEvents.DECISION);
        assertThat(surges.get(1).getNewlyBlocked().longValueExact()).isEqualTo(1280);
        assertThat(surges.get(0).getId()).isNotEqualTo(surges.get(1).getId());
    }

    @Test
    void shouldWriteEachAlertAsJsonToo() {
        send(TestEvents.dump("2018-04-16T00:00:00Z").added("a", "52.58.0.0/15"));

        var json = alertsJson.readKeyValuesToList();
        assertThat(json).hasSize(1);
        assertThat(json.get(0).value)
                .contains("\"type\":\"LARGE_RANGE\"")
                .contains("\"ranges\":[\"52.58.0.0/15\"]")
                .contains("\"newlyBlocked\":131072")
                .contains("\"registryTime\":\"2018-04-16T00:00:00Z\"")
                .contains("Ид4082-15");
        assertThat(json.get(0).key).startsWith("LARGE_RANGE-");
        JsonNode alert = AlertJsonSchema.assertValid(json.get(0).value);
        assertThat(alert.get("dump").get("id").asText()).isEqualTo(alerts.readValue().getDump().getId());
        assertThat(alert.get("owners").isArray()).isTrue();
    }

    @Test
    void shouldEmitStatsOnlyOnceADumpIsComplete() {
        TestEvents dump = TestEvents.dump("2018-04-16T00:00:00Z").added("a", "1.1.1.1/32").added("b", "2.2.2.2/32");
        List<RegistryEvent> two = dump.build();
        events.pipeInput(two.get(0).getKey(), two.get(0));
        assertThat(stats.isEmpty()).isTrue();
        events.pipeInput(two.get(1).getKey(), two.get(1));
        assertThat(stats.readValuesToList()).hasSize(1);
    }
}
