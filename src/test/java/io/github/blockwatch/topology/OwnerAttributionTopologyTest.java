package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.alerts.AlertIds;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.Owner;
import io.github.blockwatch.avro.OwnerShare;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.owners.OwnerLabel;
import io.github.blockwatch.owners.OwnerRange;
import io.github.blockwatch.registry.Cidr;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owners from blockwatch.owners on blocked ranges, alerts and stats; the COLLATERAL rule. */
class OwnerAttributionTopologyTest {
    static final OwnerLabel FRANKFURT = new OwnerLabel("Amazon", null, "AWS", "eu-central-1", "EC2", true);
    static final OwnerLabel AMAZON_AS = new OwnerLabel("Amazon", 16509L, "AWS", null, null, true);
    static final OwnerLabel GOOGLE_AS = new OwnerLabel("Google", 15169L, null, null, null, false);

    @TempDir
    Path stateDir;

    private BlockwatchDriver driver;
    private TestInputTopic<String, RegistryEvent> events;
    private TestInputTopic<String, Owner> owners;
    private TestOutputTopic<String, BlockedRange> ranges;
    private TestOutputTopic<String, DumpStats> stats;
    private TestOutputTopic<String, RangeAlert> alerts;

    @BeforeEach
    void start() {
        driver = BlockwatchDriver.start("owners-test", stateDir, new AlertRules(65_536, 32, 1L << 40, Duration.ofHours(24)));
        events = driver.input(Topics.REGISTRY_EVENTS);
        owners = driver.input(Topics.OWNERS);
        ranges = driver.output(Topics.BLOCKED_RANGES);
        stats = driver.output(Topics.STATS);
        alerts = driver.output(Topics.ALERTS);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void owner(String dataset, String cidr, OwnerLabel label) throws Exception {
        Cidr c = Cidr.parse(cidr);
        OwnerRange range = new OwnerRange(dataset, "test", c.toString(), c.first().longValueExact(), c.last().longValueExact(), label);
        owners.pipeInput(range.key(), OwnerRecords.toRecord(range));
    }

    private void send(TestEvents dump) {
        TestEvents.pipe(events, dump.build());
    }

    private static Map<String, Long> byText(List<OwnerShare> shares) {
        return shares.stream().collect(Collectors.toMap(OwnerShares::text, s -> s.getAddresses().longValueExact(), Long::sum));
    }

    @Test
    void blockedRangeAndLargeRangeAlertNameTheOwner() throws Exception {
        owner("aws", "52.58.0.0/15", FRANKFURT);
        owner("asn", "52.0.0.0/10", AMAZON_AS);

        send(TestEvents.dump("2018-04-17T00:00:00Z").added("a", "52.58.0.0/15", "52.56.0.0/14", "1.2.3.4/32"));

        Map<String, BlockedRange> table = ranges.readKeyValuesToMap();
        assertThat(table.get("52.58.0.0/15").getOwners()).singleElement().satisfies(s -> {
            assertThat(s.getOwner()).isEqualTo("Amazon");
            assertThat(s.getCloud()).isEqualTo("AWS");
            assertThat(s.getRegion()).isEqualTo("eu-central-1");
            assertThat(s.getService()).isEqualTo("EC2");
            assertThat(s.getAddresses()).isEqualTo(BigDecimal.valueOf(131_072));
        });
        assertThat(byText(table.get("52.56.0.0/14").getOwners()))
                .isEqualTo(Map.of("Amazon AWS eu-central-1", 131_072L, "Amazon AWS", 131_072L));
        assertThat(table.get("1.2.3.4/32").getOwners()).singleElement().satisfies(s -> {
            assertThat(s.getOwner()).isEqualTo(OwnerRecords.UNATTRIBUTED);
            assertThat(s.getAddresses()).isEqualTo(BigDecimal.ONE);
        });

        List<RangeAlert> raised = alerts.readValuesToList();
        RangeAlert frankfurt = raised.stream().filter(a -> a.getRanges().equals(List.of("52.58.0.0/15"))).findFirst().orElseThrow();
        assertThat(frankfurt.getSummary()).startsWith("52.58.0.0/15 newly blocked — Amazon AWS eu-central-1: 131.1 k addresses");
        assertThat(frankfurt.getOwners()).isEqualTo(table.get("52.58.0.0/15").getOwners());
        RangeAlert wider = raised.stream().filter(a -> a.getRanges().equals(List.of("52.56.0.0/14"))).findFirst().orElseThrow();
        assertThat(wider.getSummary()).contains("— Amazon AWS eu-central-1 50%, Amazon AWS 50%:");
    }

    @Test
    void statsSplitDistinctAddressesByOwnerAndTheRestIsUnattributed() throws Exception {
        owner("aws", "52.58.0.0/15", FRANKFURT);
        owner("google", "35.192.0.0/12", GOOGLE_AS);

        send(TestEvents.dump("2018-04-17T00:00:00Z")
                .added("a", "52.58.0.0/16", "52.58.0.0/15")       // overlap counted once
                .added("b", "35.200.0.0/16", "35.200.1.0/24")
                .added("c", "10.0.0.0/24"));

        DumpStats s = stats.readValuesToList().get(0);
        assertThat(s.getDistinctIpv4()).isEqualTo(131_072 + 65_536 + 256);
        assertThat(byText(s.getOwners())).isEqualTo(Map.of("Amazon AWS eu-central-1", 131_072L, "Google (AS15169)", 65_536L));
        assertThat(s.getOwners()).allSatisfy(share -> assertThat(share.getService()).isNull());
        assertThat(s.getUnattributedIpv4()).isEqualTo(256);
        long sum = s.getOwners().stream().mapToLong(o -> o.getAddresses().longValueExact()).sum();
        assertThat(sum + s.getUnattributedIpv4()).isEqualTo(s.getDistinctIpv4());
    }

    @Test
    void withoutOwnerDataEverythingIsUnattributedNotDropped() {
        send(TestEvents.dump("2018-04-17T00:00:00Z").added("a", "52.58.0.0/15"));

        assertThat(ranges.readValuesToList().get(0).getOwners()).singleElement()
                .satisfies(share -> assertThat(share.getOwner()).isEqualTo("unattributed"));
        DumpStats s = stats.readValuesToList().get(0);
        assertThat(s.getOwners()).isEmpty();
        assertThat(s.getUnattributedIpv4()).isEqualTo(131_072);
    }

    @Test
    void ownersLoadedLaterApplyFromTheNextChangeOnAndATombstoneRemovesThem() throws Exception {
        send(TestEvents.dump("2018-04-17T00:00:00Z").added("a", "52.58.0.0/15"));
        owner("aws", "52.58.0.0/15", FRANKFURT);
        send(TestEvents.dump("2018-04-18T00:00:00Z").added("b", "52.58.0.0/16"));
        assertThat(stats.readValuesToList()).extracting(DumpStats::getUnattributedIpv4).containsExactly(131_072L, 0L);

        owners.pipeInput("aws 52.58.0.0/15", null);
        send(TestEvents.dump("2018-04-19T00:00:00Z").added("c", "52.58.0.0/17"));
        assertThat(stats.readValuesToList().get(0).getUnattributedIpv4()).isEqualTo(131_072L);
        KeyValueStore<String, Owner> store = driver.driver().getKeyValueStore(StoreNames.OWNERS);
        assertThat(store.get("aws 52.58.0.0/15")).isNull();
    }

    @Test
    void collateralFiresOnceWhenMostNewlyBlockedSpaceIsCloud() throws Exception {
        owner("aws", "52.58.0.0/15", FRANKFURT);
        owner("google", "35.192.0.0/12", GOOGLE_AS); // an AS, not flagged hosting

        send(TestEvents.dump("2018-04-17T00:00:00Z")
                .added("a", "52.58.0.0/15")
                .added("b", "35.192.0.0/16", "10.0.0.0/24"));
        send(TestEvents.dump("2018-04-18T00:00:00Z").added("c", "35.193.0.0/16", "35.194.0.0/16", "35.195.0.0/16"));

        List<RangeAlert> collateral = alerts.readValuesToList().stream()
                .filter(a -> a.getType() == AlertType.COLLATERAL).toList();
        assertThat(collateral).singleElement().satisfies(a -> {
            assertThat(a.getId()).isEqualTo(AlertIds.of(AlertType.COLLATERAL, CollateralRule.SUBJECT, a.getDump().getId()));
            assertThat(a.getNewlyBlocked()).isEqualTo(BigDecimal.valueOf(131_072 + 65_536 + 256));
            assertThat(byText(a.getOwners())).isEqualTo(Map.of(
                    "Amazon AWS eu-central-1", 131_072L, "Google (AS15169)", 65_536L, "unattributed", 256L));
            assertThat(a.getDetails()).containsEntry("hostingAddresses", "131072");
            assertThat(a.getSummary()).startsWith("collateral: 131.1 k of 196.9 k IPv4 addresses newly blocked (67%) lie on cloud and hosting space — Amazon AWS 131.1 k, Google 65.5 k, unattributed 256;");
            assertThat(a.getRanges()).startsWith("52.58.0.0/15", "35.192.0.0/16");
        });
    }
}
