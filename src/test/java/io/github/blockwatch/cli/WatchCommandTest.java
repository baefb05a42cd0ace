package io.github.blockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.broker.EmbeddedBroker;
import org.junit.jupiter.api.Test;

/** {@code blockwatch watch}: its help, and the refusals that need no broker (one line, exit 1). */
class WatchCommandTest {
    @Test
    void shouldShowTheWatchVerbsAndTheirOptions() {
        CliRun root = CliRun.of("--help");
        CliRun watch = CliRun.of("watch", "--help");
        CliRun add = CliRun.of("watch", "add", "--help");

        assertThat(root.out()).contains("watch");
        assertThat(watch.out()).contains("add", "list", "remove");
        assertThat(add.out()).contains("NAME", "--prefix", "--asn", "--owner", "--channel", "--bootstrap");
    }

    @Test
    void shouldRefuseAWatchlistThatWatchesNothingBeforeConnecting() {
        CliRun run = CliRun.of("watch", "add", "empty", "--bootstrap", "127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("blockwatch watch add: error: watchlist empty watches nothing: give --prefix, --asn or --owner");
    }

    @Test
    void shouldRefuseABadPrefixOrAsnOrNameInOneLine() {
        CliRun prefix = CliRun.of("watch", "add", "x", "--prefix", "52.58.0.0/33", "--bootstrap", "127.0.0.1:1");
        CliRun asn = CliRun.of("watch", "add", "x", "--asn", "amazon", "--bootstrap", "127.0.0.1:1");
        CliRun name = CliRun.of("watch", "add", "my list", "--prefix", "1.2.3.4", "--bootstrap", "127.0.0.1:1");

        assertThat(prefix.exitCode()).isEqualTo(1);
        assertThat(prefix.errLines()).singleElement().asString().startsWith("blockwatch watch add: error: --prefix: ");
        assertThat(asn.errLines()).containsExactly("blockwatch watch add: error: --asn: not an AS number 'amazon' (AS16509 or 16509)");
        assertThat(name.errLines()).singleElement().asString().contains("watchlist name 'my list'");
    }

    @Test
    void shouldFailWithOneLineWhenNoBrokerAnswers() throws Exception {
        int closedPort = EmbeddedBroker.freePort();

        CliRun run = CliRun.of("watch", "list", "--bootstrap", "127.0.0.1:" + closedPort);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("blockwatch watch list: error: no Kafka broker answered at 127.0.0.1:"
                + closedPort + " within 5 s (start one with 'blockwatch broker', or pass --bootstrap / --config)");
    }
}
