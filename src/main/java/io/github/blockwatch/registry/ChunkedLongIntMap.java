package io.github.blockwatch.registry;

import java.util.Arrays;

/**
 * A sorted map from {@code long} to {@code int} kept as a list of sorted array chunks (a two-level B+-tree).
 *
 * <p>Why not a tree of nodes: the coverage index holds one entry per range boundary, two million at
 * present-day registry sizes, and every lookup or delta walks it. A {@code TreeMap<BigInteger, Integer>}
 * walks about 21 nodes, each a chain of pointers (entry, key, key's digits) scattered over the heap: at a
 * million entries a lookup is a string of cache misses (0.54M lookups/s measured). fastutil's primitive
 * red-black tree removes the boxing but not the node walk. Here a lookup is one binary search over the
 * chunks' first keys (a few KiB, stays in cache) and one inside a chunk of at most {@value #MAX_CHUNK}
 * keys, first over the chunk's packed samples and then within one cache line; an insert or removal moves at most one chunk's worth of elements, so the cost stays flat as the
 * map grows.
 *
 * <p>Positions returned by {@link #floor} and {@link #ceiling} are valid until the next change.
 */
public final class ChunkedLongIntMap {
    static final int MAX_CHUNK = 512;
    /** Eight longs: one cache line of keys per sample. */
    private static final int STRIDE = 8;
    private static final int MERGE_BELOW = MAX_CHUNK / 4;
    /** Returned by the searches when there is no such entry. */
    public static final long NONE = -1;

    private long[] firstKeys = new long[8];
    private Chunk[] chunks = new Chunk[8];
    private int chunkCount;
    private int size;

    private static final class Chunk {
        /**
         * Every {@value #STRIDE}th key, packed: a search reads this one small array first and then a single
         * cache line of {@code keys}, instead of probing {@code keys} across its whole 4 KiB (one cache miss
         * per probe at two million boundaries). Allocated first, so it sits right after the chunk's header.
         */
        final long[] samples = new long[MAX_CHUNK / STRIDE];
        final long[] keys = new long[MAX_CHUNK];
        final int[] values = new int[MAX_CHUNK];
        int count;

        /** Index of {@code key}, or {@code -(insertion point) - 1}, as {@link Arrays#binarySearch} answers. */
        int search(long key) {
            int j = Arrays.binarySearch(samples, 0, (count + STRIDE - 1) / STRIDE, key);
            if (j >= 0) {
                return j * STRIDE;
            }
            int block = -j - 2; // the last sample below the key
            if (block < 0) {
                return -1;
            }
            int from = block * STRIDE;
            return Arrays.binarySearch(keys, from, Math.min(from + STRIDE, count), key);
        }

        /** Brings the samples up to date after the keys changed from index {@code from} on. */
        void resample(int from) {
            for (int i = from / STRIDE * STRIDE; i < count; i += STRIDE) {
                samples[i / STRIDE] = keys[i];
            }
        }
    }

    public int size() {
        return size;
    }

    /** Position of the greatest key at or below {@code key}, or {@link #NONE}. */
    public long floor(long key) {
        int c = chunkFor(key);
        if (c < 0) {
            return NONE;
        }
        int i = chunks[c].search(key);
        return position(c, i >= 0 ? i : -i - 2);
    }

    /** Position of the greatest key strictly below {@code key}, or {@link #NONE}. */
    public long lower(long key) {
        return key == Long.MIN_VALUE ? NONE : floor(key - 1);
    }

    /** Position of the least key at or above {@code key}, or {@link #NONE}. */
    public long ceiling(long key) {
        if (chunkCount == 0) {
            return NONE;
        }
        int c = Math.max(chunkFor(key), 0);
        int i = chunks[c].search(key);
        int at = i >= 0 ? i : -i - 1;
        if (at < chunks[c].count) {
            return position(c, at);
        }
        return c + 1 < chunkCount ? position(c + 1, 0) : NONE;
    }

    /** The position after {@code position}, or {@link #NONE} at the end. */
    public long next(long position) {
        int c = chunkOf(position);
        int i = indexOf(position) + 1;
        if (i < chunks[c].count) {
            return position(c, i);
        }
        return c + 1 < chunkCount ? position(c + 1, 0) : NONE;
    }

    public long keyAt(long position) {
        return chunks[chunkOf(position)].keys[indexOf(position)];
    }

