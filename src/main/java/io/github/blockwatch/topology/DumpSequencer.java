package io.github.blockwatch.topology;

import io.github.blockwatch.avro.AddressDelta;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the address table one dump at a time, in the order ingest published them. A dump's events are
 * spread over the partitions of {@code blockwatch.registry.events}; the single-partition delta topic
 * receives them in whatever order the upstream tasks run, so the events of a dump published while the
 * previous one is still on its way can arrive first. Each event names the dump it {@code follows}; a delta
 * whose predecessor is not yet complete here is held in a store and released, in arrival order, as soon as
 * the predecessor's last delta has gone on. Since forwarding is synchronous, "gone on" means applied.
 *
 * <p>Events from producers before 0.3 carry no predecessor and go straight on, as they always did. After an
 * upgrade the first dump names a predecessor this store never saw: when no delta ever came through here but
 * the table already holds a dump (the totals store is not empty), that predecessor was applied by the
 * previous release, and the first dump to arrive starts the chain.
 */
final class DumpSequencer implements Processor<String, AddressDelta, String, AddressDelta> {
    private static final Logger LOG = LoggerFactory.getLogger(DumpSequencer.class);
    private static final String SEEN = "seen\0";
    private static final String DONE = "done\0";
    private static final String WAITING = "waiting\0";
    /** Present once a delta went on from here: from then on every predecessor named passes here first. */
    private static final String STARTED = "started";
    private static final String HELD_COUNTER = "held-counter";

    private final String totalsStore;
    private ProcessorContext<String, AddressDelta> context;
    private KeyValueStore<String, Long> sequence;
    private KeyValueStore<String, AddressDelta> held;
    private KeyValueStore<String, ?> totals;

    DumpSequencer(String totalsStore) {
        this.totalsStore = totalsStore;
    }

    @Override
    public void init(ProcessorContext<String, AddressDelta> context) {
        this.context = context;
        this.sequence = context.getStateStore(StoreNames.DUMP_SEQUENCE);
        this.held = context.getStateStore(StoreNames.DUMP_SEQUENCE_HELD);
        this.totals = context.getStateStore(totalsStore);
    }

    @Override
    public void process(Record<String, AddressDelta> record) {
        AddressDelta delta = record.value();
        if (delta == null) {
            return;
        }
        if (mayGoOn(delta)) {
            goOn(record);
            return;
        }
        long arrival = next(HELD_COUNTER);
        held.put(heldKey(delta.getFollows(), arrival), delta);
        if (sequence.putIfAbsent(WAITING + delta.getDump().getId(), 1L) == null) {
            LOG.info("dump {} came before the dump it follows, {}, was complete: it waits for it",
                    delta.getDump().getId(), delta.getFollows());
        }
    }

    private boolean mayGoOn(AddressDelta delta) {
        String follows = delta.getFollows();
        String dump = delta.getDump().getId();
        if (follows == null || sequence.get(SEEN + dump) != null || sequence.get(DONE + follows) != null) {
            return true;
        }
        if (predecessorAppliedBeforeThisRelease()) {
            LOG.info("dump {} follows {}, applied before this release kept the dump sequence: it starts the chain",
                    dump, follows);
            return true;
        }
        return false;
    }

    /**
     * A predecessor named by the first delta ever to come here, while the table already holds a dump: the
     * table was filled by a release that kept no dump sequence.
     */
    private boolean predecessorAppliedBeforeThisRelease() {
        return sequence.get(STARTED) == null && totals.get(StoreNames.TOTALS_KEY) != null;
    }

    /** Forwards a delta and, when it completes its dump, every delta that was waiting for that dump. */
    private void goOn(Record<String, AddressDelta> first) {
        Deque<Record<String, AddressDelta>> ready = new ArrayDeque<>();
        ready.add(first);
        while (!ready.isEmpty()) {
            Record<String, AddressDelta> record = ready.poll();
            AddressDelta delta = record.value();
            String dump = delta.getDump().getId();
            long seen = next(SEEN + dump);
            sequence.putIfAbsent(STARTED, 1L);
            context.forward(record);
            if (seen >= delta.getDumpEventCount()) {
                sequence.delete(SEEN + dump);
                sequence.put(DONE + dump, 1L);
                for (AddressDelta waiting : release(dump)) {
                    ready.add(new Record<>(waiting.getEntryKey(), waiting,
                            waiting.getDump().getRegistryTime().toEpochMilli()));
                }
            }
        }
    }

    /** Removes and returns the deltas held for {@code dump}, in arrival order. */
    private List<AddressDelta> release(String dump) {
        List<KeyValue<String, AddressDelta>> waiting = new ArrayList<>();
        try (KeyValueIterator<String, AddressDelta> it = held.prefixScan(dump + '\0', Serdes.String().serializer())) {
            it.forEachRemaining(waiting::add);
        }
        List<AddressDelta> released = new ArrayList<>(waiting.size());
        for (KeyValue<String, AddressDelta> entry : waiting) {
            held.delete(entry.key);
            sequence.delete(WAITING + entry.value.getDump().getId());
            released.add(entry.value);
        }
        return released;
    }

    private long next(String counter) {
        Long value = sequence.get(counter);
        long next = value == null ? 1 : value + 1;
        sequence.put(counter, next);
        return next;
    }

    /** Arrival numbers are zero-padded so that the store's byte order is arrival order. */
    private static String heldKey(String follows, long arrival) {
        return follows + '\0' + String.format(java.util.Locale.ROOT, "%019d", arrival);
    }
}
