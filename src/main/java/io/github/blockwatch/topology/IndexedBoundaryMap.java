package io.github.blockwatch.topology;

import io.github.blockwatch.registry.BoundaryMap;
import io.github.blockwatch.registry.IpFamily;
import io.github.blockwatch.registry.TreeBoundaryMap;
import java.math.BigInteger;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The coverage boundaries in memory for reading, written through to the state store for durability.
 *
 * <p>Every delta asks for a floor, a lower and a range of boundaries; on RocksDB each of those is an
 * iterator (tens of microseconds), on a sorted map in memory well under one. Writes still go to the store,
 * whose changelog is what survives a crash; the memory copy is rebuilt from the store when the processor
 * starts, which Kafka Streams does only after the store is fully restored (also after an exactly-once
 * abort wipes and restores it), so both always hold the same boundaries.
 */
final class IndexedBoundaryMap implements BoundaryMap {
    private final KeyValueStore<Bytes, Integer> store;
    private final TreeBoundaryMap index = new TreeBoundaryMap();

    private IndexedBoundaryMap(KeyValueStore<Bytes, Integer> store) {
        this.store = store;
    }

    static IndexedBoundaryMap load(KeyValueStore<Bytes, Integer> store) {
        IndexedBoundaryMap map = new IndexedBoundaryMap(store);
        try (KeyValueIterator<Bytes, Integer> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<Bytes, Integer> kv = all.next();
                map.index.put(StoreBoundaryMap.family(kv.key), StoreBoundaryMap.point(kv.key), kv.value);
            }
        }
        return map;
    }

    @Override
    public Boundary floor(IpFamily family, BigInteger point) {
        return index.floor(family, point);
    }

    @Override
    public Boundary lower(IpFamily family, BigInteger point) {
        return index.lower(family, point);
    }

    @Override
    public List<Boundary> range(IpFamily family, BigInteger from, BigInteger toExclusive) {
        return index.range(family, from, toExclusive);
    }

    @Override
    public void put(IpFamily family, BigInteger point, int depth) {
        index.put(family, point, depth);
        store.put(StoreBoundaryMap.key(family, point), depth);
    }

    @Override
    public void remove(IpFamily family, BigInteger point) {
        index.remove(family, point);
        store.delete(StoreBoundaryMap.key(family, point));
    }

    /** Boundaries held in memory (both families). */
    int size() {
        return index.size();
    }
}
