package io.github.blockwatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.github.blockwatch.reliability.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a real embedded broker: transactions, large records, restart on the same data, port clashes. */
class EmbeddedBrokerIT {
    private static final String TOPIC = "blockwatch-it";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /**
     * The other tests start the broker from the test classpath; a user starts it from the shaded jar, whose
     * runtime dependencies a pom change can lose while every test still passes (a test-scoped declaration
     * of HdrHistogram once took Kafka's broker's copy out of the jar, and only the demo showed it).
     */
    @Test
    void shouldStartFromTheShadedJarAsAUserRunsIt() throws Exception {
        try (ChildJvm child = ChildJvm.start(dataDir.resolve("logs"), "broker", "512m",
                "broker", "--data-dir", dataDir.resolve("jar-broker").toString(), "--port", "0")) {
            String ready = child.awaitOutLine(Duration.ofMinutes(2), line -> line.startsWith("blockwatch broker: listening on"));
            assertThat(ready).contains("localhost:");
        }
    }

    @Test
    void shouldKeepCommittedRecordsAcrossRestartAndHideAbortedOnes() throws Exception {
        Set<Thread> threadsBefore = nonDaemonThreads();
        broker = EmbeddedBroker.start(dataDir, 0);
        int port = broker.port();
        assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + port);
        assertThat(broker.dataDir()).isEqualTo(dataDir.toAbsolutePath());

        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = transactionalProducer("it-tx")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "k1", "committed-1"));
            producer.send(new ProducerRecord<>(TOPIC, "k2", "committed-2"));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "k3", "aborted"));
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPIC, "k4", "committed-3"));
            producer.commitTransaction();
        }
        List<String> expected = List.of("committed-1", "committed-2", "committed-3");
        assertThat(readCommitted(expected.size())).containsExactlyElementsOf(expected);

        broker.close();
        broker.close(); // idempotent
        await().atMost(TIMEOUT).pollInSameThread()
                .untilAsserted(() -> assertThat(nonDaemonThreads()).isSubsetOf(threadsBefore));

        // Same data directory and port, as `blockwatch broker` does on its next run.
        broker = EmbeddedBroker.start(dataDir, port);
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get()).contains(TOPIC);
        }
        assertThat(readCommitted(expected.size())).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldAcceptAFourMegabyteRecord() throws Exception {
        broker = EmbeddedBroker.start(dataDir, 0);
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        byte[] value = new byte[4 * 1024 * 1024];
        Arrays.fill(value, (byte) 'x');
        Properties props = clientProps();
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, EmbeddedBroker.MAX_MESSAGE_BYTES);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, value)).get();
        }

        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(consumerProps(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            List<byte[]> values = new ArrayList<>();
            await().atMost(TIMEOUT).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return !values.isEmpty();
            });
            assertThat(values).hasSize(1);
            assertThat(values.get(0)).isEqualTo(value);
        }
    }

    @Test
    void shouldRefuseAPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> broker = EmbeddedBroker.start(dataDir, port))
                    .isInstanceOf(IOException.class)
                    .hasMessage("port " + port + " is already in use; pass --port");
        }
    }

    private List<String> readCommitted(int count) {
        Properties props = consumerProps();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            List<String> values = new ArrayList<>();
            // Poll until the expected records arrive, then once more: an aborted record would show
            // up as an extra value. The consumer is not thread-safe, hence pollInSameThread.
            await().atMost(TIMEOUT).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return values.size() >= count;
            });
            consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
            return values;
        }
    }

    private KafkaProducer<String, String> transactionalProducer(String transactionalId) {
        Properties props = clientProps();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private Properties consumerProps() {
        Properties props = clientProps();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    private Properties clientProps() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return props;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.isDaemon() && t.isAlive())
                .collect(Collectors.toSet());
    }
}
