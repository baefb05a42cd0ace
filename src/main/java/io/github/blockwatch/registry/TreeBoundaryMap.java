package io.github.blockwatch.registry;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A {@link BoundaryMap} in memory, for offline counting and tests. */
public final class TreeBoundaryMap implements BoundaryMap {
    private final Map<IpFamily, TreeMap<BigInteger, Integer>> byFamily = new EnumMap<>(IpFamily.class);

    private TreeMap<BigInteger, Integer> map(IpFamily family) {
        return byFamily.computeIfAbsent(family, f -> new TreeMap<>());
    }

    @Override
    public Boundary floor(IpFamily family, BigInteger point) {
        Map.Entry<BigInteger, Integer> e = map(family).floorEntry(point);
        return e == null ? null : new Boundary(e.getKey(), e.getValue());
    }

    @Override
    public Boundary lower(IpFamily family, BigInteger point) {
        Map.Entry<BigInteger, Integer> e = map(family).lowerEntry(point);
        return e == null ? null : new Boundary(e.getKey(), e.getValue());
    }

    @Override
    public List<Boundary> range(IpFamily family, BigInteger from, BigInteger toExclusive) {
        List<Boundary> result = new ArrayList<>();
        map(family).subMap(from, true, toExclusive, false)
                .forEach((point, depth) -> result.add(new Boundary(point, depth)));
        return result;
    }

    @Override
    public void put(IpFamily family, BigInteger point, int depth) {
        map(family).put(point, depth);
    }

    @Override
    public void remove(IpFamily family, BigInteger point) {
        map(family).remove(point);
    }

    /** Number of boundaries held (both families). */
    public int size() {
        return byFamily.values().stream().mapToInt(Map::size).sum();
    }
}
