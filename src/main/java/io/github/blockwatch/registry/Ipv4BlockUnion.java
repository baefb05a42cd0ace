package io.github.blockwatch.registry;

/**
 * The exact number of distinct addresses in a set of IPv4 blocks, kept up to date one block at a time at a
 * cost that does not grow with the size of the set.
 *
 * <p>Two CIDR blocks either nest or are disjoint, so the union of a set of blocks is the disjoint union of
 * its <em>outermost</em> blocks, those no other block of the set contains. Adding a block that a member
 * contains changes nothing; otherwise the block becomes outermost, replaces the outermost members inside it,
 * and adds its size less theirs. Removing an outermost block promotes the outermost of the members inside
 * it. Both touch only the blocks inside the one that changed (plus a logarithmic search), unlike
 * {@link Ipv4RangeSet}, which recounts everything.
 *
 * <p>Each block is in the set at most once: callers keep their own count of who lists it.
 */
public final class Ipv4BlockUnion {
    /** Every block, keyed {@code first << 6 | prefix}: ordered by first address, a container before its contents. */
    private final ChunkedLongIntMap blocks = new ChunkedLongIntMap();
    /** The outermost blocks, keyed by first address, valued by prefix length; disjoint. */
    private final ChunkedLongIntMap outermost = new ChunkedLongIntMap();
    private long distinctAddresses;

    public long distinctAddresses() {
        return distinctAddresses;
    }

    public int blocks() {
        return blocks.size();
    }

    /** Adds a block not in the set yet; returns how many of its addresses no member covered before. */
    public long add(Cidr block) {
        long first = first(block);
        int prefix = block.prefixLength();
        long key = key(first, prefix);
        if (holds(key)) {
            throw new IllegalArgumentException(block + " is in the set already");
        }
        blocks.put(key, 0);
        long container = outermost.floor(first);
        if (container != ChunkedLongIntMap.NONE
                && contains(outermost.keyAt(container), outermost.valueAt(container), first, prefix)) {
            return 0;
        }
        long last = last(first, prefix);
        long coveredInside = 0;
        for (long p = outermost.ceiling(first); p != ChunkedLongIntMap.NONE && outermost.keyAt(p) <= last;
                p = outermost.ceiling(first)) {
            coveredInside += size(outermost.valueAt(p));
            outermost.remove(outermost.keyAt(p));
        }
        outermost.put(first, prefix);
        long added = size(prefix) - coveredInside;
        distinctAddresses += added;
        return added;
    }

    /** Removes a member; returns how many of its addresses no remaining member covers. */
    public long remove(Cidr block) {
        long first = first(block);
        int prefix = block.prefixLength();
        long key = key(first, prefix);
        if (!holds(key)) {
            throw new IllegalArgumentException(block + " is not in the set");
        }
        blocks.remove(key);
        long self = outermost.floor(first);
        boolean isOutermost = self != ChunkedLongIntMap.NONE && outermost.keyAt(self) == first
                && outermost.valueAt(self) == prefix;
        if (!isOutermost) {
            return 0; // a member that contains it still covers every address
        }
        outermost.remove(first);
        long last = last(first, prefix);
        long coveredInside = 0;
        long promotedUpTo = -1; // last address of the latest promoted block
        for (long p = blocks.ceiling(key(first, prefix + 1)); p != ChunkedLongIntMap.NONE; p = blocks.next(p)) {
            long inner = blocks.keyAt(p);
            long innerFirst = inner >>> 6;
            if (innerFirst > last) {
                break;
            }
            if (innerFirst > promotedUpTo) {
                int innerPrefix = (int) (inner & 63);
                outermost.put(innerFirst, innerPrefix); // a different map: positions in blocks stay valid
                coveredInside += size(innerPrefix);
                promotedUpTo = last(innerFirst, innerPrefix);
            }
        }
        long removed = size(prefix) - coveredInside;
        distinctAddresses -= removed;
        return removed;
    }

    private static long first(Cidr block) {
        if (block.family() != IpFamily.IPV4) {
            throw new IllegalArgumentException("not IPv4: " + block);
        }
        return block.ipv4First();
    }

    private boolean holds(long key) {
        long at = blocks.floor(key);
        return at != ChunkedLongIntMap.NONE && blocks.keyAt(at) == key;
    }

    private static long key(long first, int prefix) {
        return first << 6 | prefix;
    }

    private static long size(int prefix) {
        return 1L << (32 - prefix);
    }

    private static long last(long first, int prefix) {
        return first + size(prefix) - 1;
    }

    private static boolean contains(long outerFirst, int outerPrefix, long first, int prefix) {
        return outerPrefix <= prefix && first <= last(outerFirst, outerPrefix);
    }
}
