package io.github.blockwatch.kafka;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Test-side readers of blockwatch topics, written against the plain Kafka clients so that what a test
 * asserts does not depend on the production readers it checks.
 */
public final class CommittedRecords {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private CommittedRecords() {}

    /** Every committed record of {@code topic}, from the beginning to its current end ({@code read_committed}). */
    public static <K, V> List<ConsumerRecord<K, V>> readAll(String bootstrap, Topic<K, V> topic) {
        return read(bootstrap, topic, "read_committed");
    }

    /** Every record of {@code topic}, aborted and in-flight transactions included ({@code read_uncommitted}). */
    public static <K, V> List<ConsumerRecord<K, V>> readUncommitted(String bootstrap, Topic<K, V> topic) {
        return read(bootstrap, topic, "read_uncommitted");
    }

    /** A compacted topic as a table: the last value per key, keys whose last value is a tombstone left out. */
    public static <K, V> Map<K, V> readTable(String bootstrap, Topic<K, V> topic) {
        Map<K, V> table = new LinkedHashMap<>();
        for (ConsumerRecord<K, V> record : readAll(bootstrap, topic)) {
            if (record.value() == null) {
                table.remove(record.key());
            } else {
                table.put(record.key(), record.value());
            }
        }
        return table;
    }

    /**
     * The log end offset of every partition of {@code topics}, transaction markers included: any write at
     * all, committed, aborted or just a marker, moves it.
     */
    public static Map<TopicPartition, Long> endOffsets(String bootstrap, Collection<Topic<?, ?>> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> names = topics.stream().map(Topic::name).toList();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(names).allTopicNames().get().values().forEach(description ->
                    description.partitions().forEach(p ->
                            request.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest())));
            return admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get()
                    .entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list end offsets at " + bootstrap, e.getCause());
        }
    }

    private static <K, V> List<ConsumerRecord<K, V>> read(String bootstrap, Topic<K, V> topic, String isolation) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "it-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(Topics.MAX_MESSAGE_BYTES));
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(info -> new TopicPartition(topic.name(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // With read_committed the end offsets are the last stable offsets: an open transaction ends the read.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return records;
    }
}
