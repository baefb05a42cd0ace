package io.github.blockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.broker.EmbeddedBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blockwatch owners load} refuses bad input with one line, before it publishes anything. */
class OwnersLoadCommandTest {
    @TempDir
    Path tmp;

    @Test
    void missingFileIsOneLine() {
        CliRun run = CliRun.of("owners", "load", "--bootstrap", "127.0.0.1:1", "data/owners/no-such-file.json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly(
                "blockwatch owners load: error: data/owners/no-such-file.json: no such file");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownFormatIsOneLine() throws Exception {
        Path notes = Files.writeString(tmp.resolve("notes.csv"), "prefix,owner\n1.2.3.0/24,someone\n");

        CliRun run = CliRun.of("owners", "load", "--bootstrap", "127.0.0.1:1", "data/owners/gcp-cloud-2021-07-27.json",
                notes.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("blockwatch owners load: error: notes.csv: unknown owner format (expected AWS ip-ranges.json");
    }

    @Test
    void noBrokerIsOneLine() throws Exception {
        int closedPort = EmbeddedBroker.freePort();

        CliRun run = CliRun.of("owners", "load", "--bootstrap", "127.0.0.1:" + closedPort,
                "data/owners/aws-ip-ranges-2018-04-05.json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("blockwatch owners load: error: no Kafka broker answered at 127.0.0.1:"
                + closedPort + " within 5 s (start one with 'blockwatch broker', or pass --bootstrap / --config)");
    }

    @Test
    void ownersWithoutSubcommandSaysWhatToType() {
        CliRun run = CliRun.of("owners");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("blockwatch owners load FILE...");
    }
}
