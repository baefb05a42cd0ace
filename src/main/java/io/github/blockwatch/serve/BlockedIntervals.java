package io.github.blockwatch.serve;

import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.state.VersionedRecord;

/**
 * Turns the versions of blocked ranges into intervals of registry time. A range's consecutive versions
 * (each one valid until the next begins) are one interval; a tombstone between them, i.e. a gap, ends it.
 * An address is blocked while any of its covering ranges is, so its intervals are the union of theirs
 * (touching intervals join: a /24 unblocked by the dump that blocks the /16 around it leaves no gap).
 */
final class BlockedIntervals {
    private BlockedIntervals() {}

    /** One unbroken stretch in which one range was blocked; {@code until} null while it still is. */
    record RangeInterval(String cidr, Instant from, Instant until, List<VersionedRecord<BlockedRange>> versions) {
        boolean contains(Instant t) {
            return !t.isBefore(from) && (until == null || t.isBefore(until));
        }

        /** The version in force at {@code t}, which this interval contains. */
        VersionedRecord<BlockedRange> versionAt(Instant t) {
            long at = t.toEpochMilli();
            VersionedRecord<BlockedRange> found = versions.get(0);
            for (VersionedRecord<BlockedRange> v : versions) {
                if (v.timestamp() <= at) {
                    found = v;
                }
            }
            return found;
        }

        /** Every distinct decision behind the range during the interval, in order of appearance. */
        List<Decision> decisions() {
            Set<Decision> all = new LinkedHashSet<>();
            versions.forEach(v -> all.addAll(v.value().getDecisions()));
            return List.copyOf(all);
        }
    }

    /** One unbroken stretch in which the address was blocked, with the range intervals it is made of. */
    record AddressInterval(Instant from, Instant until, List<RangeInterval> ranges) {
        boolean contains(Instant t) {
            return !t.isBefore(from) && (until == null || t.isBefore(until));
        }
    }

    /** The intervals of {@code cidr} from its versions, oldest first (as the store returns them). */
    static List<RangeInterval> ofRange(String cidr, List<VersionedRecord<BlockedRange>> versions) {
        List<RangeInterval> intervals = new ArrayList<>();
        List<VersionedRecord<BlockedRange>> run = new ArrayList<>();
        Long runEnd = null;
        for (VersionedRecord<BlockedRange> v : versions) {
            if (!run.isEmpty() && (runEnd == null || runEnd != v.timestamp())) {
                intervals.add(close(cidr, run, runEnd));
                run = new ArrayList<>();
            }
            run.add(v);
            runEnd = v.validTo().orElse(null);
        }
        if (!run.isEmpty()) {
            intervals.add(close(cidr, run, runEnd));
        }
        return intervals;
    }

    private static RangeInterval close(String cidr, List<VersionedRecord<BlockedRange>> run, Long end) {
        return new RangeInterval(cidr, Instant.ofEpochMilli(run.get(0).timestamp()),
                end == null ? null : Instant.ofEpochMilli(end), List.copyOf(run));
    }

    /** The union of range intervals, oldest first. */
    static List<AddressInterval> union(List<RangeInterval> ranges) {
        List<RangeInterval> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(RangeInterval::from));
        List<AddressInterval> merged = new ArrayList<>();
        Instant from = null;
        Instant until = null;
        List<RangeInterval> members = new ArrayList<>();
        for (RangeInterval r : sorted) {
            boolean joins = from != null && (until == null || !r.from().isAfter(until));
            if (!joins) {
                if (from != null) {
                    merged.add(new AddressInterval(from, until, List.copyOf(members)));
                }
                from = r.from();
                until = r.until();
                members = new ArrayList<>();
            } else if (until != null && (r.until() == null || r.until().isAfter(until))) {
                until = r.until();
            }
            members.add(r);
        }
        if (from != null) {
            merged.add(new AddressInterval(from, until, List.copyOf(members)));
        }
        return merged;
    }
}
