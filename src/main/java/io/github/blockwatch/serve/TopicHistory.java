package io.github.blockwatch.serve;

import io.github.blockwatch.app.TopicFollower;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A committed topic read from the beginning and followed in a background thread: its values kept in
 * memory (alerts and stats are a few records per dump) or only counted. Readers may wait for values after
 * a position (the number of values they have seen), which is how the alert stream follows it: the follower
 * thread never waits on a reader.
 */
final class TopicHistory<V> implements AutoCloseable {
    private final TopicFollower<String, V> follower;
    private final Thread thread;
    private final boolean keep;
    private final List<V> values = new ArrayList<>();
    private final AtomicLong count = new AtomicLong();
    private boolean caughtUp; // guarded by values
    private boolean closed; // guarded by values

    private TopicHistory(ClientSettings clients, Topic<String, V> topic, boolean keep) {
        this.keep = keep;
        this.follower = new TopicFollower<>(clients, topic, true);
        this.thread = new Thread(() -> {
            follower.readToEnd((key, value) -> add(value));
            synchronized (values) {
                caughtUp = true;
                values.notifyAll();
            }
            follower.follow((key, value) -> add(value));
        }, "blockwatch-serve-" + topic.name());
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
        synchronized (values) {
            if (keep) {
                values.add(value);
            }
            count.incrementAndGet();
            values.notifyAll();
        }
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

    /**
     * Up to {@code max} values after the first {@code position}, oldest first, waiting up to {@code timeout}
     * for one to arrive; empty when none came (or the history is closed).
     */
    List<V> after(long position, int max, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (values) {
            long left;
            while (values.size() <= position && !closed && (left = deadline - System.nanoTime()) > 0) {
                values.wait(Math.max(1, left / 1_000_000));
            }
            if (values.size() <= position) {
                return List.of();
            }
            int from = Math.toIntExact(position);
            return List.copyOf(values.subList(from, Math.min(values.size(), from + max)));
        }
    }

    /**
     * The number of values once the history has read what the topic held when it started, waiting up to
     * {@code timeout}; empty if it is still catching up (or closed). Values read after this are new.
     */
    OptionalLong sizeOnceCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (values) {
            long left;
            while (!caughtUp && !closed && (left = deadline - System.nanoTime()) > 0) {
                values.wait(Math.max(1, left / 1_000_000));
            }
            return caughtUp && !closed ? OptionalLong.of(values.size()) : OptionalLong.empty();
        }
    }

    /** True once closed: waiting readers return at once. */
    boolean isClosed() {
        synchronized (values) {
            return closed;
        }
    }

    @Override
    public void close() {
        synchronized (values) {
            closed = true;
            values.notifyAll();
        }
        follower.stop();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        follower.close();
    }
}
