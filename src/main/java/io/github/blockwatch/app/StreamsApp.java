package io.github.blockwatch.app;

import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.TopicAdmin;
import io.github.blockwatch.kafka.TopicPlan;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.topology.AlertRules;
import io.github.blockwatch.topology.BlockwatchTopology;
import io.github.blockwatch.topology.DeltaRoute;
import io.github.blockwatch.topology.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * The running Streams application: topics checked, topology built, {@link KafkaStreams} started, and a
 * fatal error kept as a one-line message instead of a thread dying in the background.
 */
public final class StreamsApp implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamsApp.class);
    private final KafkaStreams streams;
    private final DeltaRoute deltaRoute;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private StreamsApp(KafkaStreams streams, DeltaRoute deltaRoute) {
        this.streams = streams;
        this.deltaRoute = deltaRoute;
    }

    /** Checks the broker, creates missing topics, starts the topology; returns once it is running. */
    public static StreamsApp start(ClientSettings clients, String applicationId, Path stateDir, AlertRules rules,
                                   int partitions) {
        return start(clients, applicationId, stateDir, rules, partitions, null);
    }

    /**
     * As {@link #start(ClientSettings, String, Path, AlertRules, int)}, telling the other instances where
     * this one answers queries on its state.
     *
     * @param applicationServer {@code host:port} of this instance's HTTP API, or null for none
     */
    public static StreamsApp start(ClientSettings clients, String applicationId, Path stateDir, AlertRules rules,
                                   int partitions, String applicationServer) {
        return start(clients, applicationId, stateDir, rules, TopicPlan.of(partitions), applicationServer);
    }

    /**
     * As {@link #start(ClientSettings, String, Path, AlertRules, int, String)}, creating missing topics as
     * {@code topics} says; Kafka Streams' internal topics (changelogs, repartition) get the same replication
     * factor and {@code min.insync.replicas}, unless the client settings set Streams' own.
     */
    public static StreamsApp start(ClientSettings clients, String applicationId, Path stateDir, AlertRules rules,
                                   TopicPlan topics, String applicationServer) {
        Properties config = StreamsSettings.streamsConfig(clients, applicationId, stateDir);
        String appId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG); // --config may set its own
        TopicPlan layout;
        DeltaRoute route;
        try (TopicAdmin admin = TopicAdmin.connect(clients)) {
            admin.requireBroker();
            admin.create(Topics.ALL, topics);
            layout = admin.resolve(topics);
            int eventPartitions = admin.describe(List.of(Topics.REGISTRY_EVENTS), layout, false).get(0).partitions();
            boolean leftOver = eventPartitions == 1 && LeftoverDeltas.in(clients, admin.admin(), appId);
            route = DeltaRoute.of(eventPartitions, leftOver);
            if (leftOver) {
                LOG.info("{} holds deltas an earlier run did not apply: the table reads them through it this time, "
                        + "and takes deltas straight from the next start on", DeltaRoute.repartitionTopic(appId));
            }
        }
        layout.replicationFactor().ifPresent(r ->
                config.putIfAbsent(StreamsConfig.REPLICATION_FACTOR_CONFIG, String.valueOf(r)));
        layout.minInsyncReplicas().ifPresent(m ->
                config.putIfAbsent(StreamsConfig.topicPrefix(TopicPlan.MIN_INSYNC_REPLICAS), String.valueOf(m)));
        if (applicationServer != null) {
            config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        KafkaStreams streams = new KafkaStreams(BlockwatchTopology.build(rules, StreamsSettings.historyRetention(config), route), config);
        StreamsApp app = new StreamsApp(streams, route);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((next, previous) -> {
            if (next == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
            if (next == KafkaStreams.State.NOT_RUNNING || next == KafkaStreams.State.ERROR) {
                app.stopped.countDown();
                running.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            app.failure.compareAndSet(null, e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        try {
            running.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return app;
    }

    /** Blocks until the application stops; returns the failure that stopped it, if any. */
    public Throwable awaitStop() throws InterruptedException {
        stopped.await();
        return failure.get();
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** How this run's topology takes the deltas to the table (straight, or through the repartition topic). */
    public DeltaRoute deltaRoute() {
        return deltaRoute;
    }

    /** The error that stopped the application, or null while it runs fine. */
    public Throwable failure() {
        return failure.get();
    }

    /**
     * Stops the application and leaves the consumer group, so that the other instances take its tasks over
     * at once instead of after {@code session.timeout.ms} (45 s by default): the address table is one task,
     * and while nobody holds it the API cannot answer.
     */
    @Override
    public void close() {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
        stopped.countDown();
    }
}
