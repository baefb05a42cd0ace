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
 * {@code blockwatch replay data/antifilter --file ipsum.lst.gz}: the 19 real daily copies of antifilter's
 * ipsum.lst (17 July – 4 August 2024) replayed into the real embedded broker and the Streams application.
 * After each day the table's distinct IPv4 count is what FireHOL's {@code iprange -C} (an independent C
 * program) counts in that day's list; 172.67.0.0/19, which comes and goes, raises exactly one FLAPPING
 * (LARGE_RANGE lowered to a /19, since no antifilter range reaches the default /16).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListHistoryReplayIT {
    private static final Path DAYS = Path.of("data/antifilter");
    private static final Duration CATCH_UP = Duration.ofMinutes(5);

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
    void shouldCountEachDayAsIprangeDoesAndRaiseOneFlappingAlert() throws Exception {
        CliRun run = CliRun.of("replay", "-b", bootstrap, "--no-progress", DAYS.toString(), "--file", "ipsum.lst.gz");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines().get(0)).isEqualTo("replay: dated snapshots data/antifilter, ipsum.lst.gz: 19 of 19 dumps, "
                + "registry time 2024-07-17T16:36:29Z .. 2024-08-04T00:35:40Z, speed max");
        await().atMost(CATCH_UP).until(() -> stats().size() == 19);

        Map<String, Long> counted = new LinkedHashMap<>();
        stats().forEach(s -> counted.put(s.getDump().getSource(), s.getDistinctIpv4()));
        Map<String, Long> expected = new LinkedHashMap<>();
        try (var days = Files.list(DAYS)) {
            for (Path day : days.filter(Files::isDirectory).sorted().toList()) {
                expected.put(day.getFileName() + "/ipsum.lst.gz", iprangeUniqueIps(day.resolve("ipsum.lst.gz")));
            }
        }
        assertThat(expected).hasSize(19).containsEntry("2024-07-17/ipsum.lst.gz", 3_140_096L)
                .containsEntry("2024-08-04/ipsum.lst.gz", 3_157_760L);
        assertThat(counted).containsExactlyEntriesOf(expected);

        await().atMost(CATCH_UP).until(() -> alertsAbout("172.67.0.0/19").size() == 3);
        assertThat(alertsAbout("172.67.0.0/19")).extracting(a -> a.getType() + " " + a.getDump().getSource())
                .containsExactly("LARGE_RANGE 2024-07-18/ipsum.lst.gz", "UNBLOCKED 2024-07-23/ipsum.lst.gz",
                        "FLAPPING 2024-07-27/ipsum.lst.gz");
        assertThat(CommittedRecords.readAll(bootstrap, Topics.ALERTS)).extracting(ConsumerRecord::value)
                .filteredOn(a -> a.getType() == AlertType.FLAPPING).hasSize(1);
    }

    private List<DumpStats> stats() {
        return CommittedRecords.readAll(bootstrap, Topics.STATS).stream().map(ConsumerRecord::value).toList();
    }

    private List<RangeAlert> alertsAbout(String range) {
        return CommittedRecords.readAll(bootstrap, Topics.ALERTS).stream().map(ConsumerRecord::value)
                .filter(a -> a.getRanges().equals(List.of(range))).toList();
    }

    /** {@code iprange -C} on the gunzipped list: "entries,unique_ips"; the second figure. */
    private static long iprangeUniqueIps(Path gz) throws IOException, InterruptedException {
        Path list = Files.createTempFile(work, "ipsum-", ".lst");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.write(list, in.readAllBytes());
        }
        Process process = new ProcessBuilder(Tools.require("iprange", "iprange").toString(), "-C", list.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("iprange finished").isTrue();
        assertThat(out).as("iprange -C output").matches("\\d+,\\d+");
        return Long.parseLong(out.split(",")[1]);
    }
}
