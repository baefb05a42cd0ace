package io.github.blockwatch.topology;

import io.github.blockwatch.avro.DecisionStats;
import io.github.blockwatch.avro.DumpProgress;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.TableTotals;
import io.github.blockwatch.kafka.Topic;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

/**
 * One {@link DumpStats} record per applied dump to {@code blockwatch.stats} (key = dump id): the table's
 * totals after the dump, and what the dump changed. Dashboards draw it over registry time.
 */
final class DumpStatsPublisher {
    /**
     * Decisions listed per stats record at most. One dump can touch every decision of the registry (the first
     * dump of a present-day registry: hundreds of thousands, ~100 bytes each), and a record must stay under
     * the topics' 16 MiB: a generated 1M-row dump made a 24.8 MB record and stopped the application. The
     * largest decisions are kept; the others' current figures stay in the decisions store (/api/decisions).
     */
    static final int MAX_DECISIONS_PER_RECORD = 50_000;

    private static final Comparator<DecisionStats> LARGEST_FIRST = Comparator
            .comparingLong(DecisionStats::getDistinctIpv4).reversed()
            .thenComparing(Comparator.comparingLong(DecisionStats::getRanges).reversed())
            .thenComparing(d -> d.getDecision().getNumber())
            .thenComparing(d -> d.getDecision().getOrg());

    private DumpStatsPublisher() {}

    static void addTo(KStream<String, TableChange> changes, Topic<String, DumpStats> topic) {
        changes.flatMapValues(change -> change instanceof TableChange.DumpApplied applied
                        ? List.of(stats(applied))
                        : List.<DumpStats>of())
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde()));
    }

    static DumpStats stats(TableChange.DumpApplied applied) {
        TableTotals totals = applied.totals();
        DumpProgress progress = applied.progress();
        return DumpStats.newBuilder()
                .setDump(applied.dump())
                .setRegistryTime(applied.dump().getRegistryTime())
                .setEntries(totals.getEntries())
                .setRanges(totals.getRangesIpv4() + totals.getRangesIpv6())
                .setRangesIpv6(totals.getRangesIpv6())
                .setDistinctIpv4(totals.getDistinctIpv4())
                .setDistinctIpv6(totals.getDistinctIpv6())
                .setAdded(progress.getAdded())
                .setRemoved(progress.getRemoved())
                .setUpdated(progress.getUpdated())
                .setNewlyBlockedIpv4(progress.getNewlyBlockedIpv4())
                .setUnblockedIpv4(progress.getUnblockedIpv4())
                .setOwners(applied.owners().owners())
                .setUnattributedIpv4(applied.owners().unattributedIpv4())
                .setDecisions(largest(applied.decisions(), MAX_DECISIONS_PER_RECORD))
                .setSources(applied.sources())
                .build();
    }

    /** {@code decisions} as they are when there are at most {@code limit}, else the {@code limit} largest. */
    static List<DecisionStats> largest(List<DecisionStats> decisions, int limit) {
        if (decisions.size() <= limit) {
            return decisions;
        }
        return decisions.stream().sorted(LARGEST_FIRST).limit(limit).toList();
    }
}
