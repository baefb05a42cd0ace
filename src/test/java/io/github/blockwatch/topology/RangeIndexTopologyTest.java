package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.PendingUnblock;
import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.avro.TableTotals;
import io.github.blockwatch.kafka.AvroSerde;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.InvalidAddressException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The range index ({@link RangeIndex}, {@link RangeIndexKeys}) holds exactly the ranges of the ranges store,
 * by address and newest first-blocked first, through blocks, unblocks and a range moving between entries,
 * and is rebuilt when it does not match the table. ({@link BlockwatchTopologyProperties} checks the index
 * against the table after every try, events in any order.)
 */
class RangeIndexTopologyTest {
    /** Newest first-blocked first, then largest first, then address order: what /api/ranges/recent lists. */
    static final Comparator<Map.Entry<Cidr, Instant>> NEWEST_LARGEST_FIRST =
            Comparator.comparing((Map.Entry<Cidr, Instant> e) -> e.getValue()).reversed()
                    .thenComparing(e -> e.getKey().family().bits() - e.getKey().prefixLength(), Comparator.reverseOrder())
                    .thenComparing(Map.Entry::getKey);

    @TempDir
    Path stateDir;

    private BlockwatchDriver driver;
    private TestInputTopic<String, RegistryEvent> events;

    @BeforeEach
    void start() {
        driver = BlockwatchDriver.start("range-index-test", stateDir, AlertRules.defaults());
        events = driver.input(Topics.REGISTRY_EVENTS);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldListTheRangesByAddressAndTheNewestLargestFirst() {
        TestEvents.pipe(events, TestEvents.dump("2018-04-16T00:00:00Z")
                .added("a", "10.0.0.0/8", "52.58.0.0/15")
                .added("b", "1.2.3.4/32", "2001:db8::/32").build());
        TestEvents.pipe(events, TestEvents.dump("2018-04-17T00:00:00Z")
                .added("c", "9.9.9.9/32", "52.0.0.0/11", "52.58.1.0/24").build());

        assertThat(byAddress(driver)).containsExactly("1.2.3.4/32", "9.9.9.9/32", "10.0.0.0/8", "52.0.0.0/11",
                "52.58.0.0/15", "52.58.1.0/24", "2001:db8::/32");
        assertThat(newestFirst(driver)).extracting(Map.Entry::getKey).extracting(Cidr::toString)
                .containsExactly("52.0.0.0/11", "52.58.1.0/24", "9.9.9.9/32",
                        "2001:db8::/32", "10.0.0.0/8", "52.58.0.0/15", "1.2.3.4/32");
        assertThat(newestFirst(driver).get(0).getValue()).isEqualTo(Instant.parse("2018-04-17T00:00:00Z"));
    }

    @Test
    void shouldDropAnUnblockedRangeAndKeepOneThatMovedToAnotherEntry() {
        TestEvents.pipe(events, TestEvents.dump("2018-04-16T00:00:00Z")
                .added("a", "10.0.0.0/8", "11.0.0.0/8").added("b", "12.0.0.0/8").build());
        // a's 11.0.0.0/8 moves to c in the same dump, after a lost it: it never stopped being blocked.
        TestEvents.pipe(events, TestEvents.dump("2018-04-17T00:00:00Z")
                .removed("a", "10.0.0.0/8", "11.0.0.0/8").added("c", "11.0.0.0/8").build());

        assertThat(byAddress(driver)).containsExactly("11.0.0.0/8", "12.0.0.0/8");
        assertThat(newestFirst(driver)).extracting(Map.Entry::getValue)
                .containsOnly(Instant.parse("2018-04-16T00:00:00Z"));
    }

    @Test
    void shouldRebuildAnIndexThatDoesNotMatchTheTable() throws InvalidAddressException {
        MockProcessorContext<String, String> context = new MockProcessorContext<>();
        KeyValueStore<Bytes, byte[]> index = inMemory("index", Serdes.Bytes(), Serdes.ByteArray(), context);
        KeyValueStore<String, RangeState> ranges = inMemory("ranges", Serdes.String(), AvroSerde.of(RangeState.class), context);
        KeyValueStore<String, PendingUnblock> pending = inMemory("pending", Serdes.String(), AvroSerde.of(PendingUnblock.class), context);
        Instant day = Instant.parse("2018-04-16T00:00:00Z");
        for (String cidr : List.of("10.0.0.0/8", "1.2.3.4/32", "2001:db8::/32")) {
            ranges.put(cidr, new RangeState(new HashMap<>(), day, "d1", 0, new java.util.HashMap<>()));
        }
        // A range unblocked since, still indexed: what an index that missed a write looks like.
        index.put(RangeIndexKeys.byAddress(Cidr.parse("9.9.9.9/32")), new byte[0]);

        RangeIndex.open(index, ranges, new TableTotals(3L, 2L, 1L, 0L, BigDecimal.ZERO), pending, generation(context, 1));

        assertThat(decoded(index, RangeIndexKeys.byAddressRegion())).extracting(Cidr::toString)
                .containsExactly("1.2.3.4/32", "10.0.0.0/8", "2001:db8::/32");
        assertThat(decoded(index, RangeIndexKeys.newestFirstRegion())).extracting(Cidr::toString)
                .containsExactly("2001:db8::/32", "10.0.0.0/8", "1.2.3.4/32");
    }

    @Test
    void shouldRebuildAnIndexOfAnEarlierGenerationThoughItCountsWhatTheTableCounts() throws InvalidAddressException {
        MockProcessorContext<String, String> context = new MockProcessorContext<>();
        KeyValueStore<Bytes, byte[]> index = inMemory("index", Serdes.Bytes(), Serdes.ByteArray(), context);
        KeyValueStore<String, RangeState> ranges = inMemory("ranges", Serdes.String(), AvroSerde.of(RangeState.class), context);
        KeyValueStore<String, PendingUnblock> pending = inMemory("pending", Serdes.String(), AvroSerde.of(PendingUnblock.class), context);
        Instant day = Instant.parse("2018-04-16T00:00:00Z");
        ranges.put("10.0.0.0/8", new RangeState(new HashMap<>(), day, "d1", 0, new HashMap<>()));
        ranges.put("1.2.3.4/32", new RangeState(new HashMap<>(), day, "d1", 0, new HashMap<>()));
        TableTotals totals = new TableTotals(2L, 2L, 0L, 0L, BigDecimal.ZERO);
        KeyValueStore<String, Long> logged = inMemory("generation", Serdes.String(), Serdes.Long(), context);
        KeyValueStore<String, Long> stamps = inMemory("stamps", Serdes.String(), Serdes.Long(), context);
        TableGeneration here = TableGeneration.open(logged, stamps);
        RangeIndex.open(index, ranges, totals, pending, here);
        here.applied(); // a delta that changed nothing here; the index is stamped 1 as the task leaves

        // Elsewhere, a dump swapped 1.2.3.4 for 5.6.7.8: the same count of ranges.
        ranges.delete("1.2.3.4/32");
        ranges.put("5.6.7.8/32", new RangeState(new HashMap<>(), day, "d2", 0, new HashMap<>()));
        logged.put(TableGeneration.APPLIED, 2L);
        RangeIndex.open(index, ranges, totals, pending, TableGeneration.open(logged, stamps));

        assertThat(decoded(index, RangeIndexKeys.byAddressRegion())).extracting(Cidr::toString)
                .containsExactly("5.6.7.8/32", "10.0.0.0/8");
    }

    /** A table that has applied {@code applied} deltas, none of its derived stores stamped yet. */
    private static TableGeneration generation(MockProcessorContext<String, String> context, long applied) {
        KeyValueStore<String, Long> logged = inMemory("generation", Serdes.String(), Serdes.Long(), context);
        logged.put(TableGeneration.APPLIED, applied);
        return TableGeneration.open(logged, inMemory("stamps", Serdes.String(), Serdes.Long(), context));
    }

    @Test
    void shouldRoundTripKeysOfBothRegions() throws InvalidAddressException {
        for (String text : List.of("0.0.0.0/0", "255.255.255.255/32", "52.58.0.0/15", "::/0", "2a03:2880::/29",
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128")) {
            Cidr cidr = Cidr.parse(text);
            Instant at = Instant.parse("2026-12-01T10:15:30.123Z");
            assertThat(RangeIndexKeys.cidr(RangeIndexKeys.byAddress(cidr))).isEqualTo(cidr);
            assertThat(RangeIndexKeys.cidr(RangeIndexKeys.newestFirst(at, cidr))).isEqualTo(cidr);
            assertThat(RangeIndexKeys.firstBlocked(RangeIndexKeys.newestFirst(at, cidr))).isEqualTo(at);
        }
        assertThat(RangeIndexKeys.newestFirst(Instant.parse("2020-01-01T00:00:00Z"), Cidr.parse("1.0.0.0/8")))
                .isLessThan(RangeIndexKeys.newestFirst(Instant.parse("2019-01-01T00:00:00Z"), Cidr.parse("1.0.0.0/8")));
    }

    /** Both regions of the index hold the ranges store's keys, in their orders, with their first-blocked times. */
    static void assertIndexMatchesTheTable(BlockwatchDriver driver) {
        KeyValueStore<String, RangeState> ranges = driver.driver().getKeyValueStore(StoreNames.BLOCKED_RANGES);
        Map<Cidr, Instant> table = new HashMap<>();
        try (KeyValueIterator<String, RangeState> it = ranges.all()) {
            while (it.hasNext()) {
                KeyValue<String, RangeState> kv = it.next();
                table.put(parse(kv.key), kv.value.getFirstBlocked());
            }
        }
        List<String> expectedByAddress = table.keySet().stream().sorted().map(Cidr::toString).toList();
        List<Map.Entry<Cidr, Instant>> expectedNewest = table.entrySet().stream().sorted(NEWEST_LARGEST_FIRST).toList();

        assertThat(byAddress(driver)).isEqualTo(expectedByAddress);
        assertThat(newestFirst(driver)).isEqualTo(expectedNewest);
    }

    private static Cidr parse(String cidr) {
        try {
            return Cidr.parse(cidr);
        } catch (InvalidAddressException e) {
            throw new AssertionError("ranges store key " + cidr, e);
        }
    }

    private static List<String> byAddress(BlockwatchDriver driver) {
        return decoded(indexStore(driver), RangeIndexKeys.byAddressRegion()).stream().map(Cidr::toString).toList();
    }

    private static List<Map.Entry<Cidr, Instant>> newestFirst(BlockwatchDriver driver) {
        List<Map.Entry<Cidr, Instant>> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = indexStore(driver).prefixScan(RangeIndexKeys.newestFirstRegion(),
                Serdes.Bytes().serializer())) {
            it.forEachRemaining(kv -> keys.add(Map.entry(RangeIndexKeys.cidr(kv.key), RangeIndexKeys.firstBlocked(kv.key))));
        }
        return keys;
    }

    private static KeyValueStore<Bytes, byte[]> indexStore(BlockwatchDriver driver) {
        return driver.driver().getKeyValueStore(StoreNames.BLOCKED_RANGES_INDEX);
    }

    private static List<Cidr> decoded(KeyValueStore<Bytes, byte[]> index, Bytes region) {
        List<Cidr> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = index.prefixScan(region, Serdes.Bytes().serializer())) {
            it.forEachRemaining(kv -> keys.add(RangeIndexKeys.cidr(kv.key)));
        }
        return keys;
    }

    private static <K, V> KeyValueStore<K, V> inMemory(String name, org.apache.kafka.common.serialization.Serde<K> keys,
                                                       org.apache.kafka.common.serialization.Serde<V> values,
                                                       MockProcessorContext<String, String> context) {
        KeyValueStore<K, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }
}
