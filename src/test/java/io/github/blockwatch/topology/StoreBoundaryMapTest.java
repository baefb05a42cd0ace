package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.registry.AddressCoverage;
import io.github.blockwatch.registry.BoundaryMap;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.IpFamily;
import io.github.blockwatch.registry.TreeBoundaryMap;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The state-store {@link BoundaryMap} the live table counts with gives the same counts and the same
 * boundaries as the in-memory one, in the in-memory store and in RocksDB (what the application uses),
 * including boundaries at the very end of each address space (2^32, 2^128).
 */
class StoreBoundaryMapTest {
    private static final BigInteger TWO_POW_32 = BigInteger.ONE.shiftLeft(32);
    private static final BigInteger TWO_POW_128 = BigInteger.ONE.shiftLeft(128);

    enum StoreKind {
        IN_MEMORY(() -> Stores.inMemoryKeyValueStore("address-coverage")),
        ROCKS_DB(() -> Stores.persistentKeyValueStore("address-coverage"));

        final Supplier<KeyValueBytesStoreSupplier> supplier;

        StoreKind(Supplier<KeyValueBytesStoreSupplier> supplier) {
            this.supplier = supplier;
        }
    }

    @TempDir
    Path stateDir;

    private KeyValueStore<Bytes, Integer> store;

    private StoreBoundaryMap open(StoreKind kind) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "store-boundary-map-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        MockProcessorContext<String, String> context = new MockProcessorContext<>(config, new TaskId(0, 0), stateDir.toFile());
        store = Stores.keyValueStoreBuilder(kind.supplier.get(), Serdes.Bytes(), Serdes.Integer())
                .withLoggingDisabled()
                .build();
        store.init(context.getStateStoreContext(), store);
        return new StoreBoundaryMap(store);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void shouldKeepKeysInAddressOrderUpToTheEndOfTheSpace(StoreKind kind) {
        StoreBoundaryMap map = open(kind);
        List<BigInteger> v4 = List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(0x7fffffffL),
                BigInteger.valueOf(0x80000000L), BigInteger.valueOf(0xffffffffL), TWO_POW_32);
        List<BigInteger> v6 = List.of(BigInteger.ZERO, TWO_POW_32, BigInteger.ONE.shiftLeft(127),
                TWO_POW_128.subtract(BigInteger.ONE), TWO_POW_128);
        // put in reverse so that the store's order, not the insertion order, is what range() returns
        for (int i = v4.size() - 1; i >= 0; i--) {
            map.put(IpFamily.IPV4, v4.get(i), i + 1);
        }
        for (int i = v6.size() - 1; i >= 0; i--) {
            map.put(IpFamily.IPV6, v6.get(i), 100 + i);
        }
        assertThat(map.range(IpFamily.IPV4, BigInteger.ZERO, TWO_POW_32.add(BigInteger.ONE)))
                .extracting(BoundaryMap.Boundary::point).containsExactlyElementsOf(v4);
        assertThat(map.range(IpFamily.IPV6, BigInteger.ZERO, TWO_POW_128.add(BigInteger.ONE)))
                .extracting(BoundaryMap.Boundary::point).containsExactlyElementsOf(v6);
        // the IPv4 range stops before 2^32; IPv6 keys (version byte 6) never show up in an IPv4 query
        assertThat(map.range(IpFamily.IPV4, BigInteger.ZERO, TWO_POW_32)).hasSize(v4.size() - 1);

        assertThat(map.floor(IpFamily.IPV4, TWO_POW_32)).isEqualTo(new BoundaryMap.Boundary(TWO_POW_32, 6));
        assertThat(map.lower(IpFamily.IPV4, TWO_POW_32)).isEqualTo(new BoundaryMap.Boundary(BigInteger.valueOf(0xffffffffL), 5));
        assertThat(map.floor(IpFamily.IPV4, BigInteger.valueOf(0x80000000L).subtract(BigInteger.ONE)))
                .isEqualTo(new BoundaryMap.Boundary(BigInteger.valueOf(0x7fffffffL), 3));
        assertThat(map.lower(IpFamily.IPV4, BigInteger.ZERO)).isNull();
        assertThat(map.floor(IpFamily.IPV6, TWO_POW_128.subtract(BigInteger.TWO)))
                .isEqualTo(new BoundaryMap.Boundary(BigInteger.ONE.shiftLeft(127), 102));
        assertThat(map.lower(IpFamily.IPV6, TWO_POW_128)).isEqualTo(new BoundaryMap.Boundary(TWO_POW_128.subtract(BigInteger.ONE), 103));

