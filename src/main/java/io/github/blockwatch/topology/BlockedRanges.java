package io.github.blockwatch.topology;

import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.registry.Cidr;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the public {@link BlockedRange} value from a range and the entries that block it: their count, and
 * the decisions of the sample its state holds (all of them up to {@link RangeEntries#DEFAULT_SAMPLE} entries).
 */
final class BlockedRanges {
    static final int MAX_DECISIONS = 5;
    private static final Comparator<Decision> BY_DATE_THEN_NUMBER =
            Comparator.comparing(Decision::getDate).thenComparing(Decision::getNumber).thenComparing(Decision::getOrg);

    private BlockedRanges() {}

    static BlockedRange of(Cidr cidr, RangeState state) {
        return BlockedRange.newBuilder()
                .setCidr(cidr.toString())
                .setFamily(cidr.family().version())
                .setFirstAddress(cidr.firstAddress())
                .setLastAddress(cidr.lastAddress())
                .setAddressCount(new BigDecimal(cidr.size()))
                .setEntryCount(RangeEntries.count(state))
                .setDecisions(decisions(state.getEntries().values()))
                .setFirstBlocked(state.getFirstBlocked())
                .setFirstBlockedDump(state.getFirstBlockedDump())
                .setSources(RangeSources.names(state))
                .build();
    }

    /** A range as events and stores carry it: canonical, validated by ingest. */
    static Cidr parse(String cidr) {
        try {
            return Cidr.parse(cidr);
        } catch (io.github.blockwatch.registry.InvalidAddressException e) {
            // Ranges were validated and canonicalised by ingest; a bad one here means a foreign producer.
            throw new IllegalArgumentException("event carries " + e.getMessage(), e);
        }
    }

    /** Up to five distinct decisions, oldest first, so the same entries always give the same list. */
    static List<Decision> decisions(Collection<Decision> decisions) {
        return decisions.stream()
                .filter(d -> !d.getNumber().isEmpty() || !d.getOrg().isEmpty())
                .distinct()
                .sorted(BY_DATE_THEN_NUMBER)
                .limit(MAX_DECISIONS)
                .toList();
    }

    /** Placeholder for entries without a decision (plain CIDR lists): Avro map values cannot be null. */
    static Decision noDecision() {
        return new Decision("", "", "");
    }
}
