package io.github.blockwatch.notify;

import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.TopicAdmin;
import io.github.blockwatch.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notify loop: a {@code read_committed} consumer group on {@code blockwatch.alerts}; each alert is routed
 * ({@link Router}), grouped per channel and dump ({@link Digests}), sent with retries ({@link Deliverer}) or,
 * failing for good, written to {@code blockwatch.notify.dlq} ({@link DeadLetters}); offsets are committed
 * only for alerts that every chosen channel took ({@link OffsetTracker}) — at least once, never lost. While
 * it waits between tries it keeps polling with its partitions paused, so a long retry does not cost it its
 * place in the group. Runs on a thread of its own until {@link #close()}.
 */
public final class Notifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final NotifyConfig config;
    private final Map<String, Channel> channels;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<RangeAlert> alertDecoder = Topics.ALERTS.valueSerde().deserializer();
    private final AppliedDumps applied;
    private final DeadLetters deadLetters;
    private final NotifyMetrics metrics;
    private final MetricsServer metricsServer;
    private final Router router;
    private final Digests digests;
    private final OffsetTracker offsets = new OffsetTracker();
    private final Deliverer deliverer;
    private final NotifyEvents events;
    private final Clock clock = Clock.systemUTC();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Throwable failure;
    private boolean paused;

    /** Where the notifier serves {@code /metrics}; null for nowhere. */
    public record MetricsEndpoint(String bind, int port) {}

    private Notifier(ClientSettings settings, NotifyConfig config, boolean fromBeginning, MetricsEndpoint endpoint,
                     NotifyEvents events) {
        this.config = config;
        this.events = events;
        this.channels = Channels.open(config);
        this.metrics = new NotifyMetrics(channels.keySet());
        this.router = new Router(config.routes(), channels.keySet());
        this.digests = new Digests(config.digest().hold());
        this.deliverer = new Deliverer(config.retry(), this::pausedWait, metrics, new Random());
        this.deadLetters = new DeadLetters(settings, new MessageText(config.dashboardUrl(), config.digest().maxLines()));
        this.applied = new AppliedDumps(settings);
        this.consumer = new KafkaConsumer<>(consumerProps(settings, config, fromBeginning), new StringDeserializer(),
                new ByteArrayDeserializer());
        metrics.bind(consumer);
        this.metricsServer = endpoint == null ? null : MetricsServer.start(endpoint.bind(), endpoint.port(), metrics::scrape);
        this.thread = new Thread(this::loop, "blockwatch-notify");
    }

    static Properties consumerProps(ClientSettings settings, NotifyConfig config, boolean fromBeginning) {
        Properties props = settings.copy();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (fromBeginning) {
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        }
        // A new group starts at the end: a notifier added today does not page people about last year.
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "blockwatch-notify");
        props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(Topics.MAX_MESSAGE_BYTES));
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return props;
    }

    /**
     * Checks the broker, creates the topics the notifier reads and writes if missing, and starts the loop.
     *
     * @param fromBeginning a group without committed offsets starts at the oldest alert (else at the newest)
     */
    public static Notifier start(ClientSettings settings, NotifyConfig config, boolean fromBeginning,
                                 MetricsEndpoint endpoint, NotifyEvents events) {
        try (TopicAdmin admin = TopicAdmin.connect(settings)) {
            admin.requireBroker();
            admin.createMissing(List.of(Topics.ALERTS, Topics.STATS, Topics.NOTIFY_DLQ), 1);
        }
        Notifier notifier = new Notifier(settings, config, fromBeginning, endpoint, events);
        notifier.thread.start();
        return notifier;
    }

    /** The port {@code /metrics} is served on, or -1. */
    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.port();
    }

    public String groupId() {
        return config.groupId();
    }

    /** Waits until the loop ends (it ends only on {@link #close()} or a failure). */
    public void awaitStop() throws InterruptedException {
        thread.join();
    }

    /** Why the loop ended on its own, or null. */
    public Throwable failure() {
        return failure;
    }

    private void loop() {
        try {
            consumer.subscribe(List.of(Topics.ALERTS.name()), new Rebalance());
            while (!stopping) {
                applied.refresh();
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                take(records);
                boolean caughtUp = records.isEmpty() || caughtUp();
                for (Digests.Group group : digests.ready(clock.instant(), caughtUp, applied::contains)) {
                    send(group);
                }
                commit();
            }
        } catch (WakeupException | InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
            if (!stopping) {
                failure = e;
            }
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("notify stopped", e);
        } finally {
            try {
                if (failure == null) {
                    commit();
                }
            } catch (RuntimeException e) {
                LOG.warn("last commit failed: {}", e.getMessage());
            }
            consumer.close();
            applied.close(); // both consumers belong to this thread
        }
    }

    private void take(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        Instant now = clock.instant();
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            NotifyAlert alert;
            try {
                alert = AlertForms.of(alertDecoder.deserialize(record.topic(), record.value()));
            } catch (RuntimeException e) {
                String reason = "not an alert this build can read: " + e.getMessage();
                deadLetters.undecodable(record.key(), partition, record.offset(), reason, record.value());
                events.undecodable(record.key(), record.offset(), reason);
                offsets.read(partition, record.offset(), 0);
                continue;
            }
            Set<String> chosen = router.channelsFor(alert);
            offsets.read(partition, record.offset(), chosen.size());
            for (String channel : chosen) {
                digests.add(channel, alert, partition, record.offset(), now);
            }
        }
    }

    /** Whether every assigned partition is read to its last committed alert (as the last fetch saw it). */
    private boolean caughtUp() {
        for (TopicPartition partition : consumer.assignment()) {
            var lag = consumer.currentLag(partition);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        return true;
    }

    private void send(Digests.Group group) throws InterruptedException {
        Channel channel = channels.get(group.channel());
        Message message = group.message();
        Deliverer.Outcome outcome = deliverer.deliver(channel, message);
        if (outcome.delivered()) {
            events.delivered(channel, message, outcome);
        } else {
            deadLetters.write(channel, message, outcome);
            events.deadLettered(channel, message, outcome);
        }
        for (Digests.Pending pending : group.pending()) {
            offsets.done(pending.partition(), pending.offset());
        }
        commit(); // a message is out: do not send it again after a crash if that can be helped
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> commit = offsets.toCommit();
        commit.keySet().retainAll(consumer.assignment());
        if (commit.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(commit);
            offsets.committed(commit);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The partitions moved to another member, which reads these alerts again: a duplicate, not a loss.
            LOG.warn("offsets not committed ({}); the partitions' new owner delivers those alerts again", e.getMessage());
        }
    }

    /** Waits between two tries while staying in the group: polls with every partition paused. */
    private void pausedWait(Duration wait) throws InterruptedException {
        Instant until = clock.instant().plus(wait);
        paused = true;
        consumer.pause(consumer.assignment());
        try {
            for (Duration left = wait; !left.isNegative() && !left.isZero(); left = Duration.between(clock.instant(), until)) {
                if (stopping) {
                    throw new InterruptedException("notify is stopping");
                }
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(left.compareTo(POLL) < 0 ? left : POLL);
                } catch (WakeupException e) {
                    throw new InterruptedException("notify is stopping");
                }
                take(records); // none: every partition is paused (new ones too, see Rebalance)
            }
        } finally {
            paused = false;
            consumer.resume(consumer.assignment());
        }
    }

    /** Commits what is done before partitions go, forgets what they held, and reports new ones. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                commit();
            } catch (KafkaException e) {
                LOG.warn("commit before rebalance failed: {}", e.getMessage());
            }
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            digests.forget(partitions);
            partitions.forEach(offsets::forget);
        }

        /**
         * Resolves where reading starts and, for a partition the group has never committed, commits that
         * position at once: else a first run that dies before its first commit would, with "latest", start
         * the next run past the alerts it never delivered.
         */
        private void startWhereResolved(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
            Map<TopicPartition, OffsetAndMetadata> start = new java.util.HashMap<>();
            for (TopicPartition partition : partitions) {
                long position = consumer.position(partition);
                if (committed.get(partition) == null) {
                    start.put(partition, new OffsetAndMetadata(position));
                }
            }
            if (!start.isEmpty()) {
                consumer.commitSync(start);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (paused) {
                consumer.pause(partitions);
            }
            startWhereResolved(partitions);
            if (!partitions.isEmpty()) {
                events.listening(new ArrayList<>(consumer.assignment()));
            }
        }
    }

    /** Stops the loop (undelivered alerts stay uncommitted, for the next run), then closes everything. */
    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        // Ctrl-C reaches the caller as an interrupt: still wait for the loop to close its consumers.
        boolean interrupted = Thread.interrupted();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (metricsServer != null) {
            metricsServer.close();
        }
        deadLetters.close();
        channels.values().forEach(Channel::close);
        metrics.close();
    }
}
