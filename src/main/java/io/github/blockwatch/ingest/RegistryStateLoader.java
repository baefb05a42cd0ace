package io.github.blockwatch.ingest;

import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.registry.SourceNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the entries and dumps topics from the beginning to their current end with
 * {@code read_committed}, so an aborted or in-flight dump is never part of the state.
 */
final class RegistryStateLoader {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryStateLoader.class);

    private RegistryStateLoader() {}

    /** The state of one source: its entries (keyed within it) and its dumps; other sources' records are skipped. */
    static RegistryState load(ClientSettings settings, String source) {
        RegistryState state = new RegistryState();
        readAll(settings, Topics.REGISTRY_ENTRIES.name(), Topics.REGISTRY_ENTRIES.valueSerde(),
                (key, entry) -> {
                    if (SourceNames.sourceOf(key).equals(source)) {
                        state.putEntry(key, entry);
                    }
                });
        readAll(settings, Topics.REGISTRY_DUMPS.name(), Topics.REGISTRY_DUMPS.valueSerde(),
                (key, dump) -> {
                    if (dump != null && SourceNames.orDefault(dump.getDump().getSourceName()).equals(source)) {
                        state.recordDump(dump);
                    }
                });
        return state;
    }

    private static <V> void readAll(ClientSettings settings, String topic, Serde<V> valueSerde,
                                    java.util.function.BiConsumer<String, V> sink) {
        Properties props = settings.copy();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "blockwatch-ingest-state-" + UUID.randomUUID());
        props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(Topics.MAX_MESSAGE_BYTES));
        Deserializer<String> keys = org.apache.kafka.common.serialization.Serdes.String().deserializer();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, keys, valueSerde.deserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!caughtUp(consumer, end)) {
                try {
                    for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                        sink.accept(record.key(), record.value());
                    }
                } catch (RecordDeserializationException e) {
                    // Not written by ingest (another producer, a damaged copy): it is no part of the state, and
                    // must not stop every later ingest. 'run' sends such records to blockwatch.dlq.
                    LOG.warn("{}@{}: undecodable record skipped while reading the registry state: {}",
                            e.topicPartition(), e.offset(), e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        }
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
