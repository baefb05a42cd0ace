package io.github.blockwatch.notify;

import io.github.blockwatch.alerts.AlertJsonSchema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.Severity;
import io.github.blockwatch.broker.BrokerWithTopics;
import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.kafka.CommittedRecords;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.reliability.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blockwatch notify} as a user runs it — a child JVM from the shaded jar ({@link ChildJvm}) — on a real
 * broker, delivering to a real local HTTP receiver. Alerts are published as the topology publishes them (a
 * dump's alerts over several transactions, then its stats record). Each test starts its own notifier in a
 * group of its own, waits until it listens, then publishes: it sees only its own alerts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotifyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern METRICS = Pattern.compile("metrics at (http://\\S+/metrics)");

    @TempDir
    static Path dir;

    private EmbeddedBroker broker;
    private String bootstrap;

    @BeforeAll
    void startBroker() throws IOException {
        broker = BrokerWithTopics.start(dir.resolve("broker"));
        bootstrap = broker.bootstrapServers();
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldSendADumpsFortyThreeAlertsAsOneSignedMessage() throws Exception {
        try (Receiver receiver = Receiver.accepting("");
             ChildJvm notify = startNotify("digest", config("digest", receiver.url("/hook"), ""))) {
            String dump = "2018-05-05T13:25:00Z/" + UUID.randomUUID().toString().substring(0, 12);
            List<RangeAlert> alerts = IntStream.range(0, 43).mapToObj(n -> alert(dump, n, Severity.HIGH)).toList();

            publish(dump, alerts, 4); // as Streams commits while it applies the dump

            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() >= 1);
            // A second message would come at once: none may.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> receiver.requests().size() == 1);
            Receiver.Request request = receiver.requests().get(0);
            JsonNode body = JSON.readTree(request.body());
            AlertJsonSchema.assertAllValid(body.get("alerts"));
            assertThat(body.get("count").asInt()).isEqualTo(43);
            assertThat(body.get("alerts")).extracting(a -> a.get("id").asText())
                    .containsExactlyElementsOf(alerts.stream().map(RangeAlert::getId).toList());
            assertThat(request.header("Idempotency-Key")).isEqualTo(Message.keyOf(alerts.stream().map(AlertForms::of).toList()));
            assertThat(request.header("X-Blockwatch-Signature"))
                    .isEqualTo("sha256=" + WebhookChannel.hmacSha256(new Secret("it-secret", "test"), request.body()));
            assertThat(body.get("text").asText()).startsWith("blockwatch: 43 alerts (43 LARGE_RANGE) up to HIGH, dump of 2018-05-05T13:25:00Z\n")
                    .endsWith("\n… and 33 more");

            String metrics = metrics(notify);
            assertThat(metrics).contains("blockwatch_notify_delivered_total{channel=\"ops\"} 1.0",
                    "blockwatch_notify_alerts_delivered_total{channel=\"ops\"} 43.0",
                    "blockwatch_notify_failed_total{channel=\"ops\"} 0.0");
            assertThat(notify.outLines()).anyMatch(line -> line.equals("SENT ops " + request.header("Idempotency-Key") + " 43 alerts (1 try)"));
        }
    }

    @Test
    void shouldHonourRetryAfterAndDeliverAfterThreeServerErrors() throws Exception {
        try (Receiver receiver = Receiver.start(n -> switch (n) {
                case 0 -> new Receiver.Answer(429, Map.of("Retry-After", "2"), "slow down");
                case 1, 2, 3 -> Receiver.Answer.of(500, "oops");
                default -> Receiver.Answer.of(200, "");
             });
             ChildJvm notify = startNotify("retry", config("retry", receiver.url("/hook"), ""))) {
            String dump = "2018-05-05T13:25:00Z/" + UUID.randomUUID().toString().substring(0, 12);
            RangeAlert alert = alert(dump, 1, Severity.CRITICAL);

            publish(dump, List.of(alert), 1);

            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() >= 5);
            List<Receiver.Request> requests = receiver.requests();
            assertThat(requests).hasSize(5).extracting(r -> r.header("Idempotency-Key")).containsOnly(alert.getId());
            assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1950));
            await().atMost(Duration.ofSeconds(10)).until(() -> metrics(notify).contains("blockwatch_notify_delivered_total{channel=\"ops\"} 1.0"));
            assertThat(metrics(notify)).contains("blockwatch_notify_retried_total{channel=\"ops\"} 4.0");
            assertThat(notify.outLines()).contains("SENT ops " + alert.getId() + " 1 alert (5 tries)");
        }
    }

    @Test
    void shouldDeadLetterWhatIsRefusedForGoodAndGoOn() throws Exception {
        String refusedDump = "2018-05-05T13:25:00Z/" + UUID.randomUUID().toString().substring(0, 12);
        try (Receiver receiver = Receiver.byRequest(r -> r.text().contains(refusedDump)
                     ? Receiver.Answer.of(400, "{\"error\":\"schema\"}") : Receiver.Answer.of(200, ""));
             ChildJvm notify = startNotify("dlq", config("dlq", receiver.url("/hook"), ""))) {
            RangeAlert refused = alert(refusedDump, 1, Severity.MEDIUM);
            String laterDump = "2020-01-26T01:24:00Z/" + UUID.randomUUID().toString().substring(0, 12);
            RangeAlert later = alert(laterDump, 2, Severity.MEDIUM);

            publish(refusedDump, List.of(refused), 1);
            publish(laterDump, List.of(later), 1);

            await().atMost(Duration.ofSeconds(60)).until(() -> notify.outLines().contains("SENT ops " + later.getId() + " 1 alert (1 try)"));
            List<ConsumerRecord<String, String>> dead = CommittedRecords.readAll(bootstrap, Topics.NOTIFY_DLQ).stream()
                    .filter(r -> r.key().equals(refused.getId())).toList();
            assertThat(dead).hasSize(1);
            JsonNode letter = JSON.readTree(dead.get(0).value());
            assertThat(letter.get("alertId").asText()).isEqualTo(refused.getId());
            assertThat(letter.get("channel").asText()).isEqualTo("ops");
            assertThat(letter.get("channelType").asText()).isEqualTo("webhook");
            assertThat(letter.get("reason").asText()).isEqualTo("HTTP 400: {\"error\":\"schema\"}");
            assertThat(letter.get("attempts").asInt()).isEqualTo(1);
            assertThat(letter.get("message").asText()).startsWith("blockwatch MEDIUM LARGE_RANGE\n• 10.1.0.0/16 newly blocked");
            assertThat(letter.get("alert").get("id").asText()).isEqualTo(refused.getId());
            assertThat(metrics(notify)).contains("blockwatch_notify_failed_total{channel=\"ops\"} 1.0");
            assertThat(notify.process().isAlive()).isTrue();
        }
    }

    @Test
    void shouldDeliverEveryAlertAtLeastOnceWhenKilledInTheMiddleOfADigest() throws Exception {
        CountDownLatch killed = new CountDownLatch(1);
        try (Receiver receiver = Receiver.start(n -> {
            if (n == 0) { // the digest is in flight when the notifier dies
                try {
                    killed.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Receiver.Answer.of(200, "");
        })) {
            Path yaml = config("kill", receiver.url("/hook"), "");
            String dump = "2018-05-05T13:25:00Z/" + UUID.randomUUID().toString().substring(0, 12);
            List<RangeAlert> alerts = IntStream.range(0, 20).mapToObj(n -> alert(dump, n, Severity.LOW)).toList();
            try (ChildJvm first = startNotify("kill-1", yaml)) {
                publish(dump, alerts, 3);
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() >= 1);
                first.kill(); // SIGKILL: no shutdown hook, no commit
            }
            killed.countDown();
            try (ChildJvm second = startNotify("kill-2", yaml)) {
                assertThat(second.process().isAlive()).isTrue();
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.requests().size() >= 2);
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> receiver.requests().size() == 2);
            }

            Map<String, Set<String>> keysByAlert = new HashMap<>();
            for (Receiver.Request request : receiver.requests()) {
                for (JsonNode alert : AlertJsonSchema.assertAllValid(JSON.readTree(request.body()).get("alerts"))) {
                    keysByAlert.computeIfAbsent(alert.get("id").asText(), id -> new HashSet<>()).add(request.header("Idempotency-Key"));
                }
            }
            assertThat(keysByAlert.keySet()).as("every alert delivered at least once")
                    .containsExactlyInAnyOrderElementsOf(alerts.stream().map(RangeAlert::getId).toList());
            assertThat(receiver.requests()).as("the digest was sent again after the kill").hasSize(2);
            assertThat(keysByAlert.values()).as("a duplicate carries the same idempotency key").allMatch(keys -> keys.size() == 1);
        }
    }

    private static RangeAlert alert(String dump, int n, Severity severity) {
        return TestAlerts.alert(AlertType.LARGE_RANGE.name() + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16),
                AlertType.LARGE_RANGE, severity, dump, "10." + n + ".0.0/16", 65_536, "Amazon", 16509L, Map.of());
    }

    /** The minimal config of issue 16 with this receiver's URL, quick retries and its own group. */
    private static Path config(String name, String url, String extra) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Files.writeString(home.resolve("hook.secret"), "it-secret\n");
        return Files.writeString(home.resolve("notify.yaml"), """
                retry: {backoff: 100ms, max-backoff: 500ms}
                channels:
                  ops: {type: webhook, url: "%s", secret-file: hook.secret}
                routes:
                  - {types: [LARGE_RANGE, UNBLOCKED, WATCHED_BLOCKED, WATCHED_UNBLOCKED], min-severity: LOW, channels: [ops]}
                %s""".formatted(url, extra));
    }

    private ChildJvm startNotify(String name, Path yaml) throws IOException {
        // The group notices a killed member after session.timeout.ms: the broker's least, not the default 45 s.
        Path client = Files.writeString(yaml.resolveSibling("client.properties"), "session.timeout.ms=6000\nheartbeat.interval.ms=1000\n");
        ChildJvm notify = ChildJvm.start(dir.resolve("logs"), name, "256m", "notify", "--config", yaml.toString(),
                "--bootstrap", bootstrap, "--kafka-config", client.toString(), "--group", "notify-it-" + yaml.getParent().getFileName(),
                "--http-port", "0");
        notify.awaitOutLine(Duration.ofSeconds(60), line -> line.startsWith("listening on blockwatch.alerts-0"));
        return notify;
    }

    /** The dump's alerts over {@code transactions} transactions, then its stats record (what marks it applied). */
    private void publish(String dump, List<RangeAlert> alerts, int transactions) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "notify-it-" + UUID.randomUUID());
        try (KafkaProducer<String, RangeAlert> producer = new KafkaProducer<>(props, new StringSerializer(),
                Topics.ALERTS.valueSerde().serializer());
             KafkaProducer<String, byte[]> stats = new KafkaProducer<>(props(bootstrap), new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            int per = (alerts.size() + transactions - 1) / transactions;
            for (int from = 0; from < alerts.size(); from += per) {
                producer.beginTransaction();
                for (RangeAlert alert : alerts.subList(from, Math.min(alerts.size(), from + per))) {
                    producer.send(new ProducerRecord<>(Topics.ALERTS.name(), alert.getId(), alert));
                }
                producer.commitTransaction();
            }
            stats.initTransactions();
            stats.beginTransaction();
            stats.send(new ProducerRecord<>(Topics.STATS.name(), dump, new byte[0])); // the notifier reads only the key
            stats.commitTransaction();
        }
    }

    private static Properties props(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "notify-it-stats-" + UUID.randomUUID());
        return props;
    }

    private static String metrics(ChildJvm notify) throws Exception {
        Matcher m = METRICS.matcher(notify.out());
        assertThat(m.find()).as("metrics address in: %s", notify.out()).isTrue();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(1))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
