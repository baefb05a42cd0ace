package io.github.blockwatch.registry;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link BoundaryMap} in memory: offline counting, and the read index of the live table. IPv4 points
 * fit in a {@code long}, so they live in a {@link ChunkedLongIntMap} (the table's hot path: lookups and
 * deltas); IPv6 boundaries are few and stay in a {@code TreeMap}.
 */
public final class TreeBoundaryMap implements BoundaryMap {
    private ChunkedLongIntMap ipv4 = new ChunkedLongIntMap();
    private final TreeMap<BigInteger, Integer> ipv6 = new TreeMap<>();

    @Override
    public Boundary floor(IpFamily family, BigInteger point) {
        if (family == IpFamily.IPV4) {
            return boundary(ipv4.floor(point.longValueExact()));
        }
        return boundary(ipv6.floorEntry(point));
    }

    @Override
    public Boundary lower(IpFamily family, BigInteger point) {
        if (family == IpFamily.IPV4) {
            return boundary(ipv4.lower(point.longValueExact()));
        }
        return boundary(ipv6.lowerEntry(point));
    }

    @Override
    public List<Boundary> range(IpFamily family, BigInteger from, BigInteger toExclusive) {
        List<Boundary> result = new ArrayList<>();
        if (family == IpFamily.IPV4) {
            long to = toExclusive.longValueExact();
            for (long p = ipv4.ceiling(from.longValueExact()); p != ChunkedLongIntMap.NONE && ipv4.keyAt(p) < to;
                    p = ipv4.next(p)) {
                result.add(boundary(p));
            }
            return result;
        }
        ipv6.subMap(from, true, toExclusive, false).forEach((point, depth) -> result.add(new Boundary(point, depth)));
        return result;
    }

    @Override
    public void put(IpFamily family, BigInteger point, int depth) {
        if (family == IpFamily.IPV4) {
            ipv4.put(point.longValueExact(), depth);
        } else {
            ipv6.put(point, depth);
        }
    }

    @Override
    public void remove(IpFamily family, BigInteger point) {
        if (family == IpFamily.IPV4) {
            ipv4.remove(point.longValueExact());
        } else {
            ipv6.remove(point);
        }
    }

    /** Depth of coverage at an IPv4 address given as an unsigned 32-bit value, without allocating. */
    public int ipv4DepthAt(long address) {
        long p = ipv4.floor(address);
        return p == ChunkedLongIntMap.NONE ? 0 : ipv4.valueAt(p);
    }

    /**
     * How many addresses of {@code family} are covered at any depth: one walk over the family's boundaries.
     * The live table checks what it loaded against its own distinct counts with it.
     */
    public BigInteger covered(IpFamily family) {
        if (family == IpFamily.IPV4) {
            long covered = 0;
            long coveredSince = -1;
            for (long p = ipv4.ceiling(0); p != ChunkedLongIntMap.NONE; p = ipv4.next(p)) {
                if (coveredSince >= 0) {
                    covered += ipv4.keyAt(p) - coveredSince;
                }
                coveredSince = ipv4.valueAt(p) > 0 ? ipv4.keyAt(p) : -1;
            }
            return BigInteger.valueOf(covered);
        }
        BigInteger covered = BigInteger.ZERO;
        BigInteger coveredSince = null;
        for (Map.Entry<BigInteger, Integer> boundary : ipv6.entrySet()) {
            if (coveredSince != null) {
                covered = covered.add(boundary.getKey().subtract(coveredSince));
            }
            coveredSince = boundary.getValue() > 0 ? boundary.getKey() : null;
        }
        return covered;
    }

    /** Forgets every boundary of both families. */
    public void clear() {
        ipv4 = new ChunkedLongIntMap();
        ipv6.clear();
    }

    /** Number of boundaries held (both families). */
    public int size() {
        return ipv4.size() + ipv6.size();
    }

    private Boundary boundary(long position) {
        return position == ChunkedLongIntMap.NONE ? null
                : new Boundary(BigInteger.valueOf(ipv4.keyAt(position)), ipv4.valueAt(position));
    }

    private static Boundary boundary(Map.Entry<BigInteger, Integer> entry) {
        return entry == null ? null : new Boundary(entry.getKey(), entry.getValue());
    }
}