        map.remove(IpFamily.IPV4, BigInteger.ZERO);
        assertThat(map.floor(IpFamily.IPV4, BigInteger.ZERO)).isNull();
        assertThat(map.floor(IpFamily.IPV4, BigInteger.TEN)).isEqualTo(new BoundaryMap.Boundary(BigInteger.ONE, 2));
    }

    /** The same random add/remove sequence on both maps: same returned counts after every step, same boundaries. */
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void shouldCountLikeTheInMemoryMapOnARandomSequence(StoreKind kind) throws Exception {
        StoreBoundaryMap storeMap = open(kind);
        TreeBoundaryMap treeMap = new TreeBoundaryMap();
        AddressCoverage inStore = new AddressCoverage(storeMap);
        AddressCoverage inTree = new AddressCoverage(treeMap);
        Random random = new Random(4082L);
        List<Cidr> fixed = List.of(Cidr.parse("0.0.0.0/0"), Cidr.parse("255.255.255.255/32"), Cidr.parse("::/0"),
                Cidr.parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"), Cidr.parse("2a03:2880::/32"));
        Set<Cidr> live = new LinkedHashSet<>();
        for (int op = 0; op < 500; op++) {
            boolean add = live.isEmpty() || random.nextInt(10) < 6;
            Cidr block;
            if (add) {
                block = random.nextInt(20) == 0 ? fixed.get(random.nextInt(fixed.size())) : randomBlock(random);
                if (!live.add(block)) {
                    continue;
                }
            } else {
                block = new ArrayList<>(live).get(random.nextInt(live.size()));
                live.remove(block);
            }
            BigInteger expected = add ? inTree.add(block) : inTree.remove(block);
            BigInteger actual = add ? inStore.add(block) : inStore.remove(block);
            assertThat(actual).as("op %d %s %s", op, add ? "add" : "remove", block).isEqualTo(expected);
            assertSameBoundaries(storeMap, treeMap);
        }
        List<Cidr> rest = new ArrayList<>(live);
        Collections.shuffle(rest, random);
        for (Cidr block : rest) {
            assertThat(inStore.remove(block)).as("remove %s", block).isEqualTo(inTree.remove(block));
        }
        assertThat(treeMap.size()).isZero();
        try (KeyValueIterator<Bytes, Integer> all = store.all()) {
            assertThat(all.hasNext()).as("store empty once every block is removed").isFalse();
        }
    }

    /** Blocks /20../32 in one of two /20s: one at the start of the IPv4 space, one at its end; or an IPv6 /116.. /128 at the very top. */
    private static Cidr randomBlock(Random random) {
        IpFamily family = random.nextInt(4) == 0 ? IpFamily.IPV6 : IpFamily.IPV4;
        BigInteger regionStart = family == IpFamily.IPV6
                ? TWO_POW_128.subtract(BigInteger.valueOf(4096))
                : random.nextBoolean() ? BigInteger.ZERO : TWO_POW_32.subtract(BigInteger.valueOf(4096));
        int hostBits = random.nextInt(13);
        long size = 1L << hostBits;
        long offset = random.nextInt(4096) / size * size;
        return Cidr.of(family, regionStart.add(BigInteger.valueOf(offset)), family.bits() - hostBits);
    }

    private static void assertSameBoundaries(BoundaryMap store, BoundaryMap tree) {
        for (IpFamily family : IpFamily.values()) {
            BigInteger beyond = BigInteger.ONE.shiftLeft(family.bits()).add(BigInteger.ONE);
            assertThat(store.range(family, BigInteger.ZERO, beyond))
                    .as(family.toString())
                    .isEqualTo(tree.range(family, BigInteger.ZERO, beyond));
        }
    }
}
