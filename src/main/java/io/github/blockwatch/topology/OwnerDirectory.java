package io.github.blockwatch.topology;

import io.github.blockwatch.avro.Owner;
import io.github.blockwatch.owners.OwnerRange;
import io.github.blockwatch.owners.OwnerSegments;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The owner index the topology reads, kept in step with the global {@value StoreNames#OWNERS} store, the
 * source of truth. The global thread bumps a version on every update ({@link OwnersTable}); a reader
 * rebuilds the segments from the store only when the version moved, so the index costs nothing per
 * event. Owner datasets are small (thousands of ranges), a rebuild takes milliseconds.
 *
 * <p>One instance per built topology, shared by the global store's updater and every task of that
 * application; the segments are immutable, so sharing a built index between threads is safe.
 */
public final class OwnerDirectory {
    private final AtomicLong version = new AtomicLong();
    private volatile Built built = new Built(-1, OwnerSegments.empty());

    private record Built(long version, OwnerSegments segments) {}

    /** Called by the global store's updater after each change. */
    void changed() {
        version.incrementAndGet();
    }

    /** The current index, rebuilt from {@code store} if the store changed since the last build. */
    public OwnerSegments segments(ReadOnlyKeyValueStore<String, Owner> store) {
        long now = version.get(); // read before the store, so a change during the build forces another
        Built current = built;
        if (current.version() == now) {
            return current.segments();
        }
        OwnerSegments segments = build(store);
        built = new Built(now, segments);
        return segments;
    }

    /** A number that changes whenever the owner store does (a reader compares it to rebuild what it derived). */
    public long version() {
        return version.get();
    }

    /** Builds an index from every owner record in the store. */
    public static OwnerSegments build(ReadOnlyKeyValueStore<String, Owner> store) {
        return OwnerSegments.of(ranges(store));
    }

    /** Every usable owner range in the store, of every dataset (overlaps included). */
    public static List<OwnerRange> ranges(ReadOnlyKeyValueStore<String, Owner> store) {
        List<OwnerRange> ranges = new ArrayList<>();
        try (KeyValueIterator<String, Owner> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, Owner> kv = all.next();
                OwnerRange range = kv.value == null ? null : OwnerRecords.toRange(kv.value);
                if (range != null) {
                    ranges.add(range);
                }
            }
        }
        return ranges;
    }
}
