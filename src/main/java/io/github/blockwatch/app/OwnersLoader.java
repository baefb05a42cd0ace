package io.github.blockwatch.app;

import io.github.blockwatch.avro.DeadLetter;
import io.github.blockwatch.avro.Owner;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topic;
import io.github.blockwatch.kafka.TopicAdmin;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.owners.OwnerDataset;
import io.github.blockwatch.owners.OwnerFiles;
import io.github.blockwatch.owners.OwnerRange;
import io.github.blockwatch.topology.OwnerRecords;
import io.github.blockwatch.topology.StoreNames;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Publishes owner datasets to {@code blockwatch.owners}: one record per range, key = dataset + " " + range,
 * all files in one transaction. Loading is idempotent: ranges whose record is already there unchanged are
 * not published again, and a range a dataset no longer lists gets a tombstone. Rows a file could not use go
 * to {@code blockwatch.dlq} (source = dataset name). Every file is read before anything is published, so a
 * missing or unreadable file publishes nothing.
 */
public final class OwnersLoader {
    private static final String TRANSACTIONAL_ID = "blockwatch-owners";

    private OwnersLoader() {}

    /** What loading one file did. */
    public record Outcome(OwnerDataset dataset, int published, int unchanged, int removed) {
        public String summary() {
            return String.format(Locale.ROOT,
                    "%s (%s): %,d IPv4 ranges, %,d published, %,d unchanged, %,d removed, %,d rejected, %,d IPv6 skipped",
                    dataset.name(), dataset.format().label(), dataset.ranges().size(), published, unchanged, removed,
                    dataset.rejected().size(), dataset.ipv6Skipped());
        }
    }

    /** Reads every file, then publishes them; {@code hosting} marks ASN tables as hosting space. */
    public static List<Outcome> load(ClientSettings clients, List<Path> files, boolean hosting) throws IOException {
        List<OwnerDataset> datasets = new ArrayList<>();
        for (Path file : files) {
            datasets.add(OwnerFiles.read(file, hosting));
        }
        try (TopicAdmin admin = TopicAdmin.connect(clients)) {
            admin.requireBroker();
            admin.createMissing(List.of(Topics.OWNERS, Topics.DLQ), 1);
        }
        Map<String, Owner> current = currentRecords(clients);
        List<Outcome> outcomes = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(clients)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (OwnerDataset dataset : datasets) {
                outcomes.add(publish(producer, dataset, current));
            }
            producer.commitTransaction();
        }
        return outcomes;
    }

    private static Outcome publish(KafkaProducer<byte[], byte[]> producer, OwnerDataset dataset, Map<String, Owner> current) {
        Map<String, Owner> wanted = new LinkedHashMap<>();
        for (OwnerRange range : dataset.ranges()) {
            wanted.put(range.key(), OwnerRecords.toRecord(range));
        }
        int published = 0;
        int unchanged = 0;
        int removed = 0;
        for (Map.Entry<String, Owner> e : wanted.entrySet()) {
            if (e.getValue().equals(current.get(e.getKey()))) {
                unchanged++;
            } else {
                send(producer, Topics.OWNERS, e.getKey(), e.getValue());
                published++;
            }
        }
        String prefix = dataset.name() + " ";
        for (String key : current.keySet()) {
            if (key.startsWith(prefix) && !wanted.containsKey(key)) {
                send(producer, Topics.OWNERS, key, null);
                removed++;
            }
        }
        Instant now = Instant.now();
        for (OwnerDataset.Rejected row : dataset.rejected()) {
            String raw = row.raw().length() > 65_536 ? row.raw().substring(0, 65_536) : row.raw();
            send(producer, Topics.DLQ, dataset.name() + ":" + row.line(), new DeadLetter(dataset.name(), row.line(), raw,
                    (long) row.raw().length(), row.reason(), "owners:" + dataset.name(), now));
        }
        return new Outcome(dataset, published, unchanged, removed);
    }

    /**
     * Waits until the running application's global owner store holds every range of {@code outcomes}: the
     * global thread reads {@code blockwatch.owners} on its own, so a replay started right after loading could
     * otherwise apply its first dump before the owners are there.
     */
    public static void awaitApplied(KafkaStreams streams, List<Outcome> outcomes, Duration timeout) throws InterruptedException {
        List<String> keys = outcomes.stream().flatMap(o -> o.dataset().ranges().stream()).map(OwnerRange::key).toList();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                ReadOnlyKeyValueStore<String, Owner> store = streams.store(StoreQueryParameters.fromNameAndType(
                        StoreNames.OWNERS, QueryableStoreTypes.<String, Owner>keyValueStore()));
                if (store.approximateNumEntries() >= keys.size() && keys.stream().allMatch(k -> store.get(k) != null)) {
                    return;
                }
            } catch (InvalidStateStoreException notReadyYet) {
                // the application is still starting; try again
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the owner datasets did not reach the application within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    /** The live records of {@code blockwatch.owners}, key → value. */
    private static Map<String, Owner> currentRecords(ClientSettings clients) {
        Map<String, Owner> current = new HashMap<>();
        try (TopicFollower<String, Owner> owners = new TopicFollower<>(clients, Topics.OWNERS, true)) {
            owners.readToEnd((key, value) -> {
                if (value == null) {
                    current.remove(key);
                } else {
                    current.put(key, value);
                }
            });
        }
        return current;
    }

    private static KafkaProducer<byte[], byte[]> producer(ClientSettings clients) {
        Properties props = clients.copy();
        props.putIfAbsent(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID);
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static <K, V> void send(KafkaProducer<byte[], byte[]> producer, Topic<K, V> topic, K key, V value) {
        producer.send(new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(), key),
                value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value)));
    }
}
