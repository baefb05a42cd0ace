package io.github.blockwatch.registry;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.List;

/**
 * The keys of one dump.csv's rows, in file order: {@link EntryKeys#csv} with the {@code ~n} suffix of
 * {@link RepeatSuffixer} on repeats. Repeats are counted by the key's 64-bit hash, which the key's text
 * ({@code csv:} and those 64 bits in hex) stands for one to one, in a primitive map: a dump has a million
 * rows, and a map of boxed strings costs more than the rest of the row's parsing.
 */
final class CsvKeys {
    private final CsvKeyHash hash = new CsvKeyHash();
    private final Long2IntOpenHashMap seen = new Long2IntOpenHashMap();

    /** The key of the next row (its decision, domains, URLs and canonical ranges). */
    String next(Decision decision, List<String> domains, List<String> urls, List<Cidr> ranges) {
        long h = hash.hash(decision, domains, urls, ranges);
        int repeat = seen.addTo(h, 1);
        return RepeatSuffixer.suffixed(EntryKeys.csvKey(h), repeat);
    }
}
