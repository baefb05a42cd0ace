package io.github.blockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.broker.EmbeddedBroker;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line as people meet it: help, the offline count, and one-line errors with exit code 1. */
class CliTest {

    static Stream<Arguments> verbsAndTheirOptions() {
        return Stream.of(
                Arguments.of("broker", new String[] {"--data-dir", "--port"}),
                Arguments.of("ingest", new String[] {"--watch", "--url", "--every", "--force", "--transactional-id",
                    "--bootstrap", "--config", "FILE|DIR", "Exit codes:", "3   everything published, but some rows were rejected",
                    "--accept-shrink", "--shrink-ratio", "--shrink-min-drop", "4   a dump was held",
                    "--operator-request", "--signature", "--sign-command", "--operator-url", "--state-dir", "--once",
                    "--result-interval", "--result-timeout", "--call-timeout", "--max-archive-mb", "--max-dump-mb",
                    "--max-clock-skew", "--max-dump-size", "--max-row-size", "--max-field-size", "--max-download-size",
                    "--fetch-timeout", "--allow-private-redirects"}),
                Arguments.of("run", new String[] {"--application-id", "--state-dir", "--large-range", "--surge-window", "--stall-after", "--flapping-window", "--flapping-returns", "--http-port", "--http-bind", "--no-http",
                    "--https-keystore", "--https-keystore-password-file", "--partitions", "--replication-factor", "--min-insync-replicas",
                    "--bootstrap"}),
                Arguments.of("alerts", new String[] {"--from-beginning", "--follow", "--format", "--bootstrap"}),
                Arguments.of("notify", new String[] {"--config", "--bootstrap", "--kafka-config", "--group", "--from-beginning",
                    "--test", "--check", "--http-port", "--http-bind", "--no-http", "Exit codes:", "2   the config is wrong"}),
                Arguments.of("dlq", new String[] {"--from-beginning", "--follow", "--format", "--source", "--bootstrap"}),
                Arguments.of("topics", new String[] {"--create", "--describe", "--partitions", "--replication-factor",
                    "--min-insync-replicas", "--bootstrap", "--config", "Exit codes:"}),
                Arguments.of("count", new String[] {"--print-ipv4", "FILE"}),
                Arguments.of("lookup", new String[] {"--at", "--history", "--format", "--api", "IP"}),
                Arguments.of("demo", new String[] {"--exit-when-done", "--data", "--work-dir", "--port", "--http-port", "--no-http"}));
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("verbsAndTheirOptions")
    void shouldShowEachVerbsOptionsInItsHelp(String verb, String[] options) {
        CliRun run = CliRun.of(verb, "--help");

        assertThat(run.exitCode()).isZero();
        // A one-line header (the verb's summary in the root list) comes first, then the usage.
        assertThat(run.out().lines().skip(1).findFirst()).hasValueSatisfying(
                usage -> assertThat(usage).startsWith("Usage: blockwatch " + verb));
        assertThat(run.out()).contains(options).contains("--help");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldEndAnErrorSuchAsOutOfMemoryWithOneLineAndExitCode1() {
        picocli.CommandLine cmd = BlockwatchCommand.commandLine();
        cmd.addSubcommand("exhaust", new picocli.CommandLine(new Exhaust()));
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        cmd.setOut(new java.io.PrintWriter(out, true));
        cmd.setErr(new java.io.PrintWriter(err, true));

        int exitCode = cmd.execute("exhaust");

        assertThat(exitCode).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("blockwatch exhaust: error: out of memory (")
                .endsWith("); give the JVM more heap, e.g. BLOCKWATCH_JAVA_OPTS=-Xmx4g");
    }

    /** A verb that runs out of heap, as a dump too large for it would. */
    @picocli.CommandLine.Command(name = "exhaust")
    static final class Exhaust implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            long[] tooLarge = new long[Integer.MAX_VALUE - 16]; // 16 GiB: refused at once, nothing is filled
            return tooLarge.length;
        }
    }

    @Test
    void shouldListEveryVerbInTheRootHelp() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: blockwatch")
                .contains("broker", "ingest", "run", "alerts", "dlq", "topics", "count", "demo", "lookup", "notify", "--version");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldShowAVerbsHelpThroughTheHelpVerb() {
        CliRun run = CliRun.of("help", "alerts");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Print committed alerts").contains("Usage: blockwatch alerts", "--from-beginning");
    }

