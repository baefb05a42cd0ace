package io.github.blockwatch.notify;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of {@code blockwatch.alerts} may be committed: an alert is done when every channel its
 * routes chose has accepted it or its dead letter is written. The committable offset of a partition is
 * its first alert not done (or the next to read), so a restart reads again every alert not yet done —
 * at least once, never lost — while alerts done out of order (one channel's digest sent before another's)
 * wait for the ones before them.
 */
final class OffsetTracker {
    /** Per partition: offset → deliveries still owed. */
    private final Map<TopicPartition, TreeMap<Long, Integer>> owed = new HashMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    /** An alert read at {@code offset} that {@code deliveries} channels are to take (0: none). */
    void read(TopicPartition partition, long offset, int deliveries) {
        next.put(partition, offset + 1);
        if (deliveries > 0) {
            owed.computeIfAbsent(partition, p -> new TreeMap<>()).put(offset, deliveries);
        }
    }

    /** One channel took the alert at {@code offset} (or its dead letter is written). */
    void done(TopicPartition partition, long offset) {
        TreeMap<Long, Integer> pending = owed.get(partition);
        if (pending == null) {
            return; // the partition was revoked meanwhile
        }
        pending.computeIfPresent(offset, (o, left) -> left > 1 ? left - 1 : null);
    }

    /** Offsets to commit now: those that moved since the last commit. */
    Map<TopicPartition, OffsetAndMetadata> toCommit() {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        next.forEach((partition, nextOffset) -> {
            TreeMap<Long, Integer> pending = owed.get(partition);
            long upTo = pending == null || pending.isEmpty() ? nextOffset : pending.firstKey();
            if (upTo > committed.getOrDefault(partition, -1L)) {
                commit.put(partition, new OffsetAndMetadata(upTo));
            }
        });
        return commit;
    }

    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
    }

    /** Forgets a partition another consumer of the group now owns. */
    void forget(TopicPartition partition) {
        owed.remove(partition);
        next.remove(partition);
        committed.remove(partition);
    }
}
