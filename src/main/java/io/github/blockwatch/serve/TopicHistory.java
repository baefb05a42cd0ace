package io.github.blockwatch.serve;

import io.github.blockwatch.app.TopicFollower;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A committed topic read from the beginning and followed in a background thread: its values kept in
 * memory (alerts and stats are a few records per dump) or only counted, and handed to listeners as they
 * arrive.
 */
final class TopicHistory<V> implements AutoCloseable {
    private final TopicFollower<String, V> follower;
    private final Thread thread;
    private final boolean keep;
    private final List<V> values = new ArrayList<>();
    private final AtomicLong count = new AtomicLong();
    private final List<Consumer<V>> listeners = new CopyOnWriteArrayList<>();

    private TopicHistory(ClientSettings clients, Topic<String, V> topic, boolean keep) {
        this.keep = keep;
        this.follower = new TopicFollower<>(clients, topic, true);
        this.thread = new Thread(() -> follower.follow((key, value) -> add(value)), "blockwatch-serve-" + topic.name());
        thread.setDaemon(true);
    }

    /** Keeps every value of {@code topic}. */
    static <V> TopicHistory<V> keeping(ClientSettings clients, Topic<String, V> topic) {
        return new TopicHistory<>(clients, topic, true);
    }

    /** Only counts the records of {@code topic}. */
    static <V> TopicHistory<V> counting(ClientSettings clients, Topic<String, V> topic) {
        return new TopicHistory<>(clients, topic, false);
    }

    TopicHistory<V> start() {
        thread.start();
        return this;
    }

    private void add(V value) {
        if (value == null) {
            return;
        }
        if (keep) {
            synchronized (values) {
                values.add(value);
            }
        }
        count.incrementAndGet();
        listeners.forEach(l -> l.accept(value));
    }

    /** The values so far, oldest first. */
    List<V> values() {
        synchronized (values) {
            return List.copyOf(values);
        }
    }

    long count() {
        return count.get();
    }

    void onValue(Consumer<V> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<V> listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        follower.stop();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        follower.close();
    }
}
