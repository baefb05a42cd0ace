package io.github.blockwatch.app;

import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topic;
import io.github.blockwatch.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one topic with {@code read_committed} (only what the topology committed) without a consumer
 * group: from the beginning or the end, up to its current end, or on and on.
 */
public final class TopicFollower<K, V> implements AutoCloseable {
    private final KafkaConsumer<K, V> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private volatile boolean stopped;

    public TopicFollower(ClientSettings settings, Topic<K, V> topic, boolean fromBeginning) {
        Properties props = settings.copy();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "blockwatch-follow-" + UUID.randomUUID());
        props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(Topics.MAX_MESSAGE_BYTES));
        this.consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        for (PartitionInfo info : consumer.partitionsFor(topic.name())) {
            partitions.add(new TopicPartition(topic.name(), info.partition()));
        }
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position); // resolve the lazy seek now, not at the first poll
    }

    /** Hands every record up to the topic's current end to {@code sink}, then returns. */
    public void readToEnd(BiConsumer<K, V> sink) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (!stopped && !caughtUp(end)) {
            poll(sink);
        }
    }

    /** Hands records to {@code sink} until {@link #stop()} is called (from another thread). */
    public void follow(BiConsumer<K, V> sink) {
        while (!stopped) {
            poll(sink);
        }
    }

    public void stop() {
        stopped = true;
        consumer.wakeup();
    }

    private void poll(BiConsumer<K, V> sink) {
        try {
            for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
                sink.accept(record.key(), record.value());
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            if (!stopped) {
                throw e;
            }
        }
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
