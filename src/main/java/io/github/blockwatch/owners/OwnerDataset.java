package io.github.blockwatch.owners;

import java.util.List;

/**
 * One owner file, read: its ranges (IPv4, one per distinct range), the lines it could not use, and how
 * many IPv6 ranges it lists (not loaded: the registry blocks hardly any IPv6, see docs/DESIGN.md).
 */
public record OwnerDataset(String name, OwnerFormat format, List<OwnerRange> ranges, List<Rejected> rejected,
                           int ipv6Skipped) {

    /** A line or JSON element that is not a usable range, with the reason. */
    public record Rejected(long line, String raw, String reason) {}
}
