package io.github.blockwatch.topology;

import io.github.blockwatch.avro.SourceTotals;
import io.github.blockwatch.avro.TableTotals;
import io.github.blockwatch.registry.SourceNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Each source's table alone, as {@code DumpStats.sources} carries it, from the per-source totals kept in
 * {@value StoreNames#TABLE_TOTALS} under {@value StoreNames#SOURCE_TOTALS_PREFIX} + name ({@link SourceTables}).
 * One rule for the topology and the read side: while the table has met a single source, that source keeps no
 * coverage of its own and its distinct counts are the union's; a table filled before sources existed has no
 * per-source keys at all and is the default source's.
 */
public final class SourceTotalsSnapshot {
    private SourceTotalsSnapshot() {}

    /** Every source's table now, by name, read from the totals store (the instance's part that holds the table). */
    public static List<SourceTotals> read(ReadOnlyKeyValueStore<String, TableTotals> totals) {
        TableTotals union = totals.get(StoreNames.TOTALS_KEY);
        if (union == null) {
            return List.of();
        }
        Map<String, TableTotals> tables = new TreeMap<>();
        try (KeyValueIterator<String, TableTotals> it = totals.prefixScan(StoreNames.SOURCE_TOTALS_PREFIX,
                Serdes.String().serializer())) {
            it.forEachRemaining(kv -> tables.put(kv.key.substring(StoreNames.SOURCE_TOTALS_PREFIX.length()), kv.value));
        }
        if (tables.isEmpty() && union.getEntries() > 0) {
            tables.put(SourceNames.DEFAULT, union);
        }
        return of(tables, union);
    }

    /** The tables by name ({@code tables} sorted or not), the union's distinct counts standing in for a single source's. */
    static List<SourceTotals> of(Map<String, TableTotals> tables, TableTotals union) {
        List<SourceTotals> all = new ArrayList<>(tables.size());
        boolean separate = tables.size() > 1;
        for (Map.Entry<String, TableTotals> e : new TreeMap<>(tables).entrySet()) {
            TableTotals table = e.getValue();
            all.add(SourceTotals.newBuilder()
                    .setSource(e.getKey())
                    .setEntries(table.getEntries())
                    .setRanges(table.getRangesIpv4() + table.getRangesIpv6())
                    .setRangesIpv6(table.getRangesIpv6())
                    .setDistinctIpv4(separate ? table.getDistinctIpv4() : union.getDistinctIpv4())
                    .setDistinctIpv6(separate ? table.getDistinctIpv6() : union.getDistinctIpv6())
                    .build());
        }
        return all;
    }
}
