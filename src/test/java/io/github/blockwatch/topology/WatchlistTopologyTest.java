package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.alerts.AlertJsonSchema;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.Owner;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.avro.Severity;
import io.github.blockwatch.avro.Watchlist;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.owners.OwnerLabel;
import io.github.blockwatch.owners.OwnerRange;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.watch.Watchlists;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WATCHED_BLOCKED / WATCHED_UNBLOCKED: watchlists matched against the table's changes, exactly, whatever their size. */
class WatchlistTopologyTest {
    private static final OwnerLabel AMAZON_AS = new OwnerLabel("Amazon", 16509L, null, null, null, true);

    @TempDir
    Path stateDir;

    private BlockwatchDriver driver;
    private TestInputTopic<String, RegistryEvent> events;
    private TestInputTopic<String, Watchlist> watchlists;
    private TestInputTopic<String, Owner> owners;
    private TestOutputTopic<String, RangeAlert> alerts;
    private TestOutputTopic<String, String> alertsJson;

    @BeforeEach
    void start() {
        driver = BlockwatchDriver.start("watch-test", stateDir, AlertRules.defaults());
        events = driver.input(Topics.REGISTRY_EVENTS);
        watchlists = driver.input(Topics.WATCHLISTS);
        owners = driver.input(Topics.OWNERS);
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

    private void watch(String name, String channel, String... prefixes) {
        watchlists.pipeInput(name, Watchlists.of(name, List.of(prefixes), List.of(), List.of(), channel, Instant.EPOCH));
    }

    /** The watched alerts raised since the last call, each checked against the published JSON Schema too. */
    private List<RangeAlert> watched() {
        alertsJson.readValuesToList().forEach(AlertJsonSchema::assertValid);
        return alerts.readValuesToList().stream()
                .filter(a -> a.getType() == AlertType.WATCHED_BLOCKED || a.getType() == AlertType.WATCHED_UNBLOCKED)
                .toList();
    }

    @Test
    void shouldTellAWatchlistItsPrefixWasBlockedWithTheDecisionAndTheChannel() {
        watch("frankfurt", "ops", "52.58.0.0/15", "18.184.0.0/15");

        send(TestEvents.dump("2018-05-05T13:25:00Z").added("aws", "52.56.0.0/13").added("other", "5.9.0.0/16"));

        RangeAlert alert = single(watched());
        assertThat(alert.getType()).isEqualTo(AlertType.WATCHED_BLOCKED);
        assertThat(alert.getRanges()).containsExactly("52.56.0.0/13");
        assertThat(alert.getAddressCount()).isEqualTo(BigDecimal.valueOf(131_072));
        assertThat(alert.getNewlyBlocked()).isEqualTo(BigDecimal.valueOf(131_072));
        assertThat(alert.getDecisions()).containsExactly(TestEvents.DECISION);
        assertThat(alert.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.getDetails()).containsEntry("watchlist", "frankfurt").containsEntry("channel", "ops")
                .containsEntry("state", "newly-blocked").containsEntry("watched", "52.58.0.0/15").containsEntry("rangeCount", "1");
        assertThat(alert.getSummary()).startsWith("watchlist frankfurt: 131.1 k watched addresses newly blocked (131.1 k not blocked before) in 1 range: 52.56.0.0/13")
                .contains("27-31-2015/Ид4082-15");
    }

    @Test
    void shouldTellASingleWatchedAddressOnceHoweverManyRangesCoverIt() {
        watch("my-server", null, "52.58.7.9");

        send(TestEvents.dump("2018-05-05T13:25:00Z").added("big", "52.0.0.0/8").added("small", "52.58.7.0/24"));

        RangeAlert alert = single(watched());
        assertThat(alert.getRanges()).containsExactly("52.0.0.0/8", "52.58.7.0/24");
        assertThat(alert.getAddressCount()).isEqualTo(BigDecimal.ONE);
        assertThat(alert.getNewlyBlocked()).isEqualTo(BigDecimal.ONE);
        assertThat(alert.getSeverity()).isEqualTo(Severity.HIGH);
        assertThat(alert.getDetails()).containsEntry("watched", "52.58.7.9/32").doesNotContainKey("channel");
        assertThat(alert.getSummary()).startsWith("watchlist my-server: 1 watched address newly blocked (1 not blocked before) in 2 ranges");
    }

    @Test
    void shouldNameTheDecisionBehindTheMostWatchedAddressesFirst() {
        watch("net", null, "10.0.0.0/16");
        io.github.blockwatch.avro.Decision old = new io.github.blockwatch.avro.Decision("суд", "2-946/13", "2013-06-10");

        send(TestEvents.dump("2018-05-05T00:00:00Z").under(old).added("one", "10.0.0.1/32")
                .under(TestEvents.DECISION).added("cloud", "10.0.128.0/17"));

        assertThat(single(watched()).getDecisions()).containsExactly(TestEvents.DECISION, old);
    }

    @Test
    void shouldCountAsNewlyBlockedOnlyWhatNothingBlockedBefore() {
        watch("net", null, "10.1.0.0/16");
        send(TestEvents.dump("2018-05-04T00:00:00Z").added("half", "10.1.0.0/17"));
        watched();

        send(TestEvents.dump("2018-05-05T00:00:00Z").added("whole", "10.0.0.0/8"));

        RangeAlert alert = single(watched());
        assertThat(alert.getAddressCount()).isEqualTo(BigDecimal.valueOf(65_536));
        assertThat(alert.getNewlyBlocked()).isEqualTo(BigDecimal.valueOf(32_768));
    }

    @Test
    void shouldTellWhatWasUnblockedAndWhatIsNoLongerBlockedAtAll() {
        watch("net", null, "10.1.0.0/16");
        send(TestEvents.dump("2018-05-04T00:00:00Z").added("half", "10.1.0.0/17").added("whole", "10.0.0.0/8"));
        watched();

        send(TestEvents.dump("2018-05-05T00:00:00Z").removed("whole", "10.0.0.0/8"));

        RangeAlert alert = single(watched());
        assertThat(alert.getType()).isEqualTo(AlertType.WATCHED_UNBLOCKED);
        assertThat(alert.getSeverity()).isEqualTo(Severity.MEDIUM);
        assertThat(alert.getRanges()).containsExactly("10.0.0.0/8");
        assertThat(alert.getAddressCount()).isEqualTo(BigDecimal.valueOf(65_536));
        assertThat(alert.getNewlyBlocked()).as("no longer blocked at all").isEqualTo(BigDecimal.valueOf(32_768));
        assertThat(alert.getDetails()).containsEntry("state", "unblocked");
    }

    @Test
    void shouldTellAWatchlistAddedLaterWhatIsAlreadyBlockedOnceAndNothingForUntouchedSpace() {
        send(TestEvents.dump("2018-05-05T13:25:00Z").added("aws", "52.56.0.0/13").added("one", "18.184.1.1/32"));
        alerts.readValuesToList();

        watch("frankfurt", null, "52.58.0.0/15", "18.184.0.0/15");
        watch("docs", null, "192.0.2.0/24");
        watch("frankfurt", null, "52.58.0.0/15", "18.184.0.0/15"); // written again unchanged

        RangeAlert alert = single(watched());
        assertThat(alert.getType()).isEqualTo(AlertType.WATCHED_BLOCKED);
        assertThat(alert.getDetails()).containsEntry("state", "already-blocked").containsEntry("watchlist", "frankfurt")
                .containsEntry("watched", "52.58.0.0/15,18.184.1.1/32");
        assertThat(alert.getRanges()).containsExactly("52.56.0.0/13", "18.184.1.1/32");
        assertThat(alert.getAddressCount()).isEqualTo(BigDecimal.valueOf(131_073));
        assertThat(alert.getNewlyBlocked()).isEqualTo(BigDecimal.ZERO);
        assertThat(alert.getDump().getRegistryTime()).isEqualTo(Instant.parse("2018-05-05T13:25:00Z"));
        assertThat(alert.getSummary()).startsWith("watchlist frankfurt: 131.1 k watched addresses already blocked now in 2 ranges");
    }

    @Test
    void shouldStopTellingARemovedWatchlist() {
        watch("net", null, "10.0.0.0/8");
        watchlists.pipeInput("net", null);

        send(TestEvents.dump("2018-05-05T00:00:00Z").added("a", "10.1.0.0/16"));

        assertThat(watched()).isEmpty();
    }

    @Test
    void shouldResolveAnAsnThroughTheOwnerDatasetsEvenWhenTheyAreLoadedAfterTheWatchlist() throws Exception {
        watchlists.pipeInput("amazon", Watchlists.of("amazon", List.of(), List.of("AS16509"), List.of(), null, Instant.EPOCH));
        send(TestEvents.dump("2018-05-04T00:00:00Z").added("early", "52.95.0.1/32"));
        assertThat(watched()).as("no owner dataset names AS16509 yet").isEmpty();

        Cidr c = Cidr.parse("52.64.0.0/10");
        OwnerRange range = new OwnerRange("asn-AS16509", "test", c.toString(), c.first().longValueExact(), c.last().longValueExact(), AMAZON_AS);
        owners.pipeInput(range.key(), OwnerRecords.toRecord(range));
        send(TestEvents.dump("2018-05-05T00:00:00Z").added("aws", "52.95.0.0/16").added("outside", "5.9.0.0/16"));

        RangeAlert alert = single(watched());
        assertThat(alert.getRanges()).containsExactly("52.95.0.0/16");
        assertThat(alert.getAddressCount()).isEqualTo(BigDecimal.valueOf(65_536));
        assertThat(alert.getNewlyBlocked()).isEqualTo(BigDecimal.valueOf(65_535));
        assertThat(alert.getOwners()).singleElement().satisfies(s -> assertThat(s.getAsn()).isEqualTo(16509L));
    }

    private static RangeAlert single(List<RangeAlert> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }
}
