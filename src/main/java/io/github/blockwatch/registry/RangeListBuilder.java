package io.github.blockwatch.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the addresses of one entry into the canonical form {@link Entry#ranges()} promises: sorted,
 * without duplicates. The first invalid address spoils the whole entry, since a half-read entry would
 * silently unblock the rest.
 */
final class RangeListBuilder {
    // A list sorted once at the end, not a TreeSet: most entries have one address, a few 260,000.
    private final List<Cidr> ranges = new ArrayList<>(1);

    /** Adds one address or block; blank text is ignored (the registry leaves empty fields and parts). */
    RangeListBuilder add(String text) throws InvalidAddressException {
        return add(text, 0, text.length());
    }

    /** As {@link #add(String)} on {@code text[from, to)}. */
    RangeListBuilder add(String text, int from, int to) throws InvalidAddressException {
        if (!isBlank(text, from, to)) {
            ranges.add(Cidr.parse(text, from, to));
        }
        return this;
    }

    /** Adds a block already parsed. */
    RangeListBuilder add(Cidr block) {
        ranges.add(block);
        return this;
    }

    List<Cidr> build() {
        if (ranges.size() > 1) {
            ranges.sort(null);
            // Equal blocks are adjacent now; keep the first of each run, as a TreeSet would.
            int kept = 1;
            for (int i = 1; i < ranges.size(); i++) {
                if (ranges.get(i).compareTo(ranges.get(kept - 1)) != 0) {
                    ranges.set(kept++, ranges.get(i));
                }
            }
            ranges.subList(kept, ranges.size()).clear();
        }
        return List.copyOf(ranges);
    }

    /** As {@link String#isBlank()} on {@code text[from, to)} (no whitespace character lies outside the BMP). */
    private static boolean isBlank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
