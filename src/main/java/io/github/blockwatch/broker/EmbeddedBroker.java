package io.github.blockwatch.broker;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A single-node Kafka 4.4 broker running inside this JVM: one {@link KafkaRaftServer} that is both
 * broker and controller (node id {@value #NODE_ID}), listening on 127.0.0.1 only, with the settings a
 * one-node cluster needs (replication factors and min ISR of 1, so transactions and exactly-once
 * Streams work) and messages up to {@value #MAX_MESSAGE_BYTES} bytes.
 *
 * <p>{@link #start(Path, int)} formats the data directory the first time (with a fresh cluster id,
 * which Kafka stores in {@code meta.properties}) and reuses it afterwards, so topics and committed
 * records survive a restart. The directory belongs to the broker alone: Kafka treats every
 * subdirectory as a partition and refuses to start on one it cannot parse.
 *
 * <p><b>Fatal errors stop the JVM.</b> When the broker meets an unrecoverable error (a full disk, an
 * {@code OutOfMemoryError} in a request thread, a corrupt metadata log) its fault handler calls
 * {@code org.apache.kafka.common.utils.Exit.halt}, which ends the whole process without running
 * shutdown hooks — there is no exception to catch here. That is acceptable for {@code blockwatch
 * broker}, which exists to run the broker, and it ends a test JVM loudly rather than silently.
 *
 * <p>Close every client and Streams instance before {@link #close()}; a broker left running keeps
 * non-daemon threads alive, so close it in {@code finally} or try-with-resources.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** The node id of the single broker/controller. */
    public static final int NODE_ID = 1;

    /**
     * The largest record batch the broker accepts ({@code message.max.bytes}); a registry row can be
     * 4 MB, and producers set {@code max.request.size} to match.
     */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedBroker(KafkaRaftServer server, Path dataDir, int port) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Starts a broker on {@code dataDir}, formatting it first if it holds no Kafka storage yet, and
     * returns once the broker answers clients.
     *
     * @param dataDir the broker's own directory (created if missing); reused across restarts
     * @param port the client port on 127.0.0.1, or 0 for any free port
     * @throws IOException if the port is taken, the directory cannot be used, or the broker does not
     *     become ready within 30 s
     */
    public static EmbeddedBroker start(Path dataDir, int port) throws IOException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Path dir = dataDir.toAbsolutePath();
        int brokerPort = port == 0 ? freePort() : requireFree(port);
        // The controller port is fixed in the static voter list before start, so it is picked here.
        int controllerPort = freePort();
        // The OS may hand the port it just freed out again: two listeners on one port fail the start.
        while (controllerPort == brokerPort) {
            controllerPort = freePort();
        }
        Files.createDirectories(dir);
        KafkaConfig config = KafkaConfig.fromProps(brokerConfig(dir, brokerPort, controllerPort), false);
        if (!isFormatted(dir)) {
            format(config);
        }
        EmbeddedBroker broker;
        try {
            broker = new EmbeddedBroker(new KafkaRaftServer(config, Time.SYSTEM), dir, brokerPort);
        } catch (RuntimeException e) {
            throw new IOException("cannot open Kafka storage in " + dir + ": " + e.getMessage(), e);
        }
        try {
            broker.server.startup();
            broker.awaitReady();
            return broker;
        } catch (IOException | RuntimeException e) {
            broker.close();
            if (hasCause(e, BindException.class)) {
                throw portInUse(brokerPort, e);
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException("the embedded Kafka broker failed to start: " + e.getMessage(), e);
        }
    }

    /** A port on 127.0.0.1 that was free a moment ago (another process may still take it). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    /** The address clients connect to, e.g. {@code localhost:9092}. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** The client port. */
    public int port() {
        return port;
    }

    /** The directory holding the broker's logs and metadata. */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker and waits until its threads are gone. Calling it again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.shutdown();
            server.awaitShutdown();
        }
    }

    /**
     * The broker settings. Kafka's defaults assume three brokers: internal topics would ask for three
     * replicas and transactions would then time out in {@code initTransactions()}.
     */
    static Properties brokerConfig(Path dataDir, int port, int controllerPort) {
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@" + LOOPBACK + ":" + controllerPort),
                Map.entry("listeners",
                        "PLAINTEXT://" + LOOPBACK + ":" + port + ",CONTROLLER://" + LOOPBACK + ":" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", dataDir.toString()),
                // One node: every replication factor and minimum ISR is 1.
                Map.entry("default.replication.factor", "1"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                // One node gains nothing from spreading coordinators over 50 partitions each; one
                // partition is quicker to create on first use and holds fewer files open.
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.num.partitions", "1"),
                Map.entry("share.coordinator.state.topic.num.partitions", "1"),
                // No other members will join: do not hold the first rebalance back for 3 s.
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // The default 128 MiB comes out of the heap of the process embedding the broker.
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024)),
                Map.entry("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES)),
                Map.entry("log.segment.bytes", String.valueOf(64 * 1024 * 1024)),
                // blockwatch creates its topics with explicit settings; a typo must not create one.
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "1")));
        return props;
    }

    private static boolean isFormatted(Path dir) {
        return Files.exists(dir.resolve("meta.properties"));
    }

    private static void format(KafkaConfig config) throws IOException {
        format(config, Uuid.randomUuid().toString());
    }

    /** Formats one node's storage; the nodes of one cluster share {@code clusterId}. */
    static void format(KafkaConfig config, String clusterId) throws IOException {
        // What `kafka-storage.sh format --ignore-formatted` does for a combined node with static voters.
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
                .setNodeId(config.nodeId())
                .setClusterId(clusterId)
                .setWriteBootstrapSnapshot(true)
                .setIgnoreFormatted(true)
                .setHasDynamicQuorum(false)
                .setUnstableFeatureVersionsEnabled(false)
                .setControllerListenerName(config.controllerListenerNames().get(0))
                .setMetadataLogDirectory(config.metadataLogDir());
        config.logDirs().forEach(formatter::addDirectory);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IOException("cannot format Kafka storage in " + config.metadataLogDir() + ": "
                    + e.getMessage(), e);
        }
    }

    private void awaitReady() throws IOException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            Collection<Node> nodes = admin.describeCluster().nodes()
                    .get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (nodes.isEmpty()) {
                throw new IOException("the embedded Kafka broker reports no live nodes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the embedded Kafka broker");
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the embedded Kafka broker did not become ready within "
                    + READY_TIMEOUT.toSeconds() + " s", e);
        }
    }

    private static int requireFree(int port) throws IOException {
        // Kafka would fail on the same bind, but only after formatting storage and starting threads.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return port;
        } catch (BindException e) {
            throw portInUse(port, e);
        }
    }

    private static IOException portInUse(int port, Exception cause) {
        return new IOException("port " + port + " is already in use; pass --port", cause);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
