package io.github.blockwatch.broker;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * Several in-process KRaft nodes forming one cluster, for tests: each node is broker and controller
 * ({@link EmbeddedBroker}'s settings), the controllers a static quorum of all nodes. With three nodes the
 * cluster replicates as production does: replication factor 3 and {@code min.insync.replicas} 2 by
 * default, also for the offsets and transaction topics.
 *
 * <p>Clients connect to {@link #bootstrapServers()}. A secured cluster ({@link #startSaslSsl}) has its client
 * listener on SASL_SSL and keeps a PLAINTEXT listener for the brokers themselves and for the test's own
 * setup ({@link #internalBootstrap()}).
 */
public final class KraftCluster implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final List<KafkaRaftServer> servers;
    private final List<Integer> clientPorts;
    private final List<Integer> internalPorts;

    private KraftCluster(List<KafkaRaftServer> servers, List<Integer> clientPorts, List<Integer> internalPorts) {
        this.servers = servers;
        this.clientPorts = clientPorts;
        this.internalPorts = internalPorts;
    }

    /** {@code nodes} plaintext nodes under {@code dir}; returns once every broker is registered. */
    public static KraftCluster start(Path dir, int nodes) throws IOException {
        return start(dir, nodes, i -> Map.of(), false);
    }

    /**
     * One node whose client listener is SASL_SSL with SCRAM-SHA-512, its certificate from {@code keystore}
     * (PKCS12), and Kafka's ACL authorizer: a resource without ACLs is open to everyone, one with ACLs only
     * to whom they allow; the PLAINTEXT listeners' principal ({@code User:ANONYMOUS}: the node itself and
     * the test's setup) is a super user. Users are added with {@code Admin.alterUserScramCredentials}, ACLs
     * with {@code Admin.createAcls}, both over {@link #internalBootstrap()}.
     */
    public static KraftCluster startSaslSsl(Path dir, Path keystore, String keystorePassword) throws IOException {
        Map<String, String> tls = Map.of(
                "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found", "true",
                "super.users", "User:ANONYMOUS",
                "sasl.enabled.mechanisms", "SCRAM-SHA-512",
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "listener.name.sasl_ssl.ssl.keystore.location", keystore.toAbsolutePath().toString(),
                "listener.name.sasl_ssl.ssl.keystore.password", keystorePassword,
                "listener.name.sasl_ssl.ssl.keystore.type", "PKCS12");
        return start(dir, 1, i -> tls, true);
    }

    private static KraftCluster start(Path dir, int nodes, IntFunction<Map<String, String>> extra, boolean saslSsl)
            throws IOException {
        List<Integer> clientPorts = new ArrayList<>();
        List<Integer> internalPorts = new ArrayList<>();
        List<Integer> controllerPorts = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            clientPorts.add(EmbeddedBroker.freePort());
            internalPorts.add(saslSsl ? EmbeddedBroker.freePort() : clientPorts.get(i));
            controllerPorts.add(EmbeddedBroker.freePort());
        }
        String voters = java.util.stream.IntStream.range(0, nodes)
                .mapToObj(i -> (i + 1) + "@" + LOOPBACK + ":" + controllerPorts.get(i))
                .collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        int replicas = Math.min(3, nodes);
        String minIsr = String.valueOf(replicas >= 3 ? 2 : 1);
        List<KafkaRaftServer> servers = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            Path nodeDir = dir.resolve("node-" + (i + 1)).toAbsolutePath();
            Files.createDirectories(nodeDir);
            Properties props = EmbeddedBroker.brokerConfig(nodeDir, clientPorts.get(i), controllerPorts.get(i));
            props.put("node.id", String.valueOf(i + 1));
            props.put("controller.quorum.voters", voters);
            props.put("default.replication.factor", String.valueOf(replicas));
            props.put("min.insync.replicas", minIsr);
            props.put("offsets.topic.replication.factor", String.valueOf(replicas));
            props.put("transaction.state.log.replication.factor", String.valueOf(replicas));
            props.put("transaction.state.log.min.isr", minIsr);
            props.put("share.coordinator.state.topic.replication.factor", String.valueOf(replicas));
            props.put("share.coordinator.state.topic.min.isr", minIsr);
            props.put("replica.fetch.max.bytes", String.valueOf(EmbeddedBroker.MAX_MESSAGE_BYTES));
            if (saslSsl) {
                props.put("listeners", "SASL_SSL://" + LOOPBACK + ":" + clientPorts.get(i) + ",INTERNAL://" + LOOPBACK
                        + ":" + internalPorts.get(i) + ",CONTROLLER://" + LOOPBACK + ":" + controllerPorts.get(i));
                props.put("advertised.listeners", "SASL_SSL://localhost:" + clientPorts.get(i)
                        + ",INTERNAL://localhost:" + internalPorts.get(i));
                props.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
                props.put("inter.broker.listener.name", "INTERNAL");
            }
            props.putAll(extra.apply(i));
            KafkaConfig config = KafkaConfig.fromProps(props, false);
            EmbeddedBroker.format(config, clusterId);
            servers.add(new KafkaRaftServer(config, Time.SYSTEM));
        }
        KraftCluster cluster = new KraftCluster(servers, clientPorts, internalPorts);
        try {
            // Together: a node's startup waits for a controller quorum, which needs most of the others.
            cluster.onEveryNode(KafkaRaftServer::startup);
            cluster.awaitBrokers(nodes);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw new IOException("the KRaft cluster did not start: " + e.getMessage(), e);
        }
    }

    /** Runs {@code action} on every node at the same time, each in its own thread (not the common pool: 2 cores). */
    private void onEveryNode(java.util.function.Consumer<KafkaRaftServer> action) {
        ExecutorService threads = Executors.newFixedThreadPool(servers.size());
        try {
            CompletableFuture.allOf(servers.stream()
                            .map(server -> CompletableFuture.runAsync(() -> action.accept(server), threads))
                            .toArray(CompletableFuture[]::new))
                    .orTimeout(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .join();
        } finally {
            threads.shutdown();
        }
    }

    private void awaitBrokers(int nodes) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, internalBootstrap()))) {
            await().atMost(START_TIMEOUT).ignoreExceptions().pollInterval(Duration.ofMillis(200))
                    .until(() -> admin.describeCluster().nodes().get().size() == nodes);
        }
    }

    /** Where clients connect: every node's client listener. */
    public String bootstrapServers() {
        return clientPorts.stream().map(p -> "localhost:" + p).collect(Collectors.joining(","));
    }

    /** The PLAINTEXT listeners (the same as {@link #bootstrapServers()} on a plaintext cluster). */
    public String internalBootstrap() {
        return internalPorts.stream().map(p -> "localhost:" + p).collect(Collectors.joining(","));
    }

    /** Stops every node together (a node alone would wait for a controller quorum that is going away). */
    @Override
    public void close() {
        onEveryNode(server -> {
            server.shutdown();
            server.awaitShutdown();
        });
    }
}
