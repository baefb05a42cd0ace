package io.github.blockwatch.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Collects the addresses of one entry into the canonical form {@link Entry#ranges()} promises: sorted,
 * without duplicates. The first invalid address spoils the whole entry, since a half-read entry would
 * silently unblock the rest.
 */
final class RangeListBuilder {
    private final TreeSet<Cidr> ranges = new TreeSet<>();

    /** Adds one address or block; blank text is ignored (the registry leaves empty fields and parts). */
    RangeListBuilder add(String text) throws InvalidAddressException {
        if (!text.isBlank()) {
            ranges.add(Cidr.parse(text));
        }
        return this;
    }

    List<Cidr> build() {
        return List.copyOf(new ArrayList<>(ranges));
    }
}
