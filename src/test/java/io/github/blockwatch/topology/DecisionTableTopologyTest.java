package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.AddressDelta;
import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DecisionStats;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.EventType;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.kafka.AvroSerde;
import io.github.blockwatch.kafka.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-decision figures: entries, ranges and distinct IPv4 per decision, in the store and in DumpStats. */
class DecisionTableTopologyTest {
    private static final Decision TELEGRAM = new Decision("Роскомнадзор", "27-31-2018/Ид2971-18", "2018-04-16");
    private static final Decision TELEGRAM_REDATED = new Decision("Роскомнадзор", "27-31-2018/Ид2971-18", "2018-04-17");
    private static final Decision OTHER = new Decision("Генпрокуратура", "27-31-2015/Ид4082-15", "2015-12-04");
    private static final Decision OTHER_ORG = new Decision("Мосгорсуд", "27-31-2018/Ид2971-18", "2018-04-13");

    @TempDir
    Path stateDir;

    private BlockwatchDriver driver;
    private TestInputTopic<String, RegistryEvent> events;
    private TestOutputTopic<String, DumpStats> stats;
    private KeyValueStore<String, DecisionStats> decisions;

    @BeforeEach
    void start() {
        start(BlockwatchTopology.build(AlertRules.defaults()));
    }

    private void start(org.apache.kafka.streams.Topology topology) {
        driver = BlockwatchDriver.start(topology, BlockwatchDriver.config("decision-test", stateDir));
        events = driver.input(Topics.REGISTRY_EVENTS);
        stats = driver.output(Topics.STATS);
        decisions = driver.driver().getKeyValueStore(StoreNames.DECISIONS);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private Map<String, DecisionStats> send(TestEvents dump) {
        TestEvents.pipe(events, dump.build());
        List<DumpStats> applied = stats.readValuesToList();
        assertThat(applied).hasSize(1);
        return applied.get(0).getDecisions().stream()
                .collect(Collectors.toMap(d -> d.getDecision().getOrg() + " " + d.getDecision().getNumber(), d -> d));
    }

    private static String key(Decision d) {
        return d.getOrg() + " " + d.getNumber();
    }

    @Test
    void shouldCountEachDecisionsEntriesRangesAndAddressesOverlapsOnce() {
        Map<String, DecisionStats> figures = send(TestEvents.dump("2018-04-16T00:00:00Z")
                .under(TELEGRAM).added("a", "10.0.0.0/8", "11.0.0.1/32").added("b", "10.1.0.0/16", "11.0.0.1/32")
                .added("c")
                .under(OTHER).added("d", "10.0.0.0/8", "2001:db8::/32")
                .under(null).added("e", "12.0.0.0/8"));

        assertThat(figures).containsOnlyKeys(key(TELEGRAM), key(OTHER));
        DecisionStats telegram = figures.get(key(TELEGRAM));
        assertThat(telegram.getEntries()).isEqualTo(3);
        assertThat(telegram.getRanges()).isEqualTo(3);
        assertThat(telegram.getDistinctIpv4()).isEqualTo((1L << 24) + 1);
        DecisionStats other = figures.get(key(OTHER));
        assertThat(other.getRanges()).isEqualTo(2);
        assertThat(other.getDistinctIpv4()).isEqualTo(1L << 24);
        assertThat(decisions.get(DecisionKeys.of(TELEGRAM))).isEqualTo(telegram);
    }

    @Test
    void shouldReportOnlyTheDecisionsADumpTouchedAndKeepASharedRange() {
        send(TestEvents.dump("2018-04-16T00:00:00Z")
                .under(TELEGRAM).added("a", "1.2.3.0/24").added("b", "1.2.3.0/24", "5.5.5.5/32")
                .under(OTHER).added("d", "9.9.9.9/32"));

        Map<String, DecisionStats> figures = send(TestEvents.dump("2018-04-17T00:00:00Z")
                .under(TELEGRAM).removed("a", "1.2.3.0/24").updated("b", "1.2.3.0/24"));

        assertThat(figures).containsOnlyKeys(key(TELEGRAM));
        DecisionStats telegram = figures.get(key(TELEGRAM));
        assertThat(telegram.getEntries()).isEqualTo(1);
        assertThat(telegram.getRanges()).isEqualTo(1);
        assertThat(telegram.getDistinctIpv4()).isEqualTo(256);
    }

    @Test
    void shouldMoveTheRangesOfAnEntryThatChangesDecisionAndDropADecisionLeftEmpty() {
        send(TestEvents.dump("2018-04-16T00:00:00Z")
                .under(OTHER).added("a", "1.2.3.0/24", "5.5.5.5/32"));

        Map<String, DecisionStats> figures = send(TestEvents.dump("2018-04-17T00:00:00Z")
                .under(TELEGRAM).updated("a", "1.2.3.0/24", "6.6.6.6/32"));

        DecisionStats left = figures.get(key(OTHER));
        assertThat(List.of(left.getEntries(), left.getRanges(), left.getDistinctIpv4())).containsExactly(0L, 0L, 0L);
        DecisionStats telegram = figures.get(key(TELEGRAM));
        assertThat(List.of(telegram.getEntries(), telegram.getRanges(), telegram.getDistinctIpv4()))
                .containsExactly(1L, 2L, 257L);
        assertThat(decisions.get(DecisionKeys.of(OTHER))).as("dropped once empty").isNull();
    }

    @Test
    void aDeltaWrittenBefore04TakesTheEntrysPreviousDecisionFromThe03Store() {
        // The route through the repartition topic, which a run keeps while an older run's deltas are left in it.
        stop();
        start(BlockwatchTopology.build(AlertRules.defaults(), BlockwatchTopology.DEFAULT_HISTORY_RETENTION,
                DeltaRoute.REPARTITIONED));
        TestEvents first = TestEvents.dump("2018-04-16T00:00:00Z").under(OTHER).added("a", "1.2.3.0/24");
        send(first);
        KeyValueStore<String, Decision> entryDecisions = driver.driver().getKeyValueStore(StoreNames.DECISION_ENTRIES);
        try (var all = entryDecisions.all()) {
            assertThat(all.hasNext()).as("since 0.4 the delta carries the previous decision: nothing is kept here").isFalse();
        }
        // What 0.3 kept, and a delta it left in the repartition topic at the upgrade: "a" moves to TELEGRAM.
        entryDecisions.put("a", OTHER);
        TestEvents second = TestEvents.dump("2018-04-17T00:00:00Z").follows(first.ref().getId());
        AddressDelta leftBy03 = AddressDelta.newBuilder().setEntryKey("a").setDecision(TELEGRAM)
                .setEventType(EventType.UPDATED).setDump(second.ref()).setDumpEventCount(1)
                .setFollows(first.ref().getId()).setUnblock(List.of()).setBlock(List.of("1.2.3.0/24"))
                .build(); // previousDecisionKnown: false, as a 0.3 record decodes (SchemaHistoryTest)
        driver.driver().createInputTopic("decision-test-address-deltas-repartition", new StringSerializer(),
                AvroSerde.of(AddressDelta.class).serializer()).pipeInput("a", leftBy03, second.ref().getRegistryTime());

        List<DumpStats> applied = stats.readValuesToList();
        assertThat(applied).hasSize(1);
        Map<String, DecisionStats> figures = applied.get(0).getDecisions().stream()
                .collect(Collectors.toMap(d -> key(d.getDecision()), d -> d));
        DecisionStats left = figures.get(key(OTHER));
        assertThat(List.of(left.getEntries(), left.getRanges(), left.getDistinctIpv4())).containsExactly(0L, 0L, 0L);
        DecisionStats telegram = figures.get(key(TELEGRAM));
        assertThat(List.of(telegram.getEntries(), telegram.getRanges(), telegram.getDistinctIpv4()))
                .containsExactly(1L, 1L, 256L);
        assertThat(entryDecisions.get("a")).as("kept as 0.3 kept it, for its next old delta").isEqualTo(TELEGRAM);
    }

    @Test
    void shouldNotCountKeptRangesTwiceWhenOnlyTheDecisionDateChanges() {
        send(TestEvents.dump("2018-04-16T00:00:00Z").under(TELEGRAM).added("a", "1.2.3.0/24"));

        Map<String, DecisionStats> figures = send(TestEvents.dump("2018-04-17T00:00:00Z")
                .under(TELEGRAM_REDATED).updated("a", "1.2.3.0/24", "7.7.7.7/32"));

        DecisionStats telegram = figures.get(key(TELEGRAM));
        assertThat(List.of(telegram.getEntries(), telegram.getRanges(), telegram.getDistinctIpv4()))
                .containsExactly(1L, 2L, 257L);
        assertThat(telegram.getDecision().getDate()).isEqualTo("2018-04-17");
    }

    @Test
    void shouldKeepDecisionsOfTheSameNumberFromDifferentBodiesApart() {
        Map<String, DecisionStats> figures = send(TestEvents.dump("2018-04-16T00:00:00Z")
                .under(TELEGRAM).added("a", "1.2.3.0/24")
                .under(OTHER_ORG).added("b", "1.2.3.0/24", "8.8.8.8/32"));

        assertThat(figures.get(key(TELEGRAM)).getDistinctIpv4()).isEqualTo(256);
        assertThat(figures.get(key(OTHER_ORG)).getDistinctIpv4()).isEqualTo(257);
    }

    @Test
    void shouldKeepTheAddressesOfADecisionWhoseRangesADumpLeftAlone() {
        send(TestEvents.dump("2018-04-16T00:00:00Z").under(TELEGRAM).added("a", "1.2.3.0/24"));

        Map<String, DecisionStats> figures = send(TestEvents.dump("2018-04-17T00:00:00Z")
                .under(TELEGRAM).added("b").updated("a", "1.2.3.0/24"));

        DecisionStats telegram = figures.get(key(TELEGRAM));
        assertThat(List.of(telegram.getEntries(), telegram.getRanges(), telegram.getDistinctIpv4()))
                .containsExactly(2L, 1L, 256L);
    }

    @Test
    void shouldKeepALargeDecisionExactRangeByRangeAsNestedRangesComeAndGo() {
        // More ranges than DecisionAddresses.INDEXED_FROM: the decision's count is kept in memory range by
        // range rather than recounted at the end of each dump.
        String[] cloud = new String[300];
        for (int i = 0; i < cloud.length; i++) {
            cloud[i] = "52." + (i / 256) + "." + (i % 256) + ".0/24";
        }
        long cloudAddresses = 300L * 256;
        assertThat(cloud.length).isGreaterThan(DecisionAddresses.INDEXED_FROM);

        Map<String, DecisionStats> figures = send(TestEvents.dump("2018-04-16T00:00:00Z")
                .under(TELEGRAM).added("cloud", cloud).added("one", "52.0.0.7/32"));
        assertThat(figures.get(key(TELEGRAM)).getDistinctIpv4()).isEqualTo(cloudAddresses);

        figures = send(TestEvents.dump("2018-04-17T00:00:00Z").under(TELEGRAM).added("wide", "52.0.0.0/16"));
        assertThat(figures.get(key(TELEGRAM)).getRanges()).isEqualTo(302);
        assertThat(figures.get(key(TELEGRAM)).getDistinctIpv4()).as("the /16 swallows 256 of the /24s")
                .isEqualTo(65_536L + 44 * 256);

        figures = send(TestEvents.dump("2018-04-18T00:00:00Z").under(TELEGRAM)
                .removed("one", "52.0.0.7/32").added("solo", "9.9.9.9/32"));
        assertThat(figures.get(key(TELEGRAM)).getDistinctIpv4()).as("a nested /32 leaves, a new one comes")
                .isEqualTo(65_536L + 44 * 256 + 1);

        figures = send(TestEvents.dump("2018-04-19T00:00:00Z").under(TELEGRAM).removed("wide", "52.0.0.0/16"));
        assertThat(figures.get(key(TELEGRAM)).getDistinctIpv4()).as("the /24s count again").isEqualTo(cloudAddresses + 1);

        figures = send(TestEvents.dump("2018-04-20T00:00:00Z").under(OTHER).updated("cloud", cloud));
        assertThat(figures.get(key(TELEGRAM)).getDistinctIpv4()).as("the cloud entry moved away").isEqualTo(1);
        assertThat(figures.get(key(OTHER)).getDistinctIpv4()).isEqualTo(cloudAddresses);
        assertThat(decisions.get(DecisionKeys.of(TELEGRAM)).getDistinctIpv4()).isEqualTo(1);
    }
}
