package io.github.blockwatch.registry;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * What the rows of a generated dump look like: which addresses, domain, URL and decision row {@code i}
 * carries. {@link DumpGenerator} does the rest — the {@code Updated:} line, the days of deltas, the parts —
 * and hands each row two random sources seeded from the row alone, so a row never depends on the rows
 * before it.
 */
public interface DumpShape {
    /** Rows of the base dump (day 0). */
    long rows();

    /** Registry time of the base dump. */
    Instant baseTime();

    /**
     * Appends row {@code i}, without its line break, in the mirror's dump.csv layout
     * ({@code addresses;domain;URL;org;number;date}). Rows at {@code i >= rows()} are those added on later days.
     *
     * @param identity  what identifies the entry (domain, URL, decision): the same on every day
     * @param addresses what the entry resolves to: drawn afresh when the row is re-resolved on a later day
     */
    void appendRow(StringBuilder row, long i, SplittableRandom identity, SplittableRandom addresses);
}
