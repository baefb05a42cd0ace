package io.github.blockwatch.topology;

import io.github.blockwatch.registry.BoundaryMap;
import io.github.blockwatch.registry.IpFamily;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A {@link BoundaryMap} in a Kafka Streams key-value store, so the coverage survives restarts through its
 * changelog. Keys are the IP version byte followed by the boundary as a fixed-width unsigned big-endian
 * number one byte wider than the address (the end of the address space, 2^32 or 2^128, is a boundary
 * too): byte order then equals address order, which both RocksDB and the in-memory store iterate in.
 */
final class StoreBoundaryMap implements BoundaryMap {
    private final KeyValueStore<Bytes, Integer> store;

    StoreBoundaryMap(KeyValueStore<Bytes, Integer> store) {
        this.store = store;
    }

    static Bytes key(IpFamily family, BigInteger point) {
        int width = family.bytes() + 1;
        byte[] key = new byte[1 + width];
        key[0] = (byte) family.version();
        byte[] raw = point.toByteArray();
        int copy = Math.min(raw.length, width);
        System.arraycopy(raw, raw.length - copy, key, key.length - copy, copy);
        return Bytes.wrap(key);
    }

    static IpFamily family(Bytes key) {
        return IpFamily.ofVersion(key.get()[0]);
    }

    static BigInteger point(Bytes key) {
        byte[] raw = key.get();
        byte[] magnitude = new byte[raw.length - 1];
        System.arraycopy(raw, 1, magnitude, 0, magnitude.length);
        return new BigInteger(1, magnitude);
    }

    @Override
    public Boundary floor(IpFamily family, BigInteger point) {
        try (KeyValueIterator<Bytes, Integer> it = store.reverseRange(key(family, BigInteger.ZERO), key(family, point))) {
            if (!it.hasNext()) {
                return null;
            }
            KeyValue<Bytes, Integer> kv = it.next();
            return new Boundary(point(kv.key), kv.value);
        }
    }

    @Override
    public Boundary lower(IpFamily family, BigInteger point) {
        return point.signum() == 0 ? null : floor(family, point.subtract(BigInteger.ONE));
    }

    @Override
    public List<Boundary> range(IpFamily family, BigInteger from, BigInteger toExclusive) {
        List<Boundary> result = new ArrayList<>();
        if (from.compareTo(toExclusive) >= 0) {
            return result;
        }
        try (KeyValueIterator<Bytes, Integer> it =
                store.range(key(family, from), key(family, toExclusive.subtract(BigInteger.ONE)))) {
            while (it.hasNext()) {
                KeyValue<Bytes, Integer> kv = it.next();
                result.add(new Boundary(point(kv.key), kv.value));
            }
        }
        return result;
    }

    @Override
    public void put(IpFamily family, BigInteger point, int depth) {
        store.put(key(family, point), depth);
    }

    @Override
    public void remove(IpFamily family, BigInteger point) {
        store.delete(key(family, point));
    }
}
