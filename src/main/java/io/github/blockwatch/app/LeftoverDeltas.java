package io.github.blockwatch.app;

import io.github.blockwatch.kafka.BrokerUnavailableException;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.topology.DeltaRoute;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Whether the address-deltas repartition topic still holds deltas the table has not applied: left by a run
 * whose events topic had several partitions, or by a release before 0.4 (which always routed deltas through
 * it) that stopped before applying everything it had read. A topology that skips the topic
 * ({@link DeltaRoute#DIRECT}) would never read them, so while any are left the table keeps reading it.
 */
final class LeftoverDeltas {
    private static final Duration POLL = Duration.ofMillis(200);

    private LeftoverDeltas() {}

    static boolean in(ClientSettings clients, Admin admin, String applicationId) {
        String topic = DeltaRoute.repartitionTopic(applicationId);
        try {
            if (!admin.listTopics().names().get().contains(topic)) {
                return false;
            }
            TopicPartition partition = new TopicPartition(topic, 0);
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata applied = committed.get(partition);
            return anyCommittedRecordFrom(clients, partition, applied == null ? null : applied.offset());
        } catch (ExecutionException e) {
            throw new BrokerUnavailableException("cannot check " + topic + " for deltas left by an earlier run: "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while checking " + topic);
        }
    }

    /**
     * Reads from {@code offset} (the beginning if null) to the end: offsets alone cannot tell, as an
     * exactly-once commit leaves a transaction marker after the last record the group has committed.
     */
    private static boolean anyCommittedRecordFrom(ClientSettings clients, TopicPartition partition, Long offset) {
        Properties props = clients.copy();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            if (offset == null) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset);
            }
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            // A broker lost in the middle would leave the position where it is: give up as any start does.
            long deadline = System.nanoTime() + clients.brokerTimeout().toNanos();
            while (consumer.position(partition) < end) {
                if (!consumer.poll(POLL).isEmpty()) {
                    return true;
                }
                if (System.nanoTime() > deadline) {
                    throw new BrokerUnavailableException("cannot read " + partition.topic() + " to its end within "
                            + clients.brokerTimeout().toSeconds() + " s, to check for deltas left by an earlier run");
                }
            }
            return false;
        }
    }
}
