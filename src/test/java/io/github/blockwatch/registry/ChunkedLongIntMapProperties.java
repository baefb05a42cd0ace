package io.github.blockwatch.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.blockwatch.PropertyTries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The chunked map answers like a {@code TreeMap} after any sequence of puts and removals. */
class ChunkedLongIntMapProperties {

    @Test
    void agreesWithTreeMapUnderRandomPutsAndRemovals() {
        PropertyTries.check(random -> {
            ChunkedLongIntMap map = new ChunkedLongIntMap();
            TreeMap<Long, Integer> reference = new TreeMap<>();
            // A small key space makes hits, overwrites and removals of present keys common; enough
            // operations to split chunks many times over and thin them out again.
            long keySpace = 1L << (8 + random.nextInt(12));
            int operations = 2_000 + random.nextInt(6_000);
            for (int op = 0; op < operations; op++) {
                long key = random.nextLong(keySpace);
                boolean growing = op < operations * 2 / 3;
                if (random.nextInt(10) < (growing ? 7 : 3)) {
                    int value = random.nextInt(100);
                    map.put(key, value);
                    reference.put(key, value);
                } else {
                    map.remove(key);
                    reference.remove(key);
                }
                if (op % 97 == 0) {
                    assertSameQueries(map, reference, random, keySpace);
                }
            }
            assertSameQueries(map, reference, random, keySpace);
            assertEquals(List.copyOf(reference.entrySet()), entries(map));
        });
    }

    @Test
    void emptiesCompletelyAndRefills() {
        ChunkedLongIntMap map = new ChunkedLongIntMap();
        for (long k = 0; k < 5_000; k++) {
            map.put(k * 3, (int) k);
        }
        for (long k = 0; k < 5_000; k++) {
            map.remove(k * 3);
        }
        assertEquals(0, map.size());
        assertEquals(ChunkedLongIntMap.NONE, map.floor(Long.MAX_VALUE));
        assertEquals(ChunkedLongIntMap.NONE, map.ceiling(0));
        map.put(42, 7);
        assertEquals(7, map.valueAt(map.floor(100)));
    }

    private static void assertSameQueries(ChunkedLongIntMap map, TreeMap<Long, Integer> reference,
            SplittableRandom random, long keySpace) {
        assertEquals(reference.size(), map.size());
        for (int q = 0; q < 50; q++) {
            long key = random.nextLong(keySpace + 2) - 1;
            assertEquals(entry(reference.floorEntry(key)), entry(map, map.floor(key)), "floor " + key);
            assertEquals(entry(reference.lowerEntry(key)), entry(map, map.lower(key)), "lower " + key);
            assertEquals(entry(reference.ceilingEntry(key)), entry(map, map.ceiling(key)), "ceiling " + key);
        }
    }

    private static List<Map.Entry<Long, Integer>> entries(ChunkedLongIntMap map) {
        List<Map.Entry<Long, Integer>> all = new ArrayList<>();
        for (long p = map.ceiling(Long.MIN_VALUE); p != ChunkedLongIntMap.NONE; p = map.next(p)) {
            all.add(Map.entry(map.keyAt(p), map.valueAt(p)));
        }
        return all;
    }

    private static String entry(Map.Entry<Long, Integer> e) {
        return e == null ? "none" : e.getKey() + "=" + e.getValue();
    }

    private static String entry(ChunkedLongIntMap map, long position) {
        return position == ChunkedLongIntMap.NONE ? "none" : map.keyAt(position) + "=" + map.valueAt(position);
    }
}
