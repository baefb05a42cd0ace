package io.github.blockwatch.topology;

import io.github.blockwatch.avro.DumpProgress;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.TableTotals;
import io.github.blockwatch.kafka.Topic;
import java.util.List;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

/**
 * One {@link DumpStats} record per applied dump to {@code blockwatch.stats} (key = dump id): the table's
 * totals after the dump, and what the dump changed. Dashboards draw it over registry time.
 */
final class DumpStatsPublisher {
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
                .setDecisions(applied.decisions())
                .build();
    }
}
