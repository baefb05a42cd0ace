package io.github.blockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.broker.EmbeddedBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The errors a newcomer meets first, each one line on stderr, exit code 1, and fast: a wrong
 * {@code --bootstrap}, a missing file, an empty directory, a busy HTTP port. The bounds are generous (a
 * shared CI machine); what they rule out is the 8 to 25 s these took before. Arguments are checked before
 * anything connects: with no broker at all, the error is still about the argument.
 */
class CliErrorsTest {
    /** What "fast" means here: no wait for a broker (5 s), with room for a loaded machine. */
    private static final Duration AT_ONCE = Duration.ofSeconds(3);
    /** The broker wait (5 s by default) and room for a loaded machine. */
    private static final Duration BROKER_WAIT = Duration.ofSeconds(10);

    private static String noBroker;

    @TempDir
    Path dir;

    @BeforeAll
    static void pickAPortNobodyListensOn() throws IOException {
        noBroker = "127.0.0.1:" + EmbeddedBroker.freePort();
    }

    static Stream<List<String>> everyVerbThatTalksToKafka() {
        return Stream.of(
                List.of("ingest", "--no-progress", "data/zi-2017-07-01.csv.gz"),
                List.of("replay", "--no-progress", "data/rkn-xml-2014-11-01-to-11-10.bundle"),
                List.of("run", "--no-http", "--state-dir", "target/cli-errors-test-state"),
                List.of("alerts"),
                List.of("dlq"),
                List.of("topics", "--describe"),
                List.of("owners", "load", "data/owners/aws-ip-ranges-2018-04-05.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyVerbThatTalksToKafka")
    void shouldSayWithinSecondsThatNoBrokerAnswers(List<String> verb) {
        List<String> args = new ArrayList<>(verb);
        args.add("--bootstrap");
        args.add(noBroker);

        Timed run = Timed.of(args);

        String name = verb.get(0).equals("owners") ? "owners load" : verb.get(0);
        assertThat(run.cli().exitCode()).isEqualTo(1);
        assertThat(run.cli().errLines()).containsExactly("blockwatch " + name + ": error: no Kafka broker answered at "
                + noBroker + " within 5 s (start one with 'blockwatch broker', or pass --bootstrap / --config)");
        assertThat(run.took()).isLessThan(BROKER_WAIT);
    }

    @Test
    void shouldWaitForTheBrokerAsLongAsTheConfigSays() throws IOException {
        Path config = Files.writeString(dir.resolve("client.properties"), "default.api.timeout.ms=1000\n");

        Timed run = Timed.of("alerts", "--bootstrap", noBroker, "--config", config.toString());

        assertThat(run.cli().errLines()).singleElement().asString().contains("no Kafka broker answered at " + noBroker + " within 1 s");
        assertThat(run.took()).isLessThan(AT_ONCE.plusSeconds(2));
    }

    static Stream<List<String>> missingFiles() {
        return Stream.of(
                List.of("ingest", "--bootstrap", "BROKER", "data/no-such-dump.csv.gz"),
                List.of("replay", "--bootstrap", "BROKER", "/tmp/blockwatch-no-such-history"),
                List.of("owners", "load", "--bootstrap", "BROKER", "data/owners/no-such.json"),
                List.of("count", "data/no-such-dump.csv.gz"),
                List.of("compare", "data/no-such-dump.csv.gz", "data/zi-2017-07-01.csv.gz"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingFiles")
    void shouldNameAMissingFileAtOnceBeforeConnectingToAnything(List<String> verb) {
        Timed run = Timed.of(verb.stream().map(a -> a.equals("BROKER") ? noBroker : a).toList());

        String missing = verb.stream().filter(a -> a.contains("no-such")).findFirst().orElseThrow();
        assertThat(run.cli().exitCode()).isEqualTo(1);
        assertThat(run.cli().errLines()).singleElement().asString().contains(": error: ").contains(missing)
                .doesNotContain("broker");
        assertThat(run.took()).isLessThan(AT_ONCE);
    }

    @Test
    void shouldSayThereAreNoDumpsWhenIngestingAnEmptyDirectory() {
        Timed run = Timed.of("ingest", "--bootstrap", noBroker, "--no-progress", dir.toString());

        assertThat(run.cli().exitCode()).isEqualTo(1);
        assertThat(run.cli().errLines()).containsExactly("blockwatch ingest: error: no dumps in " + dir);
        assertThat(run.cli().out()).isEmpty();
        assertThat(run.took()).isLessThan(AT_ONCE);
    }

    @Test
    void shouldSayThereAreNoDumpsWhenReplayingAnEmptyDirectory() {
        Timed run = Timed.of("replay", "--bootstrap", noBroker, "--no-progress", dir.toString());

        assertThat(run.cli().exitCode()).isEqualTo(1);
        assertThat(run.cli().errLines()).containsExactly("blockwatch replay: error: no dumps in " + dir);
        assertThat(run.took()).isLessThan(AT_ONCE);
    }

    @Test
    void shouldRefuseASourceNameThatIsNoneAtOnce() {
        for (String verb : List.of("ingest", "replay")) {
            Timed run = Timed.of(verb, "--bootstrap", noBroker, "--no-progress", "--source", "Antifilter Ipsum", "data/");

            assertThat(run.cli().exitCode()).as(verb).isEqualTo(1);
            assertThat(run.cli().errLines()).as(verb).containsExactly("blockwatch " + verb + ": error: source name "
                    + "'Antifilter Ipsum' is not one: use 1 to 64 lowercase letters, digits, '.', '_' or '-', starting with "
                    + "a letter or digit (e.g. official, antifilter-ipsum)");
            assertThat(run.took()).as(verb).isLessThan(AT_ONCE);
        }
    }

    @Test
    void shouldNameWhatADirectoryWithoutDumpsHoldsWhenCounting() throws IOException {
        Files.writeString(dir.resolve("README.md"), "# notes\n");

        Timed run = Timed.of("count", dir.toString());

        assertThat(run.cli().exitCode()).isEqualTo(1);
        assertThat(run.cli().errLines()).containsExactly("blockwatch count: error: no dumps in " + dir + " (not dumps: README.md)");
        assertThat(run.took()).isLessThan(AT_ONCE);
    }

    @Test
    void shouldCountTheDumpsOfADirectoryAndNameWhatItSkipped() {
        // data/ holds the three mirror dumps, its README and a git bundle
        CliRun run = CliRun.of("count", "data");

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).filteredOn(line -> !line.startsWith(" ")).containsExactly(
                "zi-2017-07-01.csv.gz (csv, registry time 2017-07-01T08:00:00Z)",
                "zi-2018-05-05.csv.gz (csv, registry time 2018-05-05T13:25:00Z)",
                "zi-2020-01-26.csv.gz (csv, registry time 2020-01-26T01:24:00Z)");
        assertThat(run.errLines()).containsExactly(
                "blockwatch count: skipped 2 files that are not dumps: data/README.md, data/rkn-xml-2014-11-01-to-11-10.bundle");
    }

    @Test
    void shouldRefuseABusyHttpPortBeforeConnectingToAnything() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            Timed run = Timed.of("run", "--bootstrap", noBroker, "--http-port", String.valueOf(port),
                    "--state-dir", dir.resolve("state").toString());

            assertThat(run.cli().exitCode()).isEqualTo(1);
            assertThat(run.cli().errLines()).containsExactly("blockwatch run: error: --http-port " + port + ": 127.0.0.1:"
                    + port + " is already in use (pass another port, or 0 for any free one)");
            assertThat(run.took()).isLessThan(AT_ONCE);
        }
    }

    /** A command line run in this JVM, and how long it took. */
    private record Timed(CliRun cli, Duration took) {
        static Timed of(String... args) {
            return of(List.of(args));
        }

        static Timed of(List<String> args) {
            long started = System.nanoTime();
            CliRun run = CliRun.of(args.toArray(String[]::new));
            return new Timed(run, Duration.ofNanos(System.nanoTime() - started));
        }
    }
}
