package io.github.blockwatch.watch;

import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.IpFamily;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An exact set of addresses: disjoint, non-touching intervals in address order, IPv4 before IPv6. Built by
 * merging any intervals (overlaps and neighbours join), so its count is the number of distinct addresses.
 * Immutable.
 */
public final class AddressSet {
    private static final AddressSet EMPTY = new AddressSet(List.of());

    private final List<AddressInterval> intervals;

    private AddressSet(List<AddressInterval> intervals) {
        this.intervals = intervals;
    }

    public static AddressSet empty() {
        return EMPTY;
    }

    /** The union of {@code parts}. */
    public static AddressSet of(Collection<AddressInterval> parts) {
        if (parts.isEmpty()) {
            return EMPTY;
        }
        List<AddressInterval> sorted = new ArrayList<>(parts);
        sorted.sort(null);
        List<AddressInterval> merged = new ArrayList<>();
        AddressInterval run = sorted.get(0);
        for (int i = 1; i < sorted.size(); i++) {
            AddressInterval next = sorted.get(i);
            if (next.family() == run.family() && next.first().compareTo(run.last().add(BigInteger.ONE)) <= 0) {
                run = new AddressInterval(run.family(), run.first(), run.last().max(next.last()));
            } else {
                merged.add(run);
                run = next;
            }
        }
        merged.add(run);
        return new AddressSet(List.copyOf(merged));
    }

    public List<AddressInterval> intervals() {
        return intervals;
    }

    public boolean isEmpty() {
        return intervals.isEmpty();
    }

    /** Distinct addresses of {@code family}. */
    public BigInteger count(IpFamily family) {
        BigInteger n = BigInteger.ZERO;
        for (AddressInterval i : intervals) {
            if (i.family() == family) {
                n = n.add(i.size());
            }
        }
        return n;
    }

    /** Distinct addresses, both families. */
    public BigInteger count() {
        return count(IpFamily.IPV4).add(count(IpFamily.IPV6));
    }

    /** The addresses of this set inside {@code span}, in order: O(log n + k). */
    public List<AddressInterval> within(AddressInterval span) {
        List<AddressInterval> inside = new ArrayList<>();
        for (int i = firstEndingAtOrAfter(span); i < intervals.size(); i++) {
            AddressInterval common = intervals.get(i).intersection(span);
            if (common == null) {
                break;
            }
            inside.add(common);
        }
        return inside;
    }

    /** True when some address of {@code cidr} is in this set. */
    public boolean meets(Cidr cidr) {
        AddressInterval span = AddressInterval.of(cidr);
        int i = firstEndingAtOrAfter(span);
        return i < intervals.size() && intervals.get(i).intersection(span) != null;
    }

    /** This set's addresses as the fewest prefix blocks, in address order. */
    public List<Cidr> cidrs() {
        List<Cidr> blocks = new ArrayList<>();
        intervals.forEach(i -> blocks.addAll(i.cidrs()));
        return blocks;
    }

    /** The index of the first interval of span's family whose end is at or after span's start. */
    private int firstEndingAtOrAfter(AddressInterval span) {
        int lo = 0;
        int hi = intervals.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            AddressInterval m = intervals.get(mid);
            int byFamily = m.family().compareTo(span.family());
            boolean before = byFamily < 0 || (byFamily == 0 && m.last().compareTo(span.first()) < 0);
            if (before) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressSet other && other.intervals.equals(intervals);
    }

    @Override
    public int hashCode() {
        return intervals.hashCode();
    }

    @Override
    public String toString() {
        return intervals.toString();
    }
}
