package io.github.blockwatch.registry;

import java.io.IOException;

/** Counts a dump's rows, entries, distinct ranges and distinct addresses, offline, in one pass. */
public final class DumpCounter {
    private DumpCounter() {}

    public static DumpCount count(DumpReader reader) throws IOException {
        return count(RangeReader.of(reader));
    }

    /** As {@link #count(DumpReader)}, from the addresses alone: see {@link Dumps#openRanges(DumpSource)}. */
    public static DumpCount count(RangeReader reader) throws IOException {
        return count(reader, null);
    }

    /** As {@link #count(RangeReader)}, adding the dump's ranges to {@code union} too (when not null). */
    public static DumpCount count(RangeReader reader, AddressTally union) throws IOException {
        AddressTally tally = new AddressTally();
        long rows = 0;
        long rejected = 0;
        long entries = 0;
        for (RangeRow row = reader.next(); row != null; row = reader.next()) {
            rows++;
            if (!row.isAccepted()) {
                rejected++;
                continue;
            }
            entries++;
            for (Cidr range : row.ranges()) {
                tally.add(range);
                if (union != null) {
                    union.add(range);
                }
            }
        }
        return new DumpCount(reader.header(), rows, rejected, entries, tally.rangesIpv4(), tally.rangesIpv6(),
                tally.distinctIpv4(), tally.distinctIpv6());
    }
}
