package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.kafka.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With several partitions, the events of a dump reach the single-partition address table in any order,
 * and the events of the next dump can overtake them. These tests feed events in such orders and expect
 * what the registry says, not what the arrival order suggests.
 */
class DumpOrderTopologyTest {
    @TempDir
    Path stateDir;

    private BlockwatchDriver driver;
    private TestInputTopic<String, RegistryEvent> events;
    private TestOutputTopic<String, BlockedRange> ranges;
    private TestOutputTopic<String, DumpStats> stats;
    private TestOutputTopic<String, RangeAlert> alerts;

    @BeforeEach
    void start() {
        driver = BlockwatchDriver.start("dump-order-test", stateDir, AlertRules.defaults());
        events = driver.input(Topics.REGISTRY_EVENTS);
        ranges = driver.output(Topics.BLOCKED_RANGES);
        stats = driver.output(Topics.STATS);
        alerts = driver.output(Topics.ALERTS);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(List<RegistryEvent> dumpEvents) {
        TestEvents.pipe(events, dumpEvents);
    }

    @Test
    void shouldKeepARangeBlockedWhenADumpMovesItToAnotherEntryAndTheRemovalArrivesFirst() {
        TestEvents first = TestEvents.dump("2018-04-16T00:00:00Z").added("a", "52.58.0.0/15", "10.0.0.1/32");
        send(first.build());
        ranges.readKeyValuesToList();
        alerts.readValuesToList();
        TestEvents second = TestEvents.dump("2018-04-17T00:00:00Z").follows(first.ref().getId())
                .updated("a", "10.0.0.1/32")
                .added("b", "52.58.0.0/15");
        List<RegistryEvent> moved = second.build();

        send(moved); // a's update (which drops the /15) comes before b's addition, which lists it again

        DumpStats s = stats.readValuesToList().get(1);
        assertThat(s.getNewlyBlockedIpv4()).isZero();
        assertThat(s.getUnblockedIpv4()).isZero();
        assertThat(s.getDistinctIpv4()).isEqualTo(131_072 + 1);
        List<KeyValue<String, BlockedRange>> changes = ranges.readKeyValuesToList();
        assertThat(changes).extracting(kv -> kv.key).containsExactly("52.58.0.0/15");
        BlockedRange range = changes.get(0).value;
        assertThat(range).isNotNull();
        assertThat(range.getEntryCount()).isEqualTo(1);
        assertThat(range.getFirstBlocked()).isEqualTo(Instant.parse("2018-04-16T00:00:00Z"));
        assertThat(range.getFirstBlockedDump()).isEqualTo(first.ref().getId());
        assertThat(alerts.readValuesToList()).isEmpty();
    }

    @Test
    void shouldUnblockARangeWhoseLastEntryADumpRemovesOnceTheDumpIsComplete() {
        TestEvents first = TestEvents.dump("2018-04-16T00:00:00Z").added("a", "52.58.0.0/15").added("b", "10.0.0.1/32");
        send(first.build());
        ranges.readKeyValuesToList();
        assertThat(alerts.readValuesToList()).extracting(RangeAlert::getType).containsExactly(AlertType.LARGE_RANGE);
        TestEvents second = TestEvents.dump("2018-04-17T00:00:00Z").follows(first.ref().getId())
                .removed("a", "52.58.0.0/15")
                .added("c", "10.0.0.2/32");

        send(second.build());

        DumpStats s = stats.readValuesToList().get(1);
        assertThat(s.getUnblockedIpv4()).isEqualTo(131_072);
        assertThat(s.getNewlyBlockedIpv4()).isEqualTo(1);
        assertThat(s.getDistinctIpv4()).isEqualTo(2);
        assertThat(ranges.readKeyValuesToMap()).containsEntry("52.58.0.0/15", null);
        assertThat(alerts.readValuesToList()).extracting(RangeAlert::getType).containsExactly(AlertType.UNBLOCKED);
    }

    @Test
    void shouldApplyADumpOnlyAfterTheDumpItFollowsWhateverTheArrivalOrder() {
        TestEvents first = TestEvents.dump("2018-04-16T00:00:00Z").added("a", "52.58.0.0/15").added("b", "10.0.0.1/32");
        TestEvents second = TestEvents.dump("2018-04-17T00:00:00Z").follows(first.ref().getId())
                .removed("a", "52.58.0.0/15")
                .added("c", "52.58.0.0/16");
        TestEvents third = TestEvents.dump("2018-04-18T00:00:00Z").follows(second.ref().getId())
                .added("d", "52.59.0.0/16");
        List<RegistryEvent> one = first.build();
        List<RegistryEvent> two = second.build();
        List<RegistryEvent> three = third.build();

        // c (second dump) and d (third) travel on partitions that run ahead of the one carrying the first dump.
        send(List.of(two.get(1)));
        send(three);
        assertThat(stats.readValuesToList()).isEmpty();
        send(List.of(one.get(0)));
        send(List.of(two.get(0)));
        assertThat(stats.readValuesToList()).isEmpty();
        send(List.of(one.get(1)));

        List<DumpStats> series = stats.readValuesToList();
        assertThat(series).extracting(DumpStats::getDump).extracting(d -> d.getId())
                .containsExactly(first.ref().getId(), second.ref().getId(), third.ref().getId());
        assertThat(series).extracting(DumpStats::getNewlyBlockedIpv4).containsExactly(131_073L, 0L, 65_536L);
        assertThat(series).extracting(DumpStats::getUnblockedIpv4).containsExactly(0L, 65_536L, 0L);
        assertThat(series).extracting(DumpStats::getDistinctIpv4).containsExactly(131_073L, 65_537L, 131_073L);
    }

    @Test
    void shouldStartTheChainAtTheFirstDumpAfterAnUpgradeWhenTheTableWasFilledBefore() {
        // A release before 0.3 filled the table and kept no dump sequence; the first dump after the upgrade
        // names a predecessor this topology never saw applied.
        send(TestEvents.dump("2018-04-16T00:00:00Z").added("a", "10.0.0.1/32").build());
        KeyValueStore<String, Long> sequence = driver.driver().getKeyValueStore(StoreNames.DUMP_SEQUENCE);
        List<String> keys = new ArrayList<>();
        sequence.all().forEachRemaining(kv -> keys.add(kv.key));
        keys.forEach(sequence::delete);
        stats.readValuesToList();

        send(TestEvents.dump("2018-04-17T00:00:00Z").follows("2018-04-16T00:00:00Z/applied-by-0.2")
                .added("b", "10.0.0.2/32").build());

        assertThat(stats.readValuesToList()).extracting(DumpStats::getDistinctIpv4).containsExactly(2L);
    }

    @Test
    void shouldHoldTheFirstDumpWithAnUnseenPredecessorOnceADumpWasCompleteHere() {
        TestEvents first = TestEvents.dump("2018-04-16T00:00:00Z").added("a", "10.0.0.1/32");
        TestEvents second = TestEvents.dump("2018-04-17T00:00:00Z").follows(first.ref().getId()).added("b", "10.0.0.2/32");
        TestEvents third = TestEvents.dump("2018-04-18T00:00:00Z").follows(second.ref().getId()).added("c", "10.0.0.3/32");
        send(first.build());
        List<RegistryEvent> two = second.build();

        send(third.build());
        assertThat(stats.readValuesToList()).extracting(DumpStats::getDistinctIpv4).containsExactly(1L);
        send(two);

        assertThat(stats.readValuesToList()).extracting(DumpStats::getDistinctIpv4).containsExactly(2L, 3L);
    }
}
