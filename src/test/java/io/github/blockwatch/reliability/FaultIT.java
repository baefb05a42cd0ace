package io.github.blockwatch.reliability;

import static io.github.blockwatch.kafka.CommittedRecords.readAll;
import static io.github.blockwatch.kafka.CommittedRecords.readTable;
import static io.github.blockwatch.kafka.CommittedRecords.readUncommitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.blockwatch.app.StreamsApp;
import io.github.blockwatch.avro.EventType;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.ingest.IngestOutcome;
import io.github.blockwatch.ingest.Ingestor;
import io.github.blockwatch.ingest.ShrinkPolicy;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.CommittedRecords;
import io.github.blockwatch.kafka.TopicAdmin;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.topology.AlertRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under faults, with real processes: {@code blockwatch run} and {@code blockwatch ingest} run
 * as child JVMs from {@code target/blockwatch.jar} ({@link ChildJvm}) and are killed with SIGKILL; the
 * broker is an {@link EmbeddedBroker} in this JVM on a persistent data directory, stopped and restarted
 * under a running {@code run}. Every scenario ends compared with an undisturbed run of the same dumps,
 * made once for the class: the committed {@code blockwatch.blocked.ranges} table, the distinct IPv4
 * count of the last stats, and the alert ids on {@code blockwatch.alerts} ({@code read_committed}).
 *
 * <p>The default build runs each scenario once, with one kill point, over the 2017 and 2018 mirror
 * dumps. {@code mvn verify -Preliability} sets {@code blockwatch.reliability.runs} (repetitions, each
 * with the next kill point) and {@code blockwatch.reliability.all-dumps} (the 2020 dump too: 30 s of
 * topology work, 32,795 removals). Every run appends its figures to {@code target/reliability-figures.tsv}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultIT {
    private static final int RUNS = Integer.getInteger("blockwatch.reliability.runs", 1);
    private static final boolean ALL_DUMPS = Boolean.getBoolean("blockwatch.reliability.all-dumps");
    private static final List<Path> DUMPS = ALL_DUMPS
            ? List.of(Path.of("data/zi-2017-07-01.csv.gz"), Path.of("data/zi-2018-05-05.csv.gz"), Path.of("data/zi-2020-01-26.csv.gz"))
            : List.of(Path.of("data/zi-2017-07-01.csv.gz"), Path.of("data/zi-2018-05-05.csv.gz"));
    private static final Path ZI_2017 = Path.of("data/zi-2017-07-01.csv.gz");
    private static final Path ZI_2018 = Path.of("data/zi-2018-05-05.csv.gz");
    private static final Duration CATCH_UP = Duration.ofMinutes(5);
    private static final String RUN_HEAP = "768m";

    @TempDir
    static Path work;

    private Path clientConfig;
    private Snapshot reference;
    private List<String> dumpIds;
    /** Events per type of the undisturbed ingest of 2018 after 2017. */
    private Map<EventType, Long> reference2018Events;
    private String dumpId2018;

    @BeforeAll
    void undisturbedRun() throws Exception {
        // A killed member stays in the consumer group until its session times out: 6 s (the broker's
        // minimum) instead of 45 s, so a restarted 'run' gets its tasks back quickly.
        clientConfig = Files.writeString(work.resolve("client.properties"),
                "session.timeout.ms=6000\nheartbeat.interval.ms=1500\n");
        try (EmbeddedBroker broker = EmbeddedBroker.start(work.resolve("reference/broker"), 0)) {
            ClientSettings clients = ClientSettings.of(broker.bootstrapServers());
            try (StreamsApp app = StreamsApp.start(clients, "fault-reference", work.resolve("reference/streams"),
                    AlertRules.defaults(), 1)) {
                dumpIds = ingestInProcess(broker);
                awaitStats(broker, dumpIds.get(dumpIds.size() - 1), () -> app.failure() == null);
            }
            reference = Snapshot.read(broker.bootstrapServers(), last(dumpIds));
            dumpId2018 = dumpIds.get(1);
            reference2018Events = eventsOf(broker.bootstrapServers(), dumpId2018);
        }
        assertThat(reference.alertIds()).isNotEmpty().doesNotHaveDuplicates();
        assertThat(reference.table()).isNotEmpty();
        assertThat(reference.duplicated()).isZero();
    }

    /**
     * Kill points of 'run': {dump index, delay}: SIGKILL this long after the stats of that dump are committed
     * (the index is capped so that the kill always falls before the last dump is applied).
     */
    private static final long[][] RUN_KILL_POINTS = {{0, 3_000}, {0, 0}, {1, 2_000}, {1, 10_000}, {0, 8_000}};

    @Test
    @Order(1)
    void shouldEndAsAnUndisturbedRunWhenRunIsKilledAndRestarted() throws Exception {
        for (int i = 0; i < RUNS; i++) {
            int after = (int) Math.min(RUN_KILL_POINTS[i % RUN_KILL_POINTS.length][0], DUMPS.size() - 2);
            long delay = RUN_KILL_POINTS[i % RUN_KILL_POINTS.length][1];
            String killPoint = "dump " + (after + 1) + " of " + DUMPS.size() + " applied + " + delay + " ms";
            long started = System.currentTimeMillis();
            Path dir = work.resolve("run-killed-" + i);
            try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"), 0)) {
                String bootstrap = broker.bootstrapServers();
                ingestInProcess(broker);
                try (ChildJvm first = startRun(dir, "run-1", bootstrap)) {
                    awaitStats(broker, dumpIds.get(after), first.process()::isAlive);
                    Thread.sleep(delay);
                    assertThat(statsOf(bootstrap)).as("killed before the last dump was applied").doesNotContainKey(last(dumpIds));
                    first.kill();
                }
                Snapshot snapshot;
                try (ChildJvm second = startRun(dir, "run-2", bootstrap)) {
                    awaitStats(broker, last(dumpIds), second.process()::isAlive);
                    snapshot = Snapshot.read(bootstrap, last(dumpIds));
                }
                compare("run killed (SIGKILL) and restarted", killPoint, snapshot, started);
            }
        }
    }

    /** Kill points of 'ingest': once this many records of the dump's transaction are in the events log. */
    private static final long[] INGEST_KILL_RECORDS = {1, 5_000, 15_000, 100};

    @Test
    @Order(2)
    void shouldPublishADumpOnceWhenIngestIsKilledMidDumpAndRunAgain() throws Exception {
        for (int i = 0; i < RUNS; i++) {
            long records = INGEST_KILL_RECORDS[i % INGEST_KILL_RECORDS.length];
            String killPoint = records + " records of the 2018 transaction written";
            long started = System.currentTimeMillis();
            Path dir = work.resolve("ingest-killed-" + i);
            try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"), 0)) {
                String bootstrap = broker.bootstrapServers();
                ingestInProcess(broker, ZI_2017);
                long base = endOffset(bootstrap);
                try (ChildJvm ingest = startIngest(dir, "ingest-1", bootstrap, ZI_2018)) {
                    await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(20)).until(() -> {
                        assertThat(ingest.process().isAlive()).as("ingest ended before the kill point: %s", ingest.out()).isTrue();
                        return endOffset(bootstrap) - base >= records;
                    });
                    ingest.kill();
                }
                // The killed transaction is open (or aborted): nothing of it is visible to read_committed.
                assertThat(eventsOf(bootstrap, dumpId2018)).isEmpty();
                long written = readUncommitted(bootstrap, Topics.REGISTRY_EVENTS).stream()
                        .filter(r -> r.value().getDump().getId().equals(dumpId2018)).count();
                assertThat(written).as("records of the killed transaction in the log").isGreaterThanOrEqualTo(records);

                try (ChildJvm again = startIngest(dir, "ingest-2", bootstrap, ZI_2018)) {
                    assertThat(again.awaitExit(CATCH_UP)).as(again.err()).isEqualTo(3);
                    assertThat(again.outLines()).singleElement().asString().contains("rows read 32,797 = accepted 32,796 + rejected 1");
                }
                compareIngest("ingest killed (SIGKILL) mid-dump and rerun", killPoint, bootstrap, started);
            }
        }
    }

    /** Stops of the broker: {dump index, delay, downtime}, as for {@link #RUN_KILL_POINTS}. */
    private static final long[][] BROKER_STOPS_MS = {{0, 2_000, 3_000}, {0, 0, 1_000}, {1, 5_000, 10_000}, {1, 1_000, 20_000}};

    @Test
    @Order(3)
    void shouldEndAsAnUndisturbedRunWhenTheBrokerRestartsMidReplay() throws Exception {
        for (int i = 0; i < RUNS; i++) {
            long[] stop = BROKER_STOPS_MS[i % BROKER_STOPS_MS.length];
            int after = (int) Math.min(stop[0], DUMPS.size() - 2);
            String killPoint = "dump " + (after + 1) + " of " + DUMPS.size() + " applied + " + stop[1] + " ms, broker down " + stop[2] + " ms";
            long started = System.currentTimeMillis();
            Path dir = work.resolve("broker-restart-" + i);
            int port = EmbeddedBroker.freePort();
            EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"), port);
            try {
                String bootstrap = broker.bootstrapServers();
                ingestInProcess(broker);
                Snapshot snapshot;
                try (ChildJvm run = startRun(dir, "run", bootstrap)) {
                    awaitStats(broker, dumpIds.get(after), run.process()::isAlive);
                    Thread.sleep(stop[1]);
                    assertThat(statsOf(bootstrap)).as("stopped before the last dump was applied").doesNotContainKey(last(dumpIds));
                    broker.close();
                    Thread.sleep(stop[2]);
                    broker = EmbeddedBroker.start(dir.resolve("broker"), port);
                    EmbeddedBroker restarted = broker;
                    awaitStats(restarted, last(dumpIds), run.process()::isAlive);
                    snapshot = Snapshot.read(bootstrap, last(dumpIds));
                }
                compare("broker stopped and restarted mid-replay", killPoint, snapshot, started);
            } finally {
                broker.close();
            }
        }
    }

    /** How long the second ingest starts after the first. */
    private static final long[] CONCURRENT_DELAYS_MS = {0, 300, 1_000, 2_000};

    @Test
    @Order(4)
    void shouldPublishADumpOnceWhenTwoIngestsRunAtTheSameTime() throws Exception {
        for (int i = 0; i < RUNS; i++) {
            long delay = CONCURRENT_DELAYS_MS[i % CONCURRENT_DELAYS_MS.length];
            String killPoint = "second ingest started " + delay + " ms after the first";
            long started = System.currentTimeMillis();
            Path dir = work.resolve("concurrent-" + i);
            try (EmbeddedBroker broker = EmbeddedBroker.start(dir.resolve("broker"), 0)) {
                String bootstrap = broker.bootstrapServers();
                ingestInProcess(broker, ZI_2017);
                try (ChildJvm one = startIngest(dir, "ingest-a", bootstrap, ZI_2018)) {
                    Thread.sleep(delay);
                    try (ChildJvm two = startIngest(dir, "ingest-b", bootstrap, ZI_2018)) {
                        int exitOne = one.awaitExit(CATCH_UP);
                        int exitTwo = two.awaitExit(CATCH_UP);
                        // One publishes (exit 3: the cut-off row); the other was fenced before it could publish
                        // (exit 1, "took over") or came after and found the dump ingested (exit 3, nothing published).
                        List<String> outcomes = List.of(describe(exitOne, one), describe(exitTwo, two));
                        assertThat(outcomes).as("%s / %s", one.err(), two.err()).containsOnlyOnce("published");
                        assertThat(outcomes).allMatch(o -> o.equals("published") || o.equals("fenced") || o.equals("already ingested"));
                    }
                }
                compareIngest("two concurrent ingests of the same dump", killPoint, bootstrap, started);
            }
        }
    }

    private static String describe(int exit, ChildJvm ingest) {
        if (exit == 1 && ingest.err().contains("took over")) {
            return "fenced";
        }
        if (exit == 3 && ingest.out().contains("already ingested")) {
            return "already ingested";
        }
        if (exit == 3 && ingest.out().contains("rows read 32,797")) {
            return "published";
        }
        return "exit " + exit + ": " + ingest.out() + ingest.err();
    }

    private void compare(String scenario, String killPoint, Snapshot snapshot, long started) {
        long lost = snapshot.lostAlerts(reference);
        long duplicated = snapshot.duplicated();
        long tableDifferences = snapshot.tableDifferences(reference);
        boolean ok = lost == 0 && duplicated == 0 && tableDifferences == 0 && snapshot.distinctIpv4() == reference.distinctIpv4()
                && snapshot.alertIds().size() == reference.alertIds().size();
        Figures.record(scenario, killPoint, lost, duplicated, ok, System.currentTimeMillis() - started);
        assertThat(snapshot.distinctIpv4()).as(killPoint).isEqualTo(reference.distinctIpv4());
        assertThat(snapshot.alertIds()).as(killPoint).containsExactlyInAnyOrderElementsOf(reference.alertIds());
        assertThat(tableDifferences).as(killPoint + ": ranges differing from the undisturbed run").isZero();
        assertThat(snapshot.statsPerDump()).as(killPoint).isEqualTo(reference.statsPerDump());
    }

    /** The 2018 dump's committed events, entries, dump record and dead letters against the undisturbed ingest. */
    private void compareIngest(String scenario, String killPoint, String bootstrap, long started) {
        List<ConsumerRecord<String, RegistryEvent>> events = committedEvents(bootstrap, dumpId2018);
        Map<EventType, Long> byType = countByType(events);
        long distinctKeys = events.stream().map(ConsumerRecord::key).distinct().count();
        long expected = reference2018Events.values().stream().mapToLong(Long::longValue).sum();
        long duplicated = events.size() - distinctKeys;
        long lost = Math.max(0, expected - distinctKeys);
        long dumpRecords = readAll(bootstrap, Topics.REGISTRY_DUMPS).stream().filter(r -> r.key().equals(dumpId2018)).count();
        long deadLetters = readAll(bootstrap, Topics.DLQ).stream().filter(r -> r.value().getDumpId().equals(dumpId2018)).count();
        boolean ok = byType.equals(reference2018Events) && duplicated == 0 && dumpRecords == 1 && deadLetters == 1;
        Figures.record(scenario, killPoint, lost, duplicated + Math.max(0, dumpRecords - 1) + Math.max(0, deadLetters - 1), ok,
                System.currentTimeMillis() - started);
        assertThat(byType).as(killPoint).isEqualTo(reference2018Events);
        assertThat(duplicated).as(killPoint + ": duplicated events").isZero();
        assertThat(dumpRecords).as(killPoint + ": dump records").isEqualTo(1);
        assertThat(deadLetters).as(killPoint + ": dead letters").isEqualTo(1);
        assertThat(readTable(bootstrap, Topics.REGISTRY_ENTRIES)).hasSize(32_796);
    }

    private ChildJvm startRun(Path dir, String name, String bootstrap) throws IOException {
        return ChildJvm.start(dir.resolve("logs"), name, RUN_HEAP, "run", "--bootstrap", bootstrap,
                "--config", clientConfig.toString(), "--application-id", "fault", "--state-dir", dir.resolve("streams").toString());
    }

    private static ChildJvm startIngest(Path dir, String name, String bootstrap, Path dump) throws IOException {
        return ChildJvm.start(dir.resolve("logs"), name, "512m", "ingest", "--bootstrap", bootstrap, "--no-progress", dump.toString());
    }

    private List<String> ingestInProcess(EmbeddedBroker broker) throws Exception {
        return ingestInProcess(broker, DUMPS.toArray(Path[]::new));
    }

    private static List<String> ingestInProcess(EmbeddedBroker broker, Path... dumps) throws Exception {
        ClientSettings clients = ClientSettings.of(broker.bootstrapServers());
        try (TopicAdmin admin = TopicAdmin.connect(clients)) {
            admin.createMissing(Topics.ALL, 1);
        }
        List<String> ids = new ArrayList<>();
        // With all dumps, the 41-row 2020 mirror file is applied knowingly, as the demo does.
        try (Ingestor ingestor = Ingestor.open(clients, ShrinkPolicy.accepting())) {
            for (Path dump : dumps) {
                IngestOutcome outcome = ingestor.ingest(dump);
                ids.add(outcome.dumpId());
            }
        }
        return ids;
    }

    private static void awaitStats(EmbeddedBroker broker, String dumpId, BooleanSupplier alive) {
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(300)).until(() -> {
            assertThat(alive.getAsBoolean()).as("the streams application is alive").isTrue();
            return statsOf(broker.bootstrapServers()).containsKey(dumpId);
        });
    }

    private static Map<String, ?> statsOf(String bootstrap) {
        return readTable(bootstrap, Topics.STATS);
    }

    private static List<ConsumerRecord<String, RegistryEvent>> committedEvents(String bootstrap, String dumpId) {
        return readAll(bootstrap, Topics.REGISTRY_EVENTS).stream().filter(r -> r.value().getDump().getId().equals(dumpId)).toList();
    }

    private static Map<EventType, Long> eventsOf(String bootstrap, String dumpId) {
        return countByType(committedEvents(bootstrap, dumpId));
    }

    private static Map<EventType, Long> countByType(List<ConsumerRecord<String, RegistryEvent>> events) {
        return events.stream().collect(Collectors.groupingBy(r -> r.value().getType(), TreeMap::new, Collectors.counting()));
    }

    /** End offset (markers and uncommitted records included) of the events topic. */
    private static long endOffset(String bootstrap) {
        Map<TopicPartition, Long> ends = CommittedRecords.endOffsets(bootstrap, List.of(Topics.REGISTRY_EVENTS));
        return ends.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String last(List<String> ids) {
        return ids.get(ids.size() - 1);
    }
}
