package io.github.blockwatch.app;

import io.github.blockwatch.avro.Watchlist;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.TopicAdmin;
import io.github.blockwatch.kafka.Topics;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * The watchlists on {@code blockwatch.watchlists} (compacted, key = name): read them all, write one, remove
 * one with a tombstone. The running application picks every change up from the topic; nothing else is told.
 */
public final class WatchlistTopic {
    private WatchlistTopic() {}

    /** Every watchlist now, by name. */
    public static TreeMap<String, Watchlist> current(ClientSettings clients) {
        ensureTopic(clients);
        TreeMap<String, Watchlist> current = new TreeMap<>();
        try (TopicFollower<String, Watchlist> topic = new TopicFollower<>(clients, Topics.WATCHLISTS, true)) {
            topic.readToEnd((name, watchlist) -> {
                if (watchlist == null) {
                    current.remove(name);
                } else {
                    current.put(name, watchlist);
                }
            });
        }
        return current;
    }

    /** Writes {@code watchlist} (a new one, or in place of the one of its name); returns the one it replaced. */
    public static Optional<Watchlist> put(ClientSettings clients, Watchlist watchlist) {
        Watchlist before = current(clients).get(watchlist.getName());
        send(clients, watchlist.getName(), watchlist);
        return Optional.ofNullable(before);
    }

    /** Removes the watchlist {@code name}; false when there is none of that name. */
    public static boolean remove(ClientSettings clients, String name) {
        if (!current(clients).containsKey(name)) {
            return false;
        }
        send(clients, name, null);
        return true;
    }

    private static void ensureTopic(ClientSettings clients) {
        try (TopicAdmin admin = TopicAdmin.connect(clients)) {
            admin.requireBroker();
            admin.createMissing(List.of(Topics.WATCHLISTS), 1);
        }
    }

    private static void send(ClientSettings clients, String name, Watchlist value) {
        Properties props = clients.copy();
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        try (KafkaProducer<String, Watchlist> producer = new KafkaProducer<>(props,
                Topics.WATCHLISTS.keySerde().serializer(), Topics.WATCHLISTS.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.WATCHLISTS.name(), name, value)).get();
        } catch (ExecutionException e) {
            throw new KafkaException("could not write watchlist " + name + " to " + Topics.WATCHLISTS.name() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while writing watchlist " + name, e);
        }
    }
}
