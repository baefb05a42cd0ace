package io.github.blockwatch.notify;

import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topics;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Which dumps the blocked table has fully applied: the keys (dump ids) of {@code blockwatch.stats}, read
 * committed, from the beginning, without a consumer group. The Streams task that raises a dump's range
 * alerts writes its stats record after them, so once a dump is here and the notifier has read
 * {@code blockwatch.alerts} to its end, it has every range alert of that dump. Values are not decoded.
 */
final class AppliedDumps implements AutoCloseable {
    /** Enough for years of hourly dumps; older ids are forgotten first (their alerts are long sent). */
    private static final int REMEMBERED = 200_000;

    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<String> applied = new LinkedHashSet<>();

    AppliedDumps(ClientSettings settings) {
        Properties props = settings.copy();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "blockwatch-notify-stats-" + UUID.randomUUID());
        props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(Topics.MAX_MESSAGE_BYTES));
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.STATS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Takes in whatever stats records have arrived, without waiting. */
    void refresh() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ZERO)) {
            if (record.key() != null) {
                applied.add(record.key());
            }
        }
        while (applied.size() > REMEMBERED) {
            applied.remove(applied.iterator().next());
        }
    }

    boolean contains(String dumpId) {
        return applied.contains(dumpId);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
