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
 * The coverage boundaries in memory for reading, written through to the state store.
 *
 * <p>Every delta asks for a floor, a lower and a range of boundaries; on RocksDB each of those is an
 * iterator (tens of microseconds), on a sorted map in memory well under one. Writes still go to the store,
 * so that the HTTP API and the watchlist step can read the coverage, and so that a restart finds it; the
 * memory copy is loaded from the store when the processor starts. The store has no changelog: what it holds
 * is derived from the ranges the table blocks, and {@link DerivedCoverage} checks it against the table's
 * counts and rebuilds it when they differ.
 *
 * <p>Several maps can share one store, each under its own key prefix ({@link #load(KeyValueStore, String)}).
 */
final class IndexedBoundaryMap implements BoundaryMap {
    private static final byte[] NO_PREFIX = new byte[0];

    private final KeyValueStore<Bytes, Integer> store;
    private final byte[] prefix;
    private final TreeBoundaryMap index = new TreeBoundaryMap();

    private IndexedBoundaryMap(KeyValueStore<Bytes, Integer> store, byte[] prefix) {
        this.store = store;
        this.prefix = prefix;
    }

    /** The map that is the whole store. */
    static IndexedBoundaryMap load(KeyValueStore<Bytes, Integer> store) {
        return new IndexedBoundaryMap(store, NO_PREFIX).loaded();
    }

    /** The map of keys that start with {@code name} and a zero byte (names hold no zero byte). */
    static IndexedBoundaryMap load(KeyValueStore<Bytes, Integer> store, String name) {
        byte[] utf8 = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new IndexedBoundaryMap(store, java.util.Arrays.copyOf(utf8, utf8.length + 1)).loaded();
    }

    private IndexedBoundaryMap loaded() {
        try (KeyValueIterator<Bytes, Integer> all = stored()) {
            all.forEachRemaining(this::index);
        }
        return this;
    }

    /** This map's keys in the store: all of it, or those under its prefix. */
    private KeyValueIterator<Bytes, Integer> stored() {
        return prefix.length == 0 ? store.all()
                : store.prefixScan(Bytes.wrap(prefix), org.apache.kafka.common.serialization.Serdes.Bytes().serializer());
    }

    private void index(KeyValue<Bytes, Integer> stored) {
        Bytes key = prefix.length == 0 ? stored.key
                : Bytes.wrap(java.util.Arrays.copyOfRange(stored.key.get(), prefix.length, stored.key.get().length));
        index.put(StoreBoundaryMap.family(key), StoreBoundaryMap.point(key), stored.value);
    }

    private Bytes key(IpFamily family, BigInteger point) {
        Bytes key = StoreBoundaryMap.key(family, point);
        if (prefix.length == 0) {
            return key;
        }
        byte[] prefixed = java.util.Arrays.copyOf(prefix, prefix.length + key.get().length);
        System.arraycopy(key.get(), 0, prefixed, prefix.length, key.get().length);
        return Bytes.wrap(prefixed);
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
        store.put(key(family, point), depth);
    }

    @Override
    public void remove(IpFamily family, BigInteger point) {
        index.remove(family, point);
        store.delete(key(family, point));
    }

    /** How many addresses of {@code family} the map covers at any depth. */
    BigInteger covered(IpFamily family) {
        return index.covered(family);
    }

    /** Forgets every boundary of this map, in memory and in the store (other prefixes are left alone). */
    void clear() {
        // A RocksDB iterator reads the snapshot it was opened on: deleting behind it is safe.
        try (KeyValueIterator<Bytes, Integer> all = stored()) {
            while (all.hasNext()) {
                store.delete(all.next().key);
            }
        }
        index.clear();
    }

    /** Boundaries held in memory (both families). */
    int size() {
        return index.size();
    }
}
