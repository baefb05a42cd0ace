package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.registry.AddressCoverage;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.IpFamily;
import io.github.blockwatch.watch.AddressInterval;
import io.github.blockwatch.watch.AddressSet;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coverage store read back over any span agrees with a count of the blocks address by address (RocksDB, as live). */
class CoverageReaderTest {
    @TempDir
    Path stateDir;

    private KeyValueStore<Bytes, Integer> store;

    @BeforeEach
    void open() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "coverage-reader-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        MockProcessorContext<String, String> context = new MockProcessorContext<>(config, new TaskId(0, 0), stateDir.toFile());
        store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("address-coverage"), Serdes.Bytes(), Serdes.Integer())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldReadBlockedOnceBlockedAndUnblockedPartsExactly() {
        // Seed 7: blocks inside 10.0.0.0/24, so they overlap; every span compared with a per-address depth count.
        Random random = new Random(7);
        AddressCoverage coverage = new AddressCoverage(new StoreBoundaryMap(store));
        int[] depth = new int[256];
        for (int i = 0; i < 40; i++) {
            int prefix = 24 + random.nextInt(9);
            int first = random.nextInt(256) & ~((1 << (32 - prefix)) - 1);
            coverage.add(Cidr.of(IpFamily.IPV4, BigInteger.valueOf(0x0a000000L + first), prefix));
            for (int a = first; a < first + (1 << (32 - prefix)); a++) {
                depth[a]++;
            }
        }
        CoverageReader reader = new CoverageReader(store);
        for (int t = 0; t < 300; t++) {
            int from = random.nextInt(256);
            int to = from + random.nextInt(256 - from);
            AddressInterval span = AddressInterval.ipv4(0x0a000000L + from, 0x0a000000L + to);

            assertThat(reader.blocked(span)).as("blocked %s", span).isEqualTo(where(depth, from, to, 1, Integer.MAX_VALUE));
            assertThat(reader.blockedOnce(span)).as("once %s", span).isEqualTo(where(depth, from, to, 1, 1));
            assertThat(reader.unblocked(span)).as("unblocked %s", span).isEqualTo(where(depth, from, to, 0, 0));
        }
    }

    @Test
    void shouldSeeNothingBlockedInAnEmptyTableAndTheWholeOfAFullyBlockedSpan() throws Exception {
        CoverageReader reader = new CoverageReader(store);
        AddressInterval all = AddressInterval.of(Cidr.parse("0.0.0.0/0"));
        assertThat(reader.blocked(all)).isEmpty();
        assertThat(reader.unblocked(all)).containsExactly(all);

        new AddressCoverage(new StoreBoundaryMap(store)).add(Cidr.parse("255.255.255.255"));

        assertThat(reader.blocked(all)).containsExactly(AddressInterval.of(Cidr.parse("255.255.255.255")));
        assertThat(reader.blocked(AddressInterval.of(Cidr.parse("255.255.255.255")))).hasSize(1);
    }

    /** The parts of [from, to] of 10.0.0.x whose depth is in [min, max], merged. */
    private static List<AddressInterval> where(int[] depth, int from, int to, int min, int max) {
        List<AddressInterval> parts = new ArrayList<>();
        for (int a = from; a <= to; a++) {
            if (depth[a] >= min && depth[a] <= max) {
                parts.add(AddressInterval.ipv4(0x0a000000L + a, 0x0a000000L + a));
            }
        }
        return AddressSet.of(parts).intervals();
    }
}