    public int valueAt(long position) {
        return chunks[chunkOf(position)].values[indexOf(position)];
    }

    public void put(long key, int value) {
        if (chunkCount == 0) {
            insertChunk(0, new Chunk());
        }
        int c = Math.max(chunkFor(key), 0);
        Chunk chunk = chunks[c];
        int i = chunk.search(key);
        if (i >= 0) {
            chunk.values[i] = value;
            return;
        }
        int at = -i - 1;
        if (chunk.count == MAX_CHUNK) {
            Chunk upper = split(c);
            if (at > chunk.count) {
                chunk = upper;
                at -= chunks[c].count;
                c++;
            }
        }
        System.arraycopy(chunk.keys, at, chunk.keys, at + 1, chunk.count - at);
        System.arraycopy(chunk.values, at, chunk.values, at + 1, chunk.count - at);
        chunk.keys[at] = key;
        chunk.values[at] = value;
        chunk.count++;
        chunk.resample(at);
        firstKeys[c] = chunk.keys[0];
        size++;
    }

    public void remove(long key) {
        int c = chunkFor(key);
        if (c < 0) {
            return;
        }
        Chunk chunk = chunks[c];
        int i = chunk.search(key);
        if (i < 0) {
            return;
        }
        System.arraycopy(chunk.keys, i + 1, chunk.keys, i, chunk.count - i - 1);
        System.arraycopy(chunk.values, i + 1, chunk.values, i, chunk.count - i - 1);
        chunk.count--;
        chunk.resample(i);
        size--;
        if (chunk.count == 0) {
            removeChunk(c);
            return;
        }
        firstKeys[c] = chunk.keys[0];
        if (chunk.count < MERGE_BELOW) {
            mergeWithNeighbour(c);
        }
    }

    /** Index of the last chunk whose first key is at or below {@code key}; -1 if none. */
    private int chunkFor(long key) {
        int i = Arrays.binarySearch(firstKeys, 0, chunkCount, key);
        return i >= 0 ? i : -i - 2;
    }

    /** Moves the upper half of chunk {@code c} into a new chunk after it; returns the new chunk. */
    private Chunk split(int c) {
        Chunk lower = chunks[c];
        Chunk upper = new Chunk();
        int keep = lower.count / 2;
        upper.count = lower.count - keep;
        System.arraycopy(lower.keys, keep, upper.keys, 0, upper.count);
        System.arraycopy(lower.values, keep, upper.values, 0, upper.count);
        lower.count = keep;
        upper.resample(0);
        insertChunk(c + 1, upper);
        return upper;
    }

    /** Keeps chunks from thinning out after many removals, so the chunk list stays short. */
    private void mergeWithNeighbour(int c) {
        if (c + 1 < chunkCount && chunks[c].count + chunks[c + 1].count <= MAX_CHUNK / 2) {
            append(c, c + 1);
        } else if (c > 0 && chunks[c - 1].count + chunks[c].count <= MAX_CHUNK / 2) {
            append(c - 1, c);
        }
    }

    private void append(int into, int from) {
        Chunk target = chunks[into];
        Chunk source = chunks[from];
        System.arraycopy(source.keys, 0, target.keys, target.count, source.count);
        System.arraycopy(source.values, 0, target.values, target.count, source.count);
        int appendedAt = target.count;
        target.count += source.count;
        target.resample(appendedAt);
        removeChunk(from);
    }

    private void insertChunk(int at, Chunk chunk) {
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
            firstKeys = Arrays.copyOf(firstKeys, chunkCount * 2);
        }
        System.arraycopy(chunks, at, chunks, at + 1, chunkCount - at);
        System.arraycopy(firstKeys, at, firstKeys, at + 1, chunkCount - at);
        chunks[at] = chunk;
        firstKeys[at] = chunk.count > 0 ? chunk.keys[0] : Long.MIN_VALUE;
        chunkCount++;
    }

    private void removeChunk(int at) {
        System.arraycopy(chunks, at + 1, chunks, at, chunkCount - at - 1);
        System.arraycopy(firstKeys, at + 1, firstKeys, at, chunkCount - at - 1);
        chunkCount--;
        chunks[chunkCount] = null;
    }

    private static long position(int chunk, int index) {
        return index < 0 ? NONE : ((long) chunk << 32) | index;
    }

    private static int chunkOf(long position) {
        return (int) (position >>> 32);
    }

    private static int indexOf(long position) {
        return (int) position;
    }
}
