package io.github.blockwatch.cli;

import static io.github.blockwatch.kafka.CommittedRecords.endOffsets;
import static io.github.blockwatch.kafka.CommittedRecords.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.TopicAdmin;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.reliability.ChildJvm;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away while {@code blockwatch ingest} publishes a dump (its own JVM, default client
 * settings): the dump fails with one line within a bounded time, not one send timeout per remaining record
 * (30 s each, for hours, nothing printed, as the issue found it). Once the broker is back, the next ingest
 * (same transactional id) aborts the unfinished transaction, and a reader sees the dump exactly once.
 */
class IngestBrokerLossIT {
    private static final int ROWS = 400_000;
    private static final Charset CP1251 = Charset.forName("windows-1251");
    /** Generous: the defaults allow about a minute and a half (delivery.timeout.ms, then the abort's max.block.ms). */
    private static final Duration BOUND = Duration.ofMinutes(4);

    @TempDir
    static Path work;

    @Test
    void shouldFailTheDumpWithOneLineWhenTheBrokerDiesMidPublish() throws Exception {
        Path dump = work.resolve("big.csv.gz");
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(dump)), CP1251)) {
            out.write("Updated: 2019-03-01 10:00:00 +0000\n");
            for (int i = 0; i < ROWS; i++) {
                out.write(String.format(Locale.ROOT, "10.%d.%d.%d;;;суд;%d;2019-01-01%n", i >> 16, (i >> 8) & 255, i & 255, i));
            }
        }
        int port = EmbeddedBroker.freePort();
        Path data = work.resolve("broker");
        EmbeddedBroker broker = EmbeddedBroker.start(data, port);
        try {
            String bootstrap = broker.bootstrapServers();
            try (TopicAdmin admin = TopicAdmin.connect(ClientSettings.of(bootstrap))) {
                admin.createMissing(Topics.ALL, 1);
            }
            TopicPartition events = new TopicPartition(Topics.REGISTRY_EVENTS.name(), 0);

            long elapsed;
            String line;
            try (ChildJvm ingest = ChildJvm.start(work.resolve("logs"), "ingest", "1g",
                    "ingest", "--bootstrap", bootstrap, "--no-progress", dump.toString())) {
                // Mid-publish: the transaction's first records are in the log, far from all of them.
                EmbeddedBroker running = broker;
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50)).until(() ->
                        endOffsets(running.bootstrapServers(), List.of(Topics.REGISTRY_EVENTS)).get(events) > 0);
                broker.close();
                long stopped = System.nanoTime();
                int exit = ingest.awaitExit(BOUND);
                elapsed = (System.nanoTime() - stopped) / 1_000_000;

                assertThat(exit).as(ingest.err()).isEqualTo(1);
                assertThat(ingest.err().lines().toList()).singleElement().asString()
                        .startsWith("blockwatch ingest: error: publishing big.csv.gz failed, transaction aborted: ");
                assertThat(ingest.outLines()).isEmpty();
                line = ingest.err().strip();
            }
            System.out.printf(Locale.ROOT, "IngestBrokerLossIT: ingest failed %.1f s after the broker stopped: %s%n",
                    elapsed / 1000.0, line);

            broker = EmbeddedBroker.start(data, port);
            CliRun again = CliRun.of("ingest", "--bootstrap", bootstrap, "--no-progress", dump.toString());
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(readAll(bootstrap, Topics.REGISTRY_EVENTS)).as("the dump once: nothing of the failed attempt")
                    .hasSize(ROWS);
        } finally {
            broker.close();
        }
    }
}
