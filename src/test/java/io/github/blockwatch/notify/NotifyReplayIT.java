package io.github.blockwatch.notify;

import io.github.blockwatch.alerts.AlertJsonSchema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blockwatch.app.RunningPipeline;
import io.github.blockwatch.cli.BlockwatchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled real dumps through the real pipeline (broker, Streams application, ingest) with a notifier on
 * the minimal config of issue 16: the 2018 dump's 43 LARGE_RANGE alerts — raised while the table applies the
 * dump, over many Streams transactions — reach the webhook as one message, and 2020's 43 UNBLOCKED as another.
 */
class NotifyReplayIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void shouldSendEachDumpsFortyThreeRangeAlertsAsOneMessage() throws Exception {
        try (RunningPipeline pipeline = RunningPipeline.start(work, "notify-replay");
             Receiver receiver = Receiver.accepting("")) {
            Files.writeString(work.resolve("hook.secret"), "replay-secret\n");
            Path yaml = Files.writeString(work.resolve("notify.yaml"), """
                    dashboard-url: http://127.0.0.1:8080
                    channels:
                      ops: {type: webhook, url: "%s", secret-file: hook.secret}
                    routes:
                      - {types: [LARGE_RANGE, UNBLOCKED, WATCHED_BLOCKED, WATCHED_UNBLOCKED], min-severity: LOW, channels: [ops]}
                    """.formatted(receiver.url("/hook")));
            CountDownLatch listening = new CountDownLatch(1);
            List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (Notifier notifier = Notifier.start(pipeline.clients(), NotifyConfigReader.read(yaml), false, null,
                    new Events(listening, sent))) {
                assertThat(listening.await(60, TimeUnit.SECONDS)).as("notifier listening").isTrue();

                StringWriter err = new StringWriter();
                int exit = BlockwatchCommand.commandLine().setOut(new PrintWriter(new StringWriter(), true))
                        .setErr(new PrintWriter(err, true))
                        .execute("ingest", "--bootstrap", pipeline.broker().bootstrapServers(), "--no-progress", "--accept-shrink",
                                "data/zi-2017-07-01.csv.gz", "data/zi-2018-05-05.csv.gz", "data/zi-2020-01-26.csv.gz");
                assertThat(exit).as("ingest (3: the mirror's cut-off rows rejected); %s", err).isEqualTo(3);

                await().atMost(Duration.ofMinutes(8)) // the 2020 dump removes 32,795 entries: minutes on a busy machine
                        .failFast("the notifier stopped", () -> notifier.failure() != null)
                        .alias("two messages; the notifier reported " + sent)
                        .until(() -> receiver.requests().size() >= 2);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> receiver.requests().size() == 2);
                assertThat(notifier.failure()).isNull();
            }

            JsonNode blocked = JSON.readTree(receiver.requests().get(0).body());
            AlertJsonSchema.assertAllValid(blocked.get("alerts"));
            assertThat(blocked.get("dump").asText()).startsWith("2018-05-05T13:25:00Z/");
            assertThat(blocked.get("count").asInt()).isEqualTo(43);
            assertThat(blocked.get("alerts")).extracting(a -> a.get("type").asText()).containsOnly("LARGE_RANGE");
            assertThat(blocked.get("alerts")).extracting(a -> a.get("ranges").get(0).asText())
                    .contains("34.192.0.0/10", "52.58.0.0/15", "35.192.0.0/12");
            assertThat(blocked.get("text").asText())
                    .startsWith("blockwatch: 43 alerts (43 LARGE_RANGE) up to CRITICAL, dump of 2018-05-05T13:25:00Z\n"
                            + "• CRITICAL LARGE_RANGE: 34.192.0.0/10 newly blocked")
                    .contains("\n  http://127.0.0.1:8080/?ip=34.192.0.0\n")
                    .endsWith("\n… and 33 more");

            JsonNode unblocked = JSON.readTree(receiver.requests().get(1).body());
            AlertJsonSchema.assertAllValid(unblocked.get("alerts"));
            assertThat(unblocked.get("dump").asText()).startsWith("2020-01-26T01:24:00Z/");
            assertThat(unblocked.get("count").asInt()).isEqualTo(43);
            assertThat(unblocked.get("alerts")).extracting(a -> a.get("type").asText()).containsOnly("UNBLOCKED");
        }
    }

    private record Events(CountDownLatch listening, List<String> sent) implements NotifyEvents {
        public void listening(Collection<TopicPartition> partitions) {
            listening.countDown();
        }

        public void delivered(Channel channel, Message message, Deliverer.Outcome outcome) {
            sent.add(message.key());
        }

        public void deadLettered(Channel channel, Message message, Deliverer.Outcome outcome) {
            sent.add("DLQ " + message.key() + ": " + outcome.reason());
        }

        public void undecodable(String key, long offset, String reason) {
            sent.add("undecodable " + key + ": " + reason);
        }
    }
}
