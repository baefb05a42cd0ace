package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.PendingUnblock;
import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.avro.TableTotals;
import io.github.blockwatch.kafka.AvroSerde;
import io.github.blockwatch.registry.AddressCoverage;
import io.github.blockwatch.registry.BoundaryMap;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.Dumps;
import io.github.blockwatch.registry.IpFamily;
import io.github.blockwatch.registry.ParsedRow;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coverage stores have no changelog ({@link DerivedCoverage}): a coverage that does not count what the
 * table counts (wiped with the task's state, never held by this instance) is rebuilt from the ranges, and the
 * rebuilt one is the coverage the table built range by range; one that counts what the table counts is kept.
 * The ranges are those of the bundled 2018-05-05 mirror dump (the Telegram ban: nested and overlapping cloud
 * ranges) and, as the mirror's dumps list no IPv6, Telegram's own IPv6 prefixes with two nested in them.
 */
class DerivedCoverageTest {
    private static final Instant DAY = Instant.parse("2018-05-05T00:00:00Z");
    private static List<Cidr> dumpRanges;

    @TempDir
    Path stateDir;

    private MockProcessorContext<String, String> context;
    private final List<KeyValueStore<?, ?>> opened = new ArrayList<>();

    @BeforeAll
    static void readTheDump() throws Exception {
        TreeSet<Cidr> ranges = new TreeSet<>();
        try (DumpReader reader = Dumps.open(Path.of("data/zi-2018-05-05.csv.gz"))) {
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                if (row instanceof ParsedRow.Accepted accepted) {
                    ranges.addAll(accepted.entry().ranges());
                }
            }
        }
        for (String ipv6 : List.of("2001:67c:4e8::/48", "2001:b28:f23d::/48", "2001:b28:f23f::/48",
                "2001:b28:f23d:f001::/64", "2001:67c:4e8:f004::/64")) {
            ranges.add(Cidr.parse(ipv6));
        }
        dumpRanges = List.copyOf(ranges);
    }

    @BeforeEach
    void context() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "derived-coverage-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        context = new MockProcessorContext<>(config, new TaskId(0, 0), stateDir.toFile());
    }

    @AfterEach
    void close() {
        opened.forEach(KeyValueStore::close);
    }

    @Test
    void shouldRebuildAWipedCoverageFromTheRangesAndTheUnblocksStillPending() {
        KeyValueStore<String, RangeState> ranges = store("ranges", Serdes.String(), AvroSerde.of(RangeState.class));
        KeyValueStore<String, PendingUnblock> pending = store("pending", Serdes.String(), AvroSerde.of(PendingUnblock.class));
        // Every 40th range lost its last entry in a dump still being applied: it is covered until the dump ends.
        for (int i = 0; i < dumpRanges.size(); i++) {
            String cidr = dumpRanges.get(i).toString();
            if (i % 40 == 0) {
                pending.put(cidr, new PendingUnblock("d1", state(Map.of()), new Decision("", "", "")));
            } else {
                ranges.put(cidr, state(Map.of("default", 1)));
            }
        }
        KeyValueStore<Bytes, Integer> asWritten = coverageStore("as-written");
        TableTotals table = coverRangeByRange(asWritten, dumpRanges);
        assertThat(dumpRanges).hasSizeGreaterThan(10_000);
        assertThat(table.getDistinctIpv6()).isPositive();

        KeyValueStore<Bytes, Integer> wiped = coverageStore("address-coverage");
        IndexedBoundaryMap rebuilt = DerivedCoverage.union(wiped, "address-coverage", table, ranges, pending, generation(7));

        assertThat(DerivedCoverage.counts(rebuilt, table)).isTrue();
        IndexedBoundaryMap reference = IndexedBoundaryMap.load(asWritten);
        IndexedBoundaryMap reloaded = IndexedBoundaryMap.load(wiped);
        for (IpFamily family : IpFamily.values()) {
            assertThat(all(rebuilt, family)).isEqualTo(all(reference, family)).isEqualTo(all(reloaded, family));
        }
    }

    @Test
    void shouldKeepACoverageThatCountsWhatTheTableCountsAndRebuildOneThatDoesNot() throws Exception {
        List<Cidr> some = dumpRanges.subList(0, 2_000);
        KeyValueStore<String, RangeState> ranges = store("ranges", Serdes.String(), AvroSerde.of(RangeState.class));
        some.forEach(cidr -> ranges.put(cidr.toString(), state(Map.of("default", 1))));
        KeyValueStore<String, PendingUnblock> none = store("pending", Serdes.String(), AvroSerde.of(PendingUnblock.class));
        KeyValueStore<Bytes, Integer> coverage = coverageStore("address-coverage");
        TableTotals table = coverRangeByRange(coverage, some);

        TableGeneration generation = generation(3);
        generation.matched("address-coverage");

        // Kept as it is: the ranges store is not even read (a range only there would otherwise show up).
        ranges.put("203.0.113.0/24", state(Map.of("default", 1)));
        IndexedBoundaryMap kept = DerivedCoverage.union(coverage, "address-coverage", table, ranges, none, generation);
        assertThat(kept.covered(IpFamily.IPV4).longValueExact()).isEqualTo(table.getDistinctIpv4());
        ranges.delete("203.0.113.0/24");

        // One address more than the table counts: what a store that kept a write the table did not is like.
        new AddressCoverage(kept).add(Cidr.parse("192.0.2.1/32"));
        IndexedBoundaryMap rebuilt = DerivedCoverage.union(coverage, "address-coverage", table, ranges, none, generation);

        assertCoverageOf(some, rebuilt, coverage);
    }

    @Test
    void shouldRebuildACoverageOfAnEarlierGenerationThoughItCountsWhatTheTableCounts() throws Exception {
        // What a task finds on an instance it left and came back to: its derived stores as they were, while a
        // dump swapped one address for another (same counts) on the instance it had moved to.
        List<Cidr> before = new ArrayList<>(dumpRanges.subList(0, 2_000));
        KeyValueStore<Bytes, Integer> coverage = coverageStore("address-coverage");
        TableTotals atLeaving = coverRangeByRange(coverage, before);
        KeyValueStore<String, Long> logged = longs("table-generation");
        KeyValueStore<String, Long> stamps = longs("derived-stamps");
        TableGeneration whenItLeft = TableGeneration.open(logged, stamps);
        whenItLeft.matched("address-coverage");
        whenItLeft.applied();

        List<Cidr> after = new ArrayList<>(before);
        after.set(after.indexOf(Cidr.parse("1.179.201.18/32")), Cidr.parse("192.0.2.1/32"));
        KeyValueStore<String, RangeState> ranges = store("ranges", Serdes.String(), AvroSerde.of(RangeState.class));
        after.forEach(cidr -> ranges.put(cidr.toString(), state(Map.of("default", 1))));
        TableTotals table = coverRangeByRange(coverageStore("elsewhere"), after);
        assertThat(table).isEqualTo(atLeaving);
        logged.put(TableGeneration.APPLIED, 2L); // the other instance applied the swapping dump's delta

        IndexedBoundaryMap back = DerivedCoverage.union(coverage, "address-coverage", table, ranges,
                store("pending", Serdes.String(), AvroSerde.of(PendingUnblock.class)), TableGeneration.open(logged, stamps));

        assertCoverageOf(after, back, coverage);
        assertThat(TableGeneration.open(logged, stamps).current("address-coverage")).isTrue();
    }

    private void assertCoverageOf(List<Cidr> ranges, IndexedBoundaryMap rebuilt, KeyValueStore<Bytes, Integer> store) {
        IndexedBoundaryMap reference = IndexedBoundaryMap.load(coverageStore("reference"));
        coverRangeByRange(reference, ranges);
        IndexedBoundaryMap reloaded = IndexedBoundaryMap.load(store);
        for (IpFamily family : IpFamily.values()) {
            assertThat(all(rebuilt, family)).isEqualTo(all(reference, family)).isEqualTo(all(reloaded, family));
        }
    }

    @Test
    void shouldRebuildASourcesCoverageFromTheRangesThatSourceListsOnly() throws Exception {
        KeyValueStore<String, RangeState> ranges = store("ranges", Serdes.String(), AvroSerde.of(RangeState.class));
        List<Cidr> ofA = new ArrayList<>();
        for (int i = 0; i < dumpRanges.size(); i++) {
            Cidr cidr = dumpRanges.get(i);
            boolean a = i % 3 != 0;
            boolean b = i % 2 == 0;
            Map<String, Integer> sources = new HashMap<>();
            if (a) {
                sources.put("a", 1);
                ofA.add(cidr);
            }
            if (b || !a) {
                sources.put("b", 2);
            }
            ranges.put(cidr.toString(), state(sources));
        }
        TableTotals tableOfA = coverRangeByRange(coverageStore("as-written"), ofA);
        KeyValueStore<Bytes, Integer> shared = coverageStore("source-coverage");
        // Source b's coverage in the same store, under its own prefix: a's rebuild must leave it alone.
        IndexedBoundaryMap ofB = IndexedBoundaryMap.load(shared, "b");
        new AddressCoverage(ofB).add(Cidr.parse("198.51.100.0/24"));

        TableGeneration generation = generation(5);
        generation.matched("source-coverage\0a"); // of the generation: rebuilt for its counts alone

        IndexedBoundaryMap rebuilt = DerivedCoverage.source(shared, "a", "source-coverage\0a", tableOfA, ranges, generation);

        assertThat(DerivedCoverage.counts(rebuilt, tableOfA)).isTrue();
        assertThat(IndexedBoundaryMap.load(shared, "a").covered(IpFamily.IPV4).longValueExact())
                .isEqualTo(tableOfA.getDistinctIpv4()).isLessThan(coverRangeByRange(coverageStore("all"), dumpRanges).getDistinctIpv4());
        assertThat(IndexedBoundaryMap.load(shared, "b").covered(IpFamily.IPV4)).isEqualTo(BigInteger.valueOf(256));
    }

    /** The coverage of {@code blocks} built as the table builds it, one range after the other; its counts. */
    private static TableTotals coverRangeByRange(KeyValueStore<Bytes, Integer> store, List<Cidr> blocks) {
        return coverRangeByRange(IndexedBoundaryMap.load(store), blocks);
    }

    private static TableTotals coverRangeByRange(IndexedBoundaryMap map, List<Cidr> blocks) {
        AddressCoverage coverage = new AddressCoverage(map);
        TableTotals table = Totals.empty();
        for (Cidr block : blocks) {
            Totals.adjust(table, block, coverage.add(block), +1);
        }
        return table;
    }

    /** A table that has applied {@code applied} deltas, none of its derived stores stamped yet. */
    private TableGeneration generation(long applied) {
        KeyValueStore<String, Long> logged = longs("table-generation-" + applied);
        logged.put(TableGeneration.APPLIED, applied);
        return TableGeneration.open(logged, longs("derived-stamps-" + applied));
    }

    private KeyValueStore<String, Long> longs(String name) {
        return store(name, Serdes.String(), Serdes.Long());
    }

    private static RangeState state(Map<String, Integer> sources) {
        return new RangeState(new HashMap<>(), DAY, "d1", 0, new HashMap<>(sources));
    }

    private static List<BoundaryMap.Boundary> all(BoundaryMap map, IpFamily family) {
        return map.range(family, BigInteger.ZERO, BigInteger.ONE.shiftLeft(family.bits()).add(BigInteger.ONE));
    }

    private KeyValueStore<Bytes, Integer> coverageStore(String name) {
        KeyValueStore<Bytes, Integer> kv = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.Integer()).withLoggingDisabled().build();
        kv.init(context.getStateStoreContext(), kv);
        opened.add(kv);
        return kv;
    }

    private <K, V> KeyValueStore<K, V> store(String name, Serde<K> keys, Serde<V> values) {
        KeyValueStore<K, V> kv = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
                .withLoggingDisabled().build();
        kv.init(context.getStateStoreContext(), kv);
        opened.add(kv);
        return kv;
    }
}