    @Test
    void shouldCountTheRealDumpOffline() {
        CliRun run = CliRun.of("count", "data/zi-2018-05-05.csv.gz");

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).contains(
                "zi-2018-05-05.csv.gz (csv, registry time 2018-05-05T13:25:00Z)",
                "  rows read 32,797 = accepted 32,796 + rejected 1",
                "  distinct IPv4 addresses 14,692,449");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldFailWithOneLineWhenTheFileToCountIsMissing() {
        CliRun run = CliRun.of("count", "data/no-such-dump.csv.gz");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("blockwatch count: error: ")
                .contains("no-such-dump.csv.gz");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldFailWithOneLineWhenNoBrokerAnswers() throws Exception {
        int closedPort = EmbeddedBroker.freePort();

        CliRun run = CliRun.of("ingest", "--bootstrap", "127.0.0.1:" + closedPort, "--no-progress",
                "data/zi-2017-07-01.csv.gz");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("blockwatch ingest: error: no Kafka broker answered at 127.0.0.1:"
                + closedPort + " within 5 s (start one with 'blockwatch broker', or pass --bootstrap / --config)");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldFailWithOneLineWhenTheHttpsKeystoreIsMissingBeforeConnecting() {
        CliRun run = CliRun.of("run", "--bootstrap", "127.0.0.1:1", "--https-keystore", "no-such-keystore.p12",
                "--https-keystore-password-file", "pom.xml");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("blockwatch run: error: HTTPS keystore not found: no-such-keystore.p12");
    }

    @Test
    void shouldCheckTheDemosHttpsKeystoreBeforeStartingAnything() {
        CliRun run = CliRun.of("demo", "--https-keystore", "no-such-keystore.p12", "--https-keystore-password-file", "pom.xml");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("blockwatch demo: error: HTTPS keystore not found: no-such-keystore.p12");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldAskForTheHttpsKeystoresPasswordWithoutTakingItOnTheCommandLine() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(HttpOptions.PASSWORD_VARIABLE) == null);
        CliRun run = CliRun.of("run", "--bootstrap", "127.0.0.1:1", "--https-keystore", "pom.xml");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("blockwatch run: error: --https-keystore needs its password: "
                + "--https-keystore-password-file FILE or BLOCKWATCH_HTTPS_KEYSTORE_PASSWORD");
    }

    @Test
    void shouldFailWithOneLineWhenTopicsFindsNoBroker() throws Exception {
        int closedPort = EmbeddedBroker.freePort();

        CliRun run = CliRun.of("topics", "--describe", "--bootstrap", "127.0.0.1:" + closedPort);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("blockwatch topics: error: no Kafka broker answered at 127.0.0.1:"
                + closedPort + " within 5 s (start one with 'blockwatch broker', or pass --bootstrap / --config)");
    }

    @Test
    void shouldRefuseMoreInSyncReplicasThanReplicas() {
        CliRun run = CliRun.of("topics", "--create", "--replication-factor", "3", "--min-insync-replicas", "4");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly(
                "blockwatch topics: error: min.insync.replicas 4 is more than the replication factor 3");
    }

    @Test
    void shouldRefuseEveryWithoutUrl() {
        CliRun run = CliRun.of("ingest", "--every", "10m", "data/zi-2017-07-01.csv.gz");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("blockwatch ingest: error: --every needs --url or --operator-request");
    }

    @Test
    void shouldRefuseAShrinkRatioOutsideZeroToOneInOneLine() {
        CliRun run = CliRun.of("ingest", "--shrink-ratio", "2", "data/zi-2017-07-01.csv.gz");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("blockwatch ingest: error: shrink ratio must be in (0, 1], not 2.0");
    }

    @Test
    void shouldRefuseANonPositiveStallTimeInOneLine() {
        CliRun run = CliRun.of("demo", "--stall-after", "0s", "--no-http", "--exit-when-done");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("blockwatch demo: error: the stall time must be positive");
    }

    @Test
    void shouldRefuseTwoSourcesAtOnce() {
        CliRun run = CliRun.of("ingest", "--url", "http://127.0.0.1:1/dump.csv.gz", "data/zi-2017-07-01.csv.gz");

        // picocli's usage error: the second source is an argument the exclusive group cannot take.
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines().get(0)).contains("'data/zi-2017-07-01.csv.gz'");
        assertThat(run.err()).contains("Usage: blockwatch ingest");
        assertThat(run.out()).isEmpty();
    }
}
