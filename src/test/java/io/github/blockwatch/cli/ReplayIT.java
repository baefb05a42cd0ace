package io.github.blockwatch.cli;

import static io.github.blockwatch.replay.GitHistories.DUMP_2017;
import static io.github.blockwatch.replay.GitHistories.DUMP_2018;
import static io.github.blockwatch.replay.GitHistories.DUMP_2020;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.blockwatch.app.RunningPipeline;
import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.kafka.CommittedRecords;
import io.github.blockwatch.kafka.Topic;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.DumpCounter;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.Dumps;
import io.github.blockwatch.registry.ParsedRow;
import io.github.blockwatch.replay.DumpHistory;
import io.github.blockwatch.replay.DumpVersion;
import io.github.blockwatch.replay.GitHistories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blockwatch replay} against the real embedded broker and the Streams application, one broker for
 * the class, the tests in order as one history moving forward in registry time: part of the official
 * dump.xml history of November 2014 (the bundled git bundle), then the mirror's 2017 dump from a
 * directory, then 2018 and 2020 from a git repository built here from the bundled dumps. After each
 * replay the live table must equal what a direct ingest of the last dump gives: every range of its
 * entries, and their distinct address count computed offline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT {
    /** Generous: the 2020 dump rewrites 330,000 ranges of the table, on a machine shared with other builds. */
    private static final Duration CATCH_UP = Duration.ofMinutes(10);
    /** What ingest writes; the pipeline may still be writing its own topics while a replay runs. */
    private static final List<Topic<?, ?>> INGEST_TOPICS =
            List.of(Topics.REGISTRY_EVENTS, Topics.REGISTRY_ENTRIES, Topics.REGISTRY_DUMPS, Topics.DLQ);
    /** November 2014 up to here: 35 dumps, three of them with events (checked by the first test). */
    private static final String XML_UNTIL = "2014-11-03T00:00:00Z";

    @TempDir
    static Path work;

    private RunningPipeline pipeline;
    private String bootstrap;
    private GitHistories mirror;
    private Path dumpsDir;

    @BeforeAll
    void start() throws Exception {
        pipeline = RunningPipeline.start(work.resolve("pipeline"), "replay-it");
        bootstrap = pipeline.broker().bootstrapServers();
        mirror = GitHistories.mirror(work.resolve("mirror"));
        dumpsDir = Files.createDirectory(work.resolve("dumps"));
        for (String dump : List.of(DUMP_2017, DUMP_2018, DUMP_2020)) {
            Files.copy(Path.of("data", dump), dumpsDir.resolve(dump));
        }
    }

    @AfterAll
    void stop() {
        if (mirror != null) {
            mirror.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void shouldReplayTheOfficialDumpXmlBundleUntilTheGivenTimeAndEndWithTheTableOfItsLastDump() throws Exception {
        List<DumpVersion> selected;
        try (DumpHistory history = DumpHistory.open(GitHistories.RKN_XML_BUNDLE, null)) {
            selected = history.versions().stream()
                    .filter(v -> !v.registryTime().isAfter(Instant.parse(XML_UNTIL))).toList();
            CliRun run = CliRun.of("replay", "-b", bootstrap, "--no-progress", GitHistories.RKN_XML_BUNDLE.toString(), "--until", XML_UNTIL);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.outLines().get(0)).isEqualTo("replay: git bundle " + GitHistories.RKN_XML_BUNDLE
                    + ", dump.xml: 35 of 240 dumps, registry time 2014-10-31T19:05:00Z .. 2014-11-02T23:05:00Z, speed max");
            assertThat(lastLine(run)).startsWith("replayed 35 dumps (2014-10-31T19:05:00Z .. 2014-11-02T23:05:00Z): 3 with events, "
                    + "32 unchanged, 0 already ingested; 5,856 events; 0 rows rejected;");
            // The last selected dump, read straight from its commit: what a direct ingest of it gives.
            DumpVersion last = selected.get(selected.size() - 1);
            assertTableIs(() -> last.content().open());
        }
        List<DumpRecord> dumps = values(Topics.REGISTRY_DUMPS);
        assertThat(dumps).hasSize(35);
        assertThat(dumps).extracting(d -> d.getDump().getRegistryTime()).containsExactlyElementsOf(
                selected.stream().map(DumpVersion::registryTime).toList());
        assertThat(dumps).allSatisfy(d -> assertThat(d.getDump().getSource()).matches("dump\\.xml@[0-9a-f]{7}"));
    }

    @Test
    @Order(2)
    void shouldReplayADirectoryOfDumpsUntilTheGivenTime() throws Exception {
        CliRun run = CliRun.of("replay", "-b", bootstrap, "--no-progress", "-v", dumpsDir.toString(), "--until", "2017-12-31");

        // The mirror's dumps end with a row cut off mid-way: rejected to the DLQ, hence exit code 3.
        assertThat(run.exitCode()).as(run.err()).isEqualTo(IngestCommand.ROWS_REJECTED);
        assertThat(run.out()).contains("1 of 3 dumps", DUMP_2017 + ": " + DUMP_2017 + " (registry time 2017-07-01T08:00:00Z)")
                .doesNotContain(DUMP_2018);
        assertThat(lastLine(run)).startsWith("replayed 1 dumps (2017-07-01T08:00:00Z .. 2017-07-01T08:00:00Z): 1 with events");
        assertTableIs(() -> Dumps.open(Path.of("data", DUMP_2017)));
    }

    @Test
    @Order(3)
    void shouldReplayTheCommitsOfAGitRepositorySinceTheGivenTimeAndEndWithTheTableOfTheLastDump() throws Exception {
        CliRun run = CliRun.of("replay", "-b", bootstrap, "--no-progress", mirror.workTree().toString(), "--since", "2018-01-01");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(IngestCommand.ROWS_REJECTED);
        assertThat(run.outLines().get(0)).contains(", dump.csv: 2 of 3 dumps, registry time 2018-05-05T13:25:00Z .. 2020-01-26T01:24:00Z");
        assertThat(lastLine(run)).startsWith("replayed 2 dumps (2018-05-05T13:25:00Z .. 2020-01-26T01:24:00Z): 2 with events");
        DumpStats last = assertTableIs(() -> Dumps.open(Path.of("data", DUMP_2020)));
        // $ blockwatch count --print-ipv4 data/zi-2020-01-26.csv.gz | iprange -C   ->   263765,263765
        assertThat(last.getDistinctIpv4()).isEqualTo(263_765);
        assertThat(last.getRanges()).isEqualTo(263_765);
        List<DumpRecord> dumps = values(Topics.REGISTRY_DUMPS);
        assertThat(dumps.subList(dumps.size() - 2, dumps.size())).extracting(d -> d.getDump().getSource())
                .allSatisfy(source -> assertThat(source).matches("dump\\.csv@[0-9a-f]{7}"));
    }

    @Test
    @Order(4)
    void shouldPublishNothingWhenEveryDumpOfTheHistoryWasIngestedBefore() {
        var before = CommittedRecords.endOffsets(bootstrap, INGEST_TOPICS);
        // The same three dumps again: 2017 came from the directory (gzip), 2018 and 2020 from commits; the
        // digest is over the decompressed bytes, so each is known.
        CliRun run = CliRun.of("replay", "-b", bootstrap, "--no-progress", mirror.workTree().toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(IngestCommand.ROWS_REJECTED);
        assertThat(lastLine(run)).startsWith("replayed 3 dumps (2017-07-01T08:00:00Z .. 2020-01-26T01:24:00Z): 0 with events, "
                + "0 unchanged, 3 already ingested; 0 events;");
        assertThat(CommittedRecords.endOffsets(bootstrap, INGEST_TOPICS)).isEqualTo(before);
    }

    @Test
    @Order(5)
    void shouldRefuseToReplayAHistoryOlderThanTheStateTheTopicsHold() {
        var before = CommittedRecords.endOffsets(bootstrap, INGEST_TOPICS);
        CliRun run = CliRun.of("replay", "-b", bootstrap, "--no-progress", GitHistories.RKN_XML_BUNDLE.toString(),
                "--since", "2014-11-05");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("blockwatch replay: error: ")
                .containsPattern("dump\\.xml \\(registry time 2014-11-05T[0-9:]+Z\\): the topics already hold a later registry state "
                        + "\\(newest dump 2020-01-26T01:24:00Z\\)").contains("--since");
        assertThat(CommittedRecords.endOffsets(bootstrap, INGEST_TOPICS)).isEqualTo(before);
    }

    @Test
    @Order(6)
    void shouldSayInOneLineWhatIsWrongWithTheSource() throws IOException {
        Path notes = Files.writeString(work.resolve("notes.txt"), "hello\n");
        CliRun notHistory = CliRun.of("replay", "-b", bootstrap, notes.toString());
        assertThat(notHistory.exitCode()).isEqualTo(1);
        assertThat(notHistory.err()).isEqualTo("blockwatch replay: error: " + notes
                + ": not a git repository, git bundle or directory of dumps (to ingest one dump use 'blockwatch ingest')\n");

        CliRun noFile = CliRun.of("replay", "-b", bootstrap, mirror.workTree().toString(), "--file", "dump.xml");
        assertThat(noFile.exitCode()).isEqualTo(1);
        assertThat(noFile.errLines()).singleElement().asString().endsWith("no commit holds dump.xml (name the dump's path with --file)");

        CliRun outside = CliRun.of("replay", "-b", bootstrap, mirror.workTree().toString(), "--since", "2021-01-01");
        assertThat(outside.exitCode()).isEqualTo(1);
        assertThat(outside.errLines()).singleElement().asString()
                .endsWith("none of its 3 dumps (2017-07-01T08:00:00Z .. 2020-01-26T01:24:00Z) is within --since/--until");

        CliRun badSince = CliRun.of("replay", "-b", bootstrap, mirror.workTree().toString(), "--since", "yesterday");
        assertThat(badSince.exitCode()).isEqualTo(2);
        assertThat(badSince.errLines().get(0)).isEqualTo("Invalid value for option '--since': 'yesterday' is not a date or time "
                + "(try 2014-11-05, 2014-11-05T10:00 or 2014-11-05T10:00:00Z; UTC unless an offset is given)");

        CliRun noBroker = CliRun.of("replay", "-b", "127.0.0.1:1", mirror.workTree().toString());
        assertThat(noBroker.exitCode()).isEqualTo(1);
        assertThat(noBroker.errLines()).singleElement().asString().startsWith("blockwatch replay: error: no Kafka broker answered at 127.0.0.1:1");
    }

    /**
     * Waits until the pipeline has applied the last dump that published events, then checks the live table
     * against {@code lastDump} read directly: the same ranges, the same entries, the same distinct count.
     */
    private DumpStats assertTableIs(Callable<DumpReader> lastDump) throws Exception {
        Set<String> expectedRanges = new TreeSet<>();
        Set<String> expectedKeys = new HashSet<>();
        try (DumpReader reader = lastDump.call()) {
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                // A repeated key is rejected by ingest (the first one counts): keep the first, as it does.
                if (row instanceof ParsedRow.Accepted a && expectedKeys.add(a.entry().key())) {
                    a.entry().ranges().stream().map(Cidr::toString).forEach(expectedRanges::add);
                }
            }
        }
        String lastWithEvents = values(Topics.REGISTRY_DUMPS).stream()
                .filter(d -> d.getAdded() + d.getRemoved() + d.getUpdated() > 0)
                .reduce((a, b) -> b).orElseThrow().getDump().getId();
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(500)).until(() ->
                CommittedRecords.readAll(bootstrap, Topics.STATS).stream().anyMatch(r -> r.key().equals(lastWithEvents)));

        Map<String, BlockedRange> table = CommittedRecords.readTable(bootstrap, Topics.BLOCKED_RANGES);
        assertThat(new TreeSet<>(table.keySet())).isEqualTo(expectedRanges);
        Map<String, RegistryEntry> entries = CommittedRecords.readTable(bootstrap, Topics.REGISTRY_ENTRIES);
        assertThat(entries.keySet()).isEqualTo(expectedKeys);
        DumpStats stats = lastValue(Topics.STATS);
        assertThat(stats.getDump().getId()).isEqualTo(lastWithEvents);
        assertThat(stats.getEntries()).isEqualTo(expectedKeys.size());
        try (DumpReader reader = lastDump.call()) {
            assertThat(stats.getDistinctIpv4()).isEqualTo(DumpCounter.count(reader).distinctIpv4());
        }
        return stats;
    }

    private <V> List<V> values(Topic<String, V> topic) {
        return CommittedRecords.readAll(bootstrap, topic).stream().map(ConsumerRecord::value).toList();
    }

    private <V> V lastValue(Topic<String, V> topic) {
        Map<String, V> byKey = new LinkedHashMap<>();
        CommittedRecords.readAll(bootstrap, topic).forEach(r -> byKey.put(r.key(), r.value()));
        List<V> values = List.copyOf(byKey.values());
        return values.get(values.size() - 1);
    }

    private static String lastLine(CliRun run) {
        List<String> lines = run.outLines();
        return lines.get(lines.size() - 1);
    }
}
