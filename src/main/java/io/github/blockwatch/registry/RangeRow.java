package io.github.blockwatch.registry;

import java.util.List;

/**
 * One row of a dump read for its addresses only: an accepted row's blocks (canonical, sorted, without
 * duplicates, as {@link Entry#ranges()}), or the rejection the full parse gives the row.
 *
 * @param line     as {@link ParsedRow#line()}
 * @param ranges   the blocks of an accepted row; empty for a rejected one
 * @param rejected null for an accepted row
 */
public record RangeRow(long line, List<Cidr> ranges, ParsedRow.Rejected rejected) {
    static RangeRow accepted(long line, List<Cidr> ranges) {
        return new RangeRow(line, ranges, null);
    }

    static RangeRow of(ParsedRow.Rejected rejected) {
        return new RangeRow(rejected.line(), List.of(), rejected);
    }

    /** The addresses of a fully parsed row. */
    static RangeRow of(ParsedRow row) {
        return row instanceof ParsedRow.Accepted accepted
                ? accepted(accepted.line(), accepted.entry().ranges())
                : of((ParsedRow.Rejected) row);
    }

    public boolean isAccepted() {
        return rejected == null;
    }
}
