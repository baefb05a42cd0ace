package io.github.blockwatch.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;

/**
 * Groups alerts into messages: one per channel and dump. How a digest is delimited: a dump's alerts share
 * its dump id, but they do not arrive together — ingest writes a dump's feed-health alerts in its own
 * transaction, and the Streams task raises the range alerts while it applies the dump, committing every
 * 200 ms, so a big dump's alerts span many transactions and any number of polls. A group therefore closes
 * <ol>
 *   <li>when the dump is applied ({@link AppliedDumps}: its stats record, written after its range alerts, is
 *       committed) and the notifier has read {@code blockwatch.alerts} to its end: nothing more of that dump
 *       is coming from the table; or</li>
 *   <li>{@code digest.hold} after its first alert arrived, whatever else: a dump that is never applied (held as
 *       shrunken) or a late alert still goes out, at most {@code hold} late.</li>
 * </ol>
 * An alert of a dump whose group has already gone starts a new group.
 */
final class Digests {
    /** One alert in a group, with where it was read (to mark it done once the message is sent). */
    record Pending(NotifyAlert alert, TopicPartition partition, long offset) {}

    /** The alerts of one dump for one channel. */
    record Group(String channel, String dumpId, Instant opened, List<Pending> pending) {
        Message message() {
            return Message.of(dumpId, pending.stream().map(Pending::alert).toList());
        }
    }

    private record Key(String channel, String dumpId) {}

    private final Duration wait;
    private final Map<Key, Group> open = new LinkedHashMap<>(); // oldest first: sent in the order raised

    Digests(Duration wait) {
        this.wait = wait;
    }

    void add(String channel, NotifyAlert alert, TopicPartition partition, long offset, Instant now) {
        open.computeIfAbsent(new Key(channel, alert.dumpId()), k -> new Group(channel, alert.dumpId(), now, new ArrayList<>()))
                .pending().add(new Pending(alert, partition, offset));
    }

    /** Removes and returns the groups to send now. */
    List<Group> ready(Instant now, boolean caughtUp, Predicate<String> applied) {
        List<Group> ready = new ArrayList<>();
        for (Iterator<Group> it = open.values().iterator(); it.hasNext(); ) {
            Group group = it.next();
            boolean complete = caughtUp && applied.test(group.dumpId());
            if (complete || !now.isBefore(group.opened().plus(wait))) {
                ready.add(group);
                it.remove();
            }
        }
        return ready;
    }

    boolean isEmpty() {
        return open.isEmpty();
    }

    /** Drops the alerts of partitions this consumer no longer owns: their new owner reads them again. */
    void forget(Collection<TopicPartition> partitions) {
        for (Iterator<Group> it = open.values().iterator(); it.hasNext(); ) {
            Group group = it.next();
            group.pending().removeIf(p -> partitions.contains(p.partition()));
            if (group.pending().isEmpty()) {
                it.remove();
            }
        }
    }
}
