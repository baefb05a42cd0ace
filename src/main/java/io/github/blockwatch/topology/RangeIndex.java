package io.github.blockwatch.topology;

import io.github.blockwatch.avro.PendingUnblock;
import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.avro.TableTotals;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.InvalidAddressException;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@value StoreNames#BLOCKED_RANGES_INDEX} store ({@link RangeIndexKeys}) in step with the ranges
 * store: two keys per live range, written where the table puts a range in or takes it out.
 *
 * <p>The index has no changelog: it is derived from the ranges store, so it costs no record on the broker
 * and restores nothing. Whenever the table's processor starts (after a restore, a wiped state directory, an
 * exactly-once abort, or an upgrade from a version without the index) the index is counted against the
 * table's own range count and rebuilt from the ranges store if they differ, or if it is not of the table's
 * generation ({@link TableGeneration}: a count cannot see a range swapped for another).
 */
final class RangeIndex {
    private static final Logger LOG = LoggerFactory.getLogger(RangeIndex.class);
    private static final byte[] PRESENT = new byte[0];

    private final KeyValueStore<Bytes, byte[]> store;

    private RangeIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /**
     * The index in {@code store}, rebuilt from {@code ranges} unless it holds exactly the ranges the table
     * counts: those in {@code ranges}, that is every range in {@code totals} but the ones waiting in
     * {@code pending} for their dump to complete, and is of the table's {@code generation}; kept in step from
     * now on.
     */
    static RangeIndex open(KeyValueStore<Bytes, byte[]> store, KeyValueStore<String, RangeState> ranges,
                           TableTotals totals, KeyValueStore<String, PendingUnblock> pending,
                           TableGeneration generation) {
        RangeIndex index = new RangeIndex(store);
        long expected = totals.getRangesIpv4() + totals.getRangesIpv6() - count(pending);
        long indexed = index.countByAddress();
        boolean current = generation.current(StoreNames.BLOCKED_RANGES_INDEX);
        if (indexed != expected || !current) {
            LOG.info("rebuilding the range index ({} ranges indexed, {} in the table{})", indexed, expected,
                    current ? "" : "; not of the table's generation");
            index.rebuild(ranges);
        }
        generation.matched(StoreNames.BLOCKED_RANGES_INDEX);
        return index;
    }

    /** Records {@code cidr}, now in the ranges store with {@code state}. */
    void added(Cidr cidr, RangeState state) {
        store.put(RangeIndexKeys.byAddress(cidr), PRESENT);
        store.put(RangeIndexKeys.newestFirst(state.getFirstBlocked(), cidr), PRESENT);
    }

    /** Forgets {@code cidr}, no longer in the ranges store; {@code state} is what it held. */
    void removed(Cidr cidr, RangeState state) {
        store.delete(RangeIndexKeys.byAddress(cidr));
        store.delete(RangeIndexKeys.newestFirst(state.getFirstBlocked(), cidr));
    }

    private long countByAddress() {
        long count = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(RangeIndexKeys.byAddressRegion(), new BytesSerializer())) {
            while (it.hasNext()) {
                it.next();
                count++;
            }
        }
        return count;
    }

    private void rebuild(KeyValueStore<String, RangeState> ranges) {
        // A RocksDB iterator reads the snapshot it was opened on: deleting behind it is safe.
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                store.delete(it.next().key);
            }
        }
        try (KeyValueIterator<String, RangeState> it = ranges.all()) {
            while (it.hasNext()) {
                KeyValue<String, RangeState> kv = it.next();
                try {
                    added(Cidr.parse(kv.key), kv.value);
                } catch (InvalidAddressException e) {
                    LOG.warn("range store key {} is not a CIDR; left out of the index", kv.key);
                }
            }
        }
    }

    private static long count(KeyValueStore<String, PendingUnblock> pending) {
        long count = 0;
        try (KeyValueIterator<String, PendingUnblock> it = pending.all()) {
            while (it.hasNext()) {
                it.next();
                count++;
            }
        }
        return count;
    }
}
