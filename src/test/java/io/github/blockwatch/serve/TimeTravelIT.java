package io.github.blockwatch.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.blockwatch.Tools;
import io.github.blockwatch.app.RunningPipeline;
import io.github.blockwatch.cli.BlockwatchCommand;
import io.github.blockwatch.ingest.Ingestor;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.Dumps;
import io.github.blockwatch.registry.IpFamily;
import io.github.blockwatch.registry.Ipv4RangeSet;
import io.github.blockwatch.registry.ParsedRow;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Point-in-time lookups on the real official history: 14 of the first 240 dump.xml versions (November
 * 2014, from the bundled git bundle), chosen so that addresses are added, removed and added again within
 * them, replayed through a real broker; every answer of {@code /api/ip/{ip}?at=} and
 * {@code /api/ip/{ip}/history} is checked against a direct parse of the dump in force at that time. Then
 * the 2018 mirror dump, for the per-decision figures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TimeTravelIT {
    private static final Path BUNDLE = Path.of("data/rkn-xml-2014-11-01-to-11-10.bundle").toAbsolutePath();
    private static final Path ZI_2018 = Path.of("data/zi-2018-05-05.csv.gz");
    /**
     * Versions (0 = oldest) around the changes of the addresses below: 95.85.14.21 added in 58 and removed
     * in 110; 176.31.97.101 listed from the start, removed in 110, back in 126, removed in 226;
     * 188.127.239.135 added in 148, removed in 159; 141.8.196.48 added in 134, removed in 178;
     * 78.46.44.82 added in 178, removed in 226 (found by diffing every version's addresses).
     */
    private static final int[] VERSIONS = {0, 57, 58, 109, 110, 125, 126, 134, 148, 158, 159, 178, 225, 226};
    private static final List<String> ADDRESSES = List.of("95.85.14.21", "176.31.97.101", "188.127.239.135",
            "141.8.196.48", "78.46.44.82", "192.0.2.1");
    private static final Duration STREAMS_TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    static Path work;

    @AutoClose
    private static RunningPipeline pipeline;
    private static ApiClient api;
    /** The ingested dumps in registry order, each with its registry time and its ranges. */
    private static final List<ParsedDump> dumps = new ArrayList<>();

    record ParsedDump(Path file, Instant registryTime, List<Cidr> ranges) {
        Set<String> covering(Cidr address) {
            Set<String> found = new TreeSet<>();
            for (Cidr r : ranges) {
                if (r.family() == address.family() && r.first().compareTo(address.first()) <= 0
                        && r.last().compareTo(address.first()) >= 0) {
                    found.add(r.toString());
                }
            }
            return found;
        }
    }

    @BeforeAll
    static void replayPartOfTheOfficialHistory() throws Exception {
        Path clone = work.resolve("rkn-xml");
        git(work, "clone", "--quiet", BUNDLE.toString(), clone.toString());
        List<String> commits = List.of(git(clone, "log", "--reverse", "--format=%H").split("\n"));
        assertThat(commits).hasSize(240);
        for (int v : VERSIONS) {
            Path file = work.resolve(String.format("dump-%03d.xml", v));
            Files.writeString(file, "");
            gitShowTo(clone, commits.get(v) + ":dump.xml", file);
            dumps.add(parse(file));
        }
        pipeline = RunningPipeline.startServing(work.resolve("pipeline"), "time-travel-it");
        api = new ApiClient(pipeline.server().port());
        try (Ingestor ingestor = Ingestor.open(pipeline.clients())) {
            for (ParsedDump dump : dumps) {
                ingestor.ingest(dump.file());
            }
        }
        await().atMost(STREAMS_TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> api.get("/api/stats").status() == 200
                && api.json("/api/stats").path("series").size() == VERSIONS.length);
    }

    @Test
    @Order(1)
    void shouldAnswerAsOfAnyTimeWhatTheDumpInForceThenSaid() {
        List<Instant> times = probeTimes();
        int blockedAnswers = 0;
        int unblockedAnswers = 0;
        for (String ip : ADDRESSES) {
            Cidr address = address(ip);
            for (Instant t : times) {
                ParsedDump inForce = inForce(t);
                Set<String> expected = inForce == null ? Set.of() : inForce.covering(address);
                JsonNode answer = api.json("/api/ip/" + ip + "?at=" + t);

                String what = ip + " at " + t;
                assertThat(answer.path("blocked").asBoolean()).as(what).isEqualTo(!expected.isEmpty());
                assertThat(cidrs(answer.path("ranges"))).as(what).isEqualTo(expected);
                assertThat(answer.path("dump").isNull() ? null : answer.path("dump").path("registryTime").asText())
                        .as(what).isEqualTo(inForce == null ? null : inForce.registryTime().toString());
                if (expected.isEmpty()) {
                    unblockedAnswers++;
                } else {
                    blockedAnswers++;
                    assertThat(answer.path("blockedSince").asText()).as(what).isEqualTo(expectedInterval(address, t)[0]);
                    assertThat(answer.path("blockedUntil").isNull() ? null : answer.path("blockedUntil").asText())
                            .as(what).isEqualTo(expectedInterval(address, t)[1]);
                }
            }
        }
        assertThat(blockedAnswers).isGreaterThan(30);
        assertThat(unblockedAnswers).isGreaterThan(30);
    }

    @Test
    @Order(1)
    void shouldListEveryIntervalInWhichAnAddressWasBlocked() {
        for (String ip : ADDRESSES) {
            JsonNode history = api.json("/api/ip/" + ip + "/history");

            List<String> intervals = StreamSupport.stream(history.path("intervals").spliterator(), false)
                    .map(i -> i.path("from").asText() + " → " + (i.path("until").isNull() ? "now" : i.path("until").asText()))
                    .toList();
            assertThat(intervals).as(ip).isEqualTo(expectedIntervals(address(ip)));
        }
        JsonNode twice = api.json("/api/ip/176.31.97.101/history");
        assertThat(twice.path("intervals")).as("removed in version 110, back in 126, removed in 226").hasSize(2);
        assertThat(twice.path("intervals").get(0).path("decisions").get(0).path("number").asText()).isNotBlank();
    }

    @Test
    @Order(1)
    void shouldAnswerTheSameThroughTheLookupVerb() {
        Instant during = dumps.get(2).registryTime().plusSeconds(60); // version 58 added 95.85.14.21
        String url = "http://127.0.0.1:" + pipeline.server().port();

        Verb at = verb("lookup", "95.85.14.21", "--at", during.toString(), "--api", url);
        Verb history = verb("lookup", "95.85.14.21", "--history", "--api", url);
        Verb json = verb("lookup", "95.85.14.21", "--at", during.toString(), "--format", "json", "--api", url);

        assertThat(at.exitCode()).as(at.err()).isZero();
        assertThat(at.out()).startsWith("95.85.14.21 was blocked at " + during)
                .contains("since " + dumps.get(2).registryTime()).contains("until " + dumps.get(4).registryTime());
        assertThat(history.out()).contains("blocked in 1 interval")
                .contains(dumps.get(2).registryTime() + " → " + dumps.get(4).registryTime());
        assertThat(api.get("/api/ip/95.85.14.21?at=" + during).json()).isEqualTo(new ApiClient.Reply(200, json.out()).json());
    }

    @Test
    @Order(1)
    void shouldRejectABadTimeInTheApiAndTheVerbWithOneLine() {
        ApiClient.Reply reply = api.get("/api/ip/95.85.14.21?at=yesterday");
        Verb verb = verb("lookup", "95.85.14.21", "--at", "yesterday");
        Verb badIp = verb("lookup", "95.85.14.256");
        Verb noServer = verb("lookup", "95.85.14.21", "--api", "http://127.0.0.1:9");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").asText()).startsWith("at: not an ISO-8601 instant");
        assertThat(List.of(verb, badIp, noServer)).allSatisfy(v -> {
            assertThat(v.exitCode()).isEqualTo(1);
            assertThat(v.err().lines()).hasSize(1).allMatch(l -> l.startsWith("blockwatch lookup: error: "));
        });
        assertThat(noServer.err()).contains("no blockwatch API at http://127.0.0.1:9");
    }

    @Test
    @Order(2)
    void shouldCountTheAddressesOfTheAwsDecisionOfTheSpring2018LikeADirectCount() throws Exception {
        try (Ingestor ingestor = Ingestor.open(pipeline.clients())) {
            ingestor.ingest(ZI_2018);
        }
        await().atMost(STREAMS_TIMEOUT).pollInterval(Duration.ofSeconds(2))
                .until(() -> api.json("/api/stats").path("series").size() == VERSIONS.length + 1);
        String number = "27-31-2015/Ид4082-15";
        long expected = directCount(ZI_2018, number);

        JsonNode list = api.json("/api/decisions?limit=5");
        JsonNode top = list.path("decisions").get(0);
        JsonNode detail = api.json("/api/decisions/" + URLEncoder.encode(number, StandardCharsets.UTF_8));
        JsonNode byQuery = api.json("/api/decisions/by?number=" + URLEncoder.encode(number, StandardCharsets.UTF_8));

        assertThat(expected).as("the April 2018 cloud blocks").isGreaterThan(13_000_000L);
        assertThat(top.path("number").asText()).isEqualTo(number);
        assertThat(top.path("org").asText()).isEqualTo("Генпрокуратура");
        assertThat(top.path("distinctIpv4").asLong()).isEqualTo(expected);
        assertThat(detail.path("distinctIpv4").asLong()).isEqualTo(expected);
        assertThat(detail.path("series").get(detail.path("series").size() - 1).path("distinctIpv4").asLong()).isEqualTo(expected);
        assertThat(byQuery).isEqualTo(detail);
        JsonNode next = api.json("/api/decisions?limit=5&cursor=" + list.path("nextCursor").asText());
        assertThat(next.path("decisions").get(0).path("distinctIpv4").asLong())
                .isLessThanOrEqualTo(list.path("decisions").get(4).path("distinctIpv4").asLong());
        assertThat(api.get("/api/decisions/by?number=no-such-decision").status()).isEqualTo(404);
    }

    /** Distinct IPv4 addresses of one decision's entries in a dump, sorted and merged. */
    private static long directCount(Path dump, String number) throws IOException {
        Ipv4RangeSet set = new Ipv4RangeSet();
        try (DumpReader reader = Dumps.open(dump)) {
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                if (row instanceof ParsedRow.Accepted accepted && accepted.entry().decision() != null
                        && accepted.entry().decision().number().equals(number)
                        && accepted.entry().decision().org().equals("Генпрокуратура")) {
                    accepted.entry().ranges().stream().filter(r -> r.family() == IpFamily.IPV4).forEach(set::add);
                }
            }
        }
        set.distinctBlocks();
        return set.distinctAddresses();
    }

    /** Before the first dump, at each dump's registry time, a minute before and after it, and long after. */
    private static List<Instant> probeTimes() {
        Set<Instant> times = new LinkedHashSet<>();
        times.add(dumps.get(0).registryTime().minus(Duration.ofDays(365)));
        for (ParsedDump d : dumps) {
            times.add(d.registryTime().minusSeconds(60));
            times.add(d.registryTime());
            times.add(d.registryTime().plusSeconds(60));
        }
        times.add(Instant.parse("2016-01-01T00:00:00Z"));
        return List.copyOf(times);
    }

    private static ParsedDump inForce(Instant t) {
        ParsedDump found = null;
        for (ParsedDump d : dumps) {
            if (!d.registryTime().isAfter(t)) {
                found = d;
            }
        }
        return found;
    }

    /** The intervals in which the dumps, one after the other, listed a range covering the address. */
    private static List<String> expectedIntervals(Cidr address) {
        List<String> intervals = new ArrayList<>();
        Instant from = null;
        for (ParsedDump d : dumps) {
            boolean blocked = !d.covering(address).isEmpty();
            if (blocked && from == null) {
                from = d.registryTime();
            } else if (!blocked && from != null) {
                intervals.add(from + " → " + d.registryTime());
                from = null;
            }
        }
        if (from != null) {
            intervals.add(from + " → now");
        }
        return intervals;
    }

    private static String[] expectedInterval(Cidr address, Instant t) {
        for (String interval : expectedIntervals(address)) {
            String[] ends = interval.split(" → ");
            Instant from = Instant.parse(ends[0]);
            Instant until = ends[1].equals("now") ? null : Instant.parse(ends[1]);
            if (!t.isBefore(from) && (until == null || t.isBefore(until))) {
                return new String[] {ends[0], until == null ? null : ends[1]};
            }
        }
        throw new AssertionError(address + " not blocked at " + t);
    }

    private static Set<String> cidrs(JsonNode ranges) {
        Set<String> found = new TreeSet<>();
        ranges.forEach(r -> found.add(r.path("cidr").asText()));
        return found;
    }

    private static Cidr address(String ip) {
        try {
            return Cidr.parse(ip);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ParsedDump parse(Path file) throws IOException {
        Set<Cidr> ranges = new HashSet<>();
        try (DumpReader reader = Dumps.open(file)) {
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                if (row instanceof ParsedRow.Accepted accepted) {
                    ranges.addAll(accepted.entry().ranges());
                }
            }
            return new ParsedDump(file, reader.header().registryTime(), List.copyOf(ranges));
        }
    }

    record Verb(int exitCode, String out, String err) {}

    private static Verb verb(String... args) {
        var cmd = BlockwatchCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Verb(code, out.toString(), err.toString());
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Tools.require("git", "git").toString(), "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    private static void gitShowTo(Path repo, String object, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Tools.require("git", "git").toString(), "-C", repo.toString(), "show", object)
                .redirectOutput(file.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("git show " + object + " failed");
        }
    }
}
