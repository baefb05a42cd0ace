package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.registry.AddressCoverage;
import io.github.blockwatch.registry.BoundaryMap;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.IpFamily;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-memory index over the coverage store: it writes every change through to the store, and an
 * index rebuilt from the store (as after a restart or an exactly-once restore) holds the same boundaries
 * and goes on counting exactly like the one that wrote them.
 */
class IndexedBoundaryMapTest {
    @TempDir
    Path stateDir;

    private KeyValueStore<Bytes, Integer> store;

    @AfterEach
    void close() {
        store.close();
    }

    private KeyValueStore<Bytes, Integer> rocksDb() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "indexed-boundary-map-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<String, String> context = new MockProcessorContext<>(config, new TaskId(0, 0), stateDir.toFile());
        KeyValueStore<Bytes, Integer> kv = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore("address-coverage"), Serdes.Bytes(), Serdes.Integer())
                .withLoggingDisabled()
                .build();
        kv.init(context.getStateStoreContext(), kv);
        return kv;
    }

    private static List<BoundaryMap.Boundary> all(BoundaryMap map, IpFamily family) {
        return map.range(family, BigInteger.ZERO, BigInteger.ONE.shiftLeft(family.bits()).add(BigInteger.ONE));
    }

    @Test
    void shouldCountOnExactlyTheSameAfterBeingRebuiltFromTheStore() {
        store = rocksDb();
        IndexedBoundaryMap first = IndexedBoundaryMap.load(store);
        AddressCoverage writer = new AddressCoverage(first);
        Random random = new Random(11);
        List<Cidr> live = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            if (!live.isEmpty() && random.nextInt(3) == 0) {
                writer.remove(live.remove(random.nextInt(live.size())));
            } else {
                Cidr block = randomBlock(random);
                if (!live.contains(block)) {
                    writer.add(block);
                    live.add(block);
                }
            }
        }

        IndexedBoundaryMap rebuilt = IndexedBoundaryMap.load(store);
        StoreBoundaryMap onDisk = new StoreBoundaryMap(store);
        for (IpFamily family : IpFamily.values()) {
            assertThat(all(rebuilt, family)).isEqualTo(all(first, family)).isEqualTo(all(onDisk, family));
        }
        assertThat(rebuilt.size()).isEqualTo(first.size()).isPositive();

        AddressCoverage continued = new AddressCoverage(rebuilt);
        for (Cidr block : live) {
            continued.remove(block);
        }
        assertThat(rebuilt.size()).isZero();
        try (var left = store.all()) {
            assertThat(left.hasNext()).as("store emptied through the rebuilt index").isFalse();
        }
    }

    private static Cidr randomBlock(Random random) {
        if (random.nextInt(10) == 0) {
            BigInteger start = BigInteger.valueOf(random.nextInt(1 << 12)).shiftLeft(100);
            return Cidr.of(IpFamily.IPV6, start, 28);
        }
        int prefix = 20 + random.nextInt(13);
        long address = (0x0a000000L | random.nextInt(1 << 20)) & (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return Cidr.of(IpFamily.IPV4, BigInteger.valueOf(address), prefix);
    }
}
