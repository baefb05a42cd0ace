package io.github.blockwatch.topology;

import io.github.blockwatch.avro.SourceTotals;
import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DecisionStats;
import io.github.blockwatch.avro.DumpProgress;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.OwnerShare;
import io.github.blockwatch.avro.TableTotals;
import java.math.BigInteger;
import java.util.List;

/**
 * What the address table tells the processors after it: kept in memory inside one sub-topology, never
 * written to a topic, so it needs no serde.
 */
sealed interface TableChange {
    DumpRef dump();

    /** A range is now blocked by at least one entry, and was not before. */
    record RangeBlocked(BlockedRange range, BigInteger newlyBlocked, long totalIpv4, DumpRef dump)
            implements TableChange {}

    /** A blocked range gained or lost entries but stays blocked. */
    record RangeEntriesChanged(BlockedRange range, DumpRef dump) implements TableChange {}

    /** No entry blocks the range any more. */
    record RangeUnblocked(BlockedRange lastSeen, BigInteger unblocked, long totalIpv4, DumpRef dump)
            implements TableChange {}

    /**
     * Every event of a dump has been applied.
     *
     * @param owners    distinct blocked IPv4 addresses per owner after the dump; the rest is unattributed
     * @param decisions the figures of the decisions it touched, filled in by {@link DecisionSettler} (empty
     *                  as the address table emits it)
     * @param sources   each source's table alone after the dump ({@link SourceTables}), by name
     */
    record DumpApplied(DumpRef dump, TableTotals totals, DumpProgress progress, OwnerTotals owners,
                       List<DecisionStats> decisions, List<SourceTotals> sources) implements TableChange {
        DumpApplied(DumpRef dump, TableTotals totals, DumpProgress progress) {
            this(dump, totals, progress, new OwnerTotals(List.of(), totals.getDistinctIpv4()));
        }

        DumpApplied(DumpRef dump, TableTotals totals, DumpProgress progress, OwnerTotals owners) {
            this(dump, totals, progress, owners, List.of(), List.of());
        }

        DumpApplied withDecisions(List<DecisionStats> figures) {
            return new DumpApplied(dump, totals, progress, owners, List.copyOf(figures), sources);
        }
    }

    /** Distinct blocked IPv4 addresses per owner, and those no owner dataset claims; they add up to the distinct total. */
    record OwnerTotals(List<OwnerShare> owners, long unattributedIpv4) {}
}
