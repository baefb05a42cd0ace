package io.github.blockwatch.topology;

import io.github.blockwatch.avro.PendingUnblock;
import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.avro.TableTotals;
import io.github.blockwatch.registry.AddressCoverage;
import io.github.blockwatch.registry.IpFamily;
import java.math.BigDecimal;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the coverages of the address table ({@value StoreNames#ADDRESS_COVERAGE} for the union,
 * {@value StoreNames#SOURCE_COVERAGE} for each source) from stores without a changelog.
 *
 * <p>A coverage is a function of the ranges the table blocks, and those are kept, with their changelogs, in
 * the ranges store (plus, for the union, the ranges whose last entry a dump in progress removed, which stay
 * covered until it completes). Logging the coverage too cost two records per range blocked or unblocked, the
 * largest share of what the table wrote (issue 18). So when the table's processor starts, each coverage is
 * checked against the distinct addresses the table counts (the totals store, which has a changelog) and
 * rebuilt from the ranges when they differ, or when the coverage is not of the table's present generation
 * ({@link TableGeneration}: a wiped state directory, or one a task left on this instance before it moved
 * away and back).
 */
final class DerivedCoverage {
    private static final Logger LOG = LoggerFactory.getLogger(DerivedCoverage.class);

    private DerivedCoverage() {}

    /**
     * The union's coverage in {@code store}, rebuilt from {@code ranges} and {@code pending} unless it is of the
     * table's generation and covers exactly the distinct addresses {@code union} counts; kept in step from now on.
     */
    static IndexedBoundaryMap union(KeyValueStore<Bytes, Integer> store, String name, TableTotals union,
                                    KeyValueStore<String, RangeState> ranges,
                                    KeyValueStore<String, PendingUnblock> pending, TableGeneration generation) {
        IndexedBoundaryMap map = IndexedBoundaryMap.load(store);
        boolean current = generation.current(name);
        if (!current || !counts(map, union)) {
            LOG.info("rebuilding the address coverage ({} IPv4 addresses covered, {} in the table{})",
                    map.covered(IpFamily.IPV4), union.getDistinctIpv4(), current ? "" : "; not of the table's generation");
            map.clear();
            AddressCoverage coverage = new AddressCoverage(map);
            addEvery(coverage, ranges, state -> true);
            addEvery(coverage, pending, unblock -> true);
        }
        generation.matched(name);
        return map;
    }

    /**
     * The coverage of {@code source} in {@code store} (under its name), rebuilt from the ranges it lists unless it
     * is of the table's generation (as {@code stampName}) and covers exactly the distinct addresses {@code table},
     * the source's totals, counts; kept in step from now on.
     */
    static IndexedBoundaryMap source(KeyValueStore<Bytes, Integer> store, String source, String stampName,
                                     TableTotals table, KeyValueStore<String, RangeState> ranges,
                                     TableGeneration generation) {
        IndexedBoundaryMap map = IndexedBoundaryMap.load(store, source);
        boolean current = generation.current(stampName);
        if (!current || !counts(map, table)) {
            LOG.info("rebuilding the address coverage of source {} ({} IPv4 addresses covered, {} in its table{})",
                    source, map.covered(IpFamily.IPV4), table.getDistinctIpv4(),
                    current ? "" : "; not of the table's generation");
            rebuildSource(map, source, ranges);
        }
        generation.matched(stampName);
        return map;
    }

    /** Makes {@code map} the coverage of the ranges in {@code ranges} that {@code source} lists. */
    static void rebuildSource(IndexedBoundaryMap map, String source, KeyValueStore<String, RangeState> ranges) {
        map.clear();
        addEvery(new AddressCoverage(map), ranges, state -> RangeSources.count(state, source) > 0);
    }

    /** Whether {@code map} covers as many addresses of each family as {@code table} counts. */
    static boolean counts(IndexedBoundaryMap map, TableTotals table) {
        return map.covered(IpFamily.IPV4).longValueExact() == table.getDistinctIpv4()
                && new BigDecimal(map.covered(IpFamily.IPV6)).compareTo(table.getDistinctIpv6()) == 0;
    }

    /** Covers every range (a key of {@code byRange}) whose value passes {@code taken}. */
    private static <V> void addEvery(AddressCoverage coverage, KeyValueStore<String, V> byRange, Predicate<V> taken) {
        try (KeyValueIterator<String, V> it = byRange.all()) {
            while (it.hasNext()) {
                KeyValue<String, V> range = it.next();
                if (taken.test(range.value)) {
                    coverage.add(BlockedRanges.parse(range.key));
                }
            }
        }
    }

    /** The addresses {@code map} covers, as a table counts them. */
    static TableTotals coveredBy(IndexedBoundaryMap map, TableTotals into) {
        into.setDistinctIpv4(map.covered(IpFamily.IPV4).longValueExact());
        into.setDistinctIpv6(new BigDecimal(map.covered(IpFamily.IPV6)));
        return into;
    }
}
