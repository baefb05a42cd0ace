package io.github.blockwatch.registry;

import java.util.HashMap;
import java.util.Map;

/**
 * Makes keys unique within one dump: the n-th repeat of a key (n &ge; 1, in file order) becomes
 * {@code key~n}. Identical rows are real (zi-2020 repeats one row 16 times) and must not overwrite each
 * other downstream; numbering in file order keeps the suffixes stable between dumps.
 */
final class RepeatSuffixer {
    private final Map<String, Integer> seen = new HashMap<>();

    String unique(String key) {
        return suffixed(key, seen.merge(key, 1, Integer::sum) - 1);
    }

    /** The key of the {@code repeat}-th repeat (0: the first occurrence, which keeps its key). */
    static String suffixed(String key, int repeat) {
        return repeat == 0 ? key : key + "~" + repeat;
    }
}
