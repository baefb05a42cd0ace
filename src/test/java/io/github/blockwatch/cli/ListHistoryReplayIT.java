package io.github.blockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.blockwatch.Tools;
import io.github.blockwatch.app.RunningPipeline;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.kafka.CommittedRecords;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.topology.AlertRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blockwatch replay data/antifilter}: the 19 real daily copies of antifilter's community.lst, ipsum.lst
 * and subnet.lst (17 July – 4 August 2024), each list its own source, replayed into the real embedded broker
 * and the Streams application.
 * After each day each source's distinct IPv4 count is what FireHOL's {@code iprange -C} (an independent C
 * program) counts in that day's list, and the union's what it counts over the three; the last table is what
 * ingesting the last day's lists makes; 172.67.0.0/19, which comes and goes, raises exactly one FLAPPING
 * (LARGE_RANGE lowered to a /19, since no antifilter range reaches the default /16).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListHistoryReplayIT {
    private static final Path DAYS = Path.of("data/antifilter");
    private static final Duration CATCH_UP = Duration.ofMinutes(5);
    private static final List<String> LISTS = List.of("community", "ipsum", "subnet");

    @TempDir
    static Path work;

    private RunningPipeline pipeline;
    private String bootstrap;

    @BeforeAll
    void start() throws IOException {
        pipeline = RunningPipeline.start(work.resolve("pipeline"), "list-replay-it", AlertRules.defaults().withLargeRange(8192));
        bootstrap = pipeline.broker().bootstrapServers();
    }

    @AfterAll
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void shouldReplayEachListAsItsOwnSourceAndCountEachAndTheirUnionAsIprangeDoes() throws Exception {
        CliRun run = CliRun.of("replay", "-b", bootstrap, "--no-progress", DAYS.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines().get(0)).isEqualTo("replay: dated snapshots data/antifilter, every list as its own source: "
                + "57 of 57 dumps, registry time 2024-07-17T16:36:29Z .. 2024-08-04T00:35:40Z, speed max");
        // A list unchanged since the day before publishes no events, and its dump no stats.
        long withEvents = CommittedRecords.readAll(bootstrap, Topics.REGISTRY_DUMPS).stream().map(ConsumerRecord::value)
                .filter(d -> d.getAdded() + d.getRemoved() + d.getUpdated() > 0).count();
        assertThat(withEvents).isGreaterThan(19);
        await().atMost(CATCH_UP).until(() -> stats().size() == withEvents);

        // The table after each day: the last stats record of the day's time (the lists of a day share it).
        Map<java.time.Instant, DumpStats> afterEachDay = new LinkedHashMap<>();
        stats().forEach(s -> afterEachDay.put(s.getRegistryTime(), s));
        assertThat(afterEachDay).hasSize(19);
        Map<String, Map<String, Long>> counted = new LinkedHashMap<>();
        Map<String, Map<String, Long>> expected = new LinkedHashMap<>();
        List<Path> days;
        try (var listed = Files.list(DAYS)) {
            days = listed.filter(Files::isDirectory).sorted().toList();
        }
        List<DumpStats> daily = List.copyOf(afterEachDay.values());
        for (int i = 0; i < days.size(); i++) {
            String day = days.get(i).getFileName().toString();
            Map<String, Long> perSource = new java.util.TreeMap<>();
            daily.get(i).getSources().forEach(s -> perSource.put(s.getSource(), s.getDistinctIpv4()));
            perSource.put("union", daily.get(i).getDistinctIpv4());
            counted.put(day, perSource);
            Map<String, Long> byIprange = new java.util.TreeMap<>();
            for (String list : LISTS) {
                byIprange.put(list, iprangeUniqueIps(days.get(i).resolve(list + ".lst.gz")));
            }
            Path dayDir = days.get(i);
            byIprange.put("union", iprangeUniqueIps(LISTS.stream().map(l -> dayDir.resolve(l + ".lst.gz")).toList()));
            expected.put(day, byIprange);
        }
        assertThat(expected.get("2024-07-17")).containsEntry("ipsum", 3_140_096L);
        assertThat(expected.get("2024-08-04")).containsEntry("ipsum", 3_157_760L);
        assertThat(counted).containsExactlyEntriesOf(expected);

        // The table after the last day is what ingesting that day's lists would make: every range, named by
        // the lists that give it.
        Map<String, List<String>> table = new java.util.TreeMap<>();
        CommittedRecords.readAll(bootstrap, Topics.BLOCKED_RANGES).forEach(r -> {
            if (r.value() == null) {
                table.remove(r.key());
            } else {
                table.put(r.key(), r.value().getSources());
            }
        });
        Map<String, java.util.SortedSet<String>> lastDay = new java.util.TreeMap<>();
        for (String list : LISTS) {
            for (String line : gunzipLines(days.get(days.size() - 1).resolve(list + ".lst.gz"))) {
                lastDay.computeIfAbsent(io.github.blockwatch.registry.Cidr.parse(line).toString(),
                        k -> new java.util.TreeSet<>()).add(list);
            }
        }
        assertThat(table).hasSameSizeAs(lastDay);
        lastDay.forEach((cidr, lists) -> assertThat(table.get(cidr)).as(cidr).containsExactlyElementsOf(lists));

        // 172.67.0.0/19 comes and goes in ipsum only: one FLAPPING, named as ipsum's.
        await().atMost(CATCH_UP).until(() -> alertsAbout("172.67.0.0/19").size() == 3);
        assertThat(alertsAbout("172.67.0.0/19")).extracting(a -> a.getType() + " " + a.getDump().getSource())
                .containsExactly("LARGE_RANGE 2024-07-18/ipsum.lst.gz", "UNBLOCKED 2024-07-23/ipsum.lst.gz",
                        "FLAPPING 2024-07-27/ipsum.lst.gz");
        assertThat(alertsAbout("172.67.0.0/19")).allSatisfy(a -> {
            assertThat(a.getDump().getSourceName()).isEqualTo("ipsum");
            assertThat(a.getSummary()).startsWith("[ipsum] 172.67.0.0/19");
        });
        assertThat(CommittedRecords.readAll(bootstrap, Topics.ALERTS)).extracting(ConsumerRecord::value)
                .filteredOn(a -> a.getType() == AlertType.FLAPPING).hasSize(1);
    }

    private static List<String> gunzipLines(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    private List<DumpStats> stats() {
        return CommittedRecords.readAll(bootstrap, Topics.STATS).stream().map(ConsumerRecord::value).toList();
    }

    private List<RangeAlert> alertsAbout(String range) {
        return CommittedRecords.readAll(bootstrap, Topics.ALERTS).stream().map(ConsumerRecord::value)
                .filter(a -> a.getRanges().equals(List.of(range))).toList();
    }

    private static long iprangeUniqueIps(Path gz) throws IOException, InterruptedException {
        return iprangeUniqueIps(List.of(gz));
    }

    /** {@code iprange -C} on the gunzipped lists together (their union): "entries,unique_ips"; the second figure. */
    private static long iprangeUniqueIps(List<Path> gzs) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Tools.require("iprange", "iprange").toString(), "-C"));
        for (Path gz : gzs) {
            Path list = Files.createTempFile(work, "list-", ".lst");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                Files.write(list, in.readAllBytes());
            }
            command.add(list.toString());
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("iprange finished").isTrue();
        assertThat(out).as("iprange -C output").matches("\\d+,\\d+");
        return Long.parseLong(out.split(",")[1]);
    }
}
