package io.github.blockwatch.app;

import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.TopicAdmin;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.topology.AlertRules;
import io.github.blockwatch.topology.BlockwatchTopology;
import io.github.blockwatch.topology.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * The running Streams application: topics checked, topology built, {@link KafkaStreams} started, and a
 * fatal error kept as a one-line message instead of a thread dying in the background.
 */
public final class StreamsApp implements AutoCloseable {
    private final KafkaStreams streams;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private StreamsApp(KafkaStreams streams) {
        this.streams = streams;
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
        try (TopicAdmin admin = TopicAdmin.connect(clients)) {
            admin.requireBroker();
            admin.createMissing(Topics.ALL, partitions);
        }
        Properties config = StreamsSettings.streamsConfig(clients, applicationId, stateDir);
        if (applicationServer != null) {
            config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        KafkaStreams streams = new KafkaStreams(BlockwatchTopology.build(rules, StreamsSettings.historyRetention(config)), config);
        StreamsApp app = new StreamsApp(streams);
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

    /** The error that stopped the application, or null while it runs fine. */
    public Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        stopped.countDown();
    }
}
