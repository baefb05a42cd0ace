package io.github.blockwatch.topology;

import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.avro.SourceTotals;
import io.github.blockwatch.avro.TableTotals;
import io.github.blockwatch.registry.AddressCoverage;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.SourceNames;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The table of each source alone, beside the union the address table keeps: per source its entries, its
 * ranges (those with at least one of its entries, counted from {@link RangeSources}) and its exact distinct
 * addresses. Totals are {@code TableTotals} in the totals store under {@value #TOTALS_PREFIX} + the name.
 *
 * <p>Distinct addresses need a coverage of their own per source ({@value StoreNames#SOURCE_COVERAGE}, keys =
 * the name, a zero byte, the boundary key). While the table has met a single source, that source's table is
 * the union, so no second coverage is kept and the union's counts are its counts: a single-feed deployment
 * pays nothing for sources. When a second source first comes, the first one's coverage is built once from
 * the ranges it lists, and from then on every source's coverage follows its ranges. The store has no changelog:
 * each coverage is checked against its source's counts when first used and rebuilt if they differ
 * ({@link DerivedCoverage}).
 */
final class SourceTables {
    static final String TOTALS_PREFIX = StoreNames.SOURCE_TOTALS_PREFIX;

    private final KeyValueStore<String, TableTotals> totals;
    private final KeyValueStore<Bytes, Integer> coverageStore;
    private final KeyValueStore<String, RangeState> ranges;
    private final String coverageName;
    private final TableGeneration generation;
    /** By name, sorted; the stored values, written back by {@link #store}. */
    private final Map<String, TableTotals> tables = new TreeMap<>();
    private final Map<String, AddressCoverage> coverages = new HashMap<>();
    private final Set<String> touched = new HashSet<>();

    SourceTables(KeyValueStore<String, TableTotals> totals, KeyValueStore<Bytes, Integer> coverageStore,
                 String coverageName, KeyValueStore<String, RangeState> ranges, TableTotals union,
                 TableGeneration generation) {
        this.totals = totals;
        this.coverageStore = coverageStore;
        this.coverageName = coverageName;
        this.ranges = ranges;
        this.generation = generation;
        try (KeyValueIterator<String, TableTotals> it = totals.prefixScan(TOTALS_PREFIX,
                org.apache.kafka.common.serialization.Serdes.String().serializer())) {
            it.forEachRemaining(kv -> tables.put(kv.key.substring(TOTALS_PREFIX.length()), kv.value));
        }
        if (tables.isEmpty() && union.getEntries() > 0) {
            // A table filled before sources existed: all of it is the default source's.
            tables.put(SourceNames.DEFAULT, TableTotals.newBuilder(union).build());
            touched.add(SourceNames.DEFAULT);
        }
        if (separate()) {
            // Each is checked now and kept in step by every delta, whether or not the delta is the source's.
            tables.keySet().forEach(this::coverage);
        }
    }

    /** Whether each source keeps a coverage of its own: once the table has met more than one. */
    private boolean separate() {
        return tables.size() > 1;
    }

    void entryAdded(String source) {
        TableTotals table = table(source);
        table.setEntries(table.getEntries() + 1);
    }

    void entryRemoved(String source) {
        TableTotals table = table(source);
        table.setEntries(table.getEntries() - 1);
    }

    /** The source's first entry for {@code cidr} came. */
    void rangeListed(String source, Cidr cidr) {
        TableTotals table = table(source);
        BigInteger newly = separate() ? coverage(source).add(cidr) : BigInteger.ZERO;
        Totals.adjust(table, cidr, newly, +1);
    }

    /** The source's last entry for {@code cidr} went. */
    void rangeUnlisted(String source, Cidr cidr) {
        TableTotals table = table(source);
        BigInteger gone = separate() ? coverage(source).remove(cidr) : BigInteger.ZERO;
        Totals.adjust(table, cidr, gone.negate(), -1);
    }

    /** Every source's table now, by name; with one source, the union's distinct counts are its own. */
    List<SourceTotals> snapshot(TableTotals union) {
        return SourceTotalsSnapshot.of(tables, union);
    }

    /** Writes back the totals of the sources changed since the last call. */
    void store() {
        for (String source : touched) {
            totals.put(TOTALS_PREFIX + source, tables.get(source));
        }
        touched.clear();
    }

    private TableTotals table(String source) {
        TableTotals table = tables.get(source);
        if (table == null) {
            if (tables.size() == 1) {
                buildCoverage(tables.keySet().iterator().next());
            }
            table = Totals.empty();
            tables.put(source, table);
        }
        touched.add(source);
        return table;
    }

    /**
     * The coverage of the one source met so far, built from the ranges it lists, when a second comes. Ranges
     * whose last entry its dump in progress removed are no longer in the ranges store, as they are no longer
     * the source's; the distinct counts it had as the union are recounted here.
     */
    private void buildCoverage(String source) {
        IndexedBoundaryMap map = IndexedBoundaryMap.load(coverageStore, source);
        DerivedCoverage.rebuildSource(map, source, ranges);
        DerivedCoverage.coveredBy(map, tables.get(source));
        generation.matched(stampName(source));
        coverages.put(source, new AddressCoverage(map));
        touched.add(source);
    }

    private AddressCoverage coverage(String source) {
        return coverages.computeIfAbsent(source, name -> new AddressCoverage(
                DerivedCoverage.source(coverageStore, name, stampName(name), tables.get(name), ranges, generation)));
    }

    /** The source's coverage as {@link TableGeneration} names it (source names hold no zero byte). */
    private String stampName(String source) {
        return coverageName + '\0' + source;
    }
}
