package io.github.blockwatch.topology;

import static io.github.blockwatch.Generators.integer;
import static io.github.blockwatch.Generators.javaRandom;
import static io.github.blockwatch.Generators.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.PropertyTries;
import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.IpFamily;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * The order of a dump's events does not change what the topology ends with. Random registries (up to
 * eight entries, each with up to three blocks inside 10.0.0.0/22) follow each other as dumps; each dump's
 * ADDED/UPDATED/REMOVED events are applied once in key order and once shuffled, each through a fresh
 * {@link BlockwatchTopology} in a {@link TopologyTestDriver}. Both runs must end with the same blocked-range
 * table and the same totals, and both must equal a model: the union of the last registry's blocks, counted
 * one address at a time. The test runs {@link PropertyTries#TRIES} seeded tries.
 */
class BlockwatchTopologyProperties {
    private static final long BASE = 0x0A00_0000L; // 10.0.0.0
    private static final int REGION = 1024;

    private static final List<String> KEYS = List.of("a", "b", "c", "d", "e", "f", "g", "h");

    /** One to four registries in a row. */
    static List<Map<String, List<String>>> registries(SplittableRandom random) {
        return list(random, 1, 4, BlockwatchTopologyProperties::registry);
    }

    /** Up to eight distinct keys out of a to h, each with one to three distinct blocks. */
    private static Map<String, List<String>> registry(SplittableRandom random) {
        List<String> keys = new ArrayList<>(KEYS);
        Collections.shuffle(keys, javaRandom(random));
        Map<String, List<String>> registry = new TreeMap<>();
        for (String key : keys.subList(0, integer(random, 0, KEYS.size()))) {
            registry.put(key, ranges(random));
        }
        return registry;
    }

    private static List<String> ranges(SplittableRandom random) {
        int size = integer(random, 1, 3);
        List<String> ranges = new ArrayList<>(size);
        while (ranges.size() < size) {
            String block = block(random);
            if (!ranges.contains(block)) {
                ranges.add(block);
            }
        }
        return ranges;
    }

    private static String block(SplittableRandom random) {
        int offset = integer(random, 0, REGION - 1);
        int prefix = integer(random, 22, 32);
        int size = 1 << (32 - prefix);
        return Cidr.of(IpFamily.IPV4, BigInteger.valueOf(BASE + offset / size * size), prefix).toString();
    }

    @Test
    void shouldEndWithTheSameTableWhateverTheOrderOfEachDumpsEvents() {
        PropertyTries.check(random ->
                shouldEndWithTheSameTableWhateverTheOrderOfEachDumpsEvents(registries(random), javaRandom(random)));
    }

    private static void shouldEndWithTheSameTableWhateverTheOrderOfEachDumpsEvents(
            List<Map<String, List<String>>> registries, Random random) throws IOException {
        List<List<RegistryEvent>> dumps = published(registries, false);
        Map<String, List<String>> previous = registries.get(registries.size() - 1);
        List<List<RegistryEvent>> shuffled = new ArrayList<>();
        for (List<RegistryEvent> dump : dumps) {
            List<RegistryEvent> copy = new ArrayList<>(dump);
            Collections.shuffle(copy, random);
            shuffled.add(copy);
        }

        Outcome inOrder = apply(dumps);
        Outcome reordered = apply(shuffled);

        assertThat(reordered.table()).isEqualTo(inOrder.table());
        assertThat(reordered.lastStats()).isEqualTo(inOrder.lastStats());
        assertThat(reordered.series()).isEqualTo(inOrder.series());
        assertThat(reordered.alerts()).isEqualTo(inOrder.alerts());
        // The model: every address of the last registry's blocks, counted once.
        Set<String> ranges = previous.values().stream().flatMap(List::stream).collect(Collectors.toSet());
        assertThat(inOrder.table().keySet()).isEqualTo(ranges);
        if (inOrder.lastStats() != null) {
            assertThat(inOrder.lastStats().get(0)).isEqualTo(distinctAddresses(ranges));
            assertThat(inOrder.lastStats().get(1)).isEqualTo((long) previous.size());
            assertThat(inOrder.lastStats().get(2)).isEqualTo((long) ranges.size());
        }
    }

    @Test
    void shouldGiveTheSameResultsWhenPartitionsDeliverTheirDumpsInterleaved() {
        PropertyTries.check(random ->
                shouldGiveTheSameResultsWhenPartitionsDeliverTheirDumpsInterleaved(registries(random), javaRandom(random)));
    }

    @Test
    void shouldEndWithTheSameTableWhateverHowManyEntriesARangesStateHolds() {
        PropertyTries.check(random ->
                shouldEndWithTheSameTableWhateverHowManyEntriesARangesStateHolds(registries(random), javaRandom(random)));
    }

    /**
     * A range's state holds a sample of its entries and counts the rest ({@link RangeEntries}). With a sample
     * of one, every range listed by two entries keeps one of them elsewhere, and every removal of the sampled
     * one refills it: the counts, first-blocked times, stats and alerts must not differ from a sample large
     * enough for all (events in order there, shuffled here).
     */
    private static void shouldEndWithTheSameTableWhateverHowManyEntriesARangesStateHolds(
            List<Map<String, List<String>>> registries, Random random) throws IOException {
        List<List<RegistryEvent>> dumps = published(registries, false);
        List<List<RegistryEvent>> shuffled = new ArrayList<>();
        for (List<RegistryEvent> dump : dumps) {
            List<RegistryEvent> copy = new ArrayList<>(dump);
            Collections.shuffle(copy, random);
            shuffled.add(copy);
        }

        Outcome whole = apply(dumps);
        Outcome sampled = apply(shuffled, 1);

        assertThat(sampled.table()).isEqualTo(whole.table());
        assertThat(sampled.lastStats()).isEqualTo(whole.lastStats());
        assertThat(sampled.series()).isEqualTo(whole.series());
        assertThat(sampled.alerts()).isEqualTo(whole.alerts());
    }

    /**
     * Events of each dump spread over three partitions by key, each partition in publication order, the
     * partitions merged at random as upstream tasks would deliver them: a later dump's events often come
     * before an earlier one's.
     */
    private static void shouldGiveTheSameResultsWhenPartitionsDeliverTheirDumpsInterleaved(
            List<Map<String, List<String>>> registries, Random random) throws IOException {
        List<List<RegistryEvent>> dumps = published(registries, true);
        List<List<RegistryEvent>> partitions = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        dumps.forEach(dump -> dump.forEach(event ->
                partitions.get(Math.floorMod(event.getKey().hashCode(), partitions.size())).add(event)));
        List<RegistryEvent> delivered = new ArrayList<>();
        int[] next = new int[partitions.size()];
        while (delivered.size() < dumps.stream().mapToInt(List::size).sum()) {
            int p = random.nextInt(partitions.size());
            if (next[p] < partitions.get(p).size()) {
                delivered.add(partitions.get(p).get(next[p]++));
            }
        }

        Outcome inOrder = apply(dumps);
        Outcome interleaved = apply(List.of(delivered));

        assertThat(interleaved.table()).isEqualTo(inOrder.table());
        assertThat(interleaved.series()).isEqualTo(inOrder.series());
        assertThat(interleaved.alerts()).isEqualTo(inOrder.alerts());
    }

    /**
     * The final table (live ranges with their address and entry counts and first-blocked time), the last
     * stats' totals, every dump's stats in the order published, and the ids of the alerts raised.
     */
    record Outcome(Map<String, List<Long>> table, List<Long> lastStats, List<List<Object>> series, Set<String> alerts) {}

    private static Outcome apply(List<List<RegistryEvent>> dumps) throws IOException {
        return apply(dumps, RangeEntries.DEFAULT_SAMPLE);
    }

    private static Outcome apply(List<List<RegistryEvent>> dumps, int rangeSample) throws IOException {
        Path stateDir = Files.createTempDirectory("topology-property-");
        Topology topology = BlockwatchTopology.build(AlertRules.defaults(), BlockwatchTopology.DEFAULT_HISTORY_RETENTION, rangeSample, DeltaRoute.DIRECT);
        try (BlockwatchDriver driver = BlockwatchDriver.start(topology, BlockwatchDriver.config("topology-property", stateDir))) {
            TestInputTopic<String, RegistryEvent> events = driver.input(Topics.REGISTRY_EVENTS);
            TestOutputTopic<String, BlockedRange> ranges = driver.output(Topics.BLOCKED_RANGES);
            TestOutputTopic<String, DumpStats> stats = driver.output(Topics.STATS);
            for (List<RegistryEvent> dump : dumps) {
                TestEvents.pipe(events, dump);
            }
            RangeIndexTopologyTest.assertIndexMatchesTheTable(driver); // whatever the order, the index follows the table
            Map<String, List<Long>> table = new TreeMap<>();
            ranges.readKeyValuesToMap().forEach((range, value) -> {
                if (value != null) {
                    table.put(range, List.of(value.getAddressCount().longValueExact(), (long) value.getEntryCount(),
                            value.getFirstBlocked().toEpochMilli()));
                }
            });
            TestOutputTopic<String, RangeAlert> alerts = driver.output(Topics.ALERTS);
            List<DumpStats> series = stats.readValuesToList();
            List<List<Object>> perDump = series.stream().map(s -> List.<Object>of(s.getDump().getId(),
                    s.getNewlyBlockedIpv4(), s.getUnblockedIpv4(), s.getDistinctIpv4(), s.getEntries(), s.getRanges(),
                    s.getAdded(), s.getRemoved(), s.getUpdated(), s.getDecisions())).toList();
            Set<String> alertIds = new java.util.TreeSet<>(alerts.readKeyValuesToList().stream().map(kv -> kv.key).toList());
            DumpStats last = series.isEmpty() ? null : series.get(series.size() - 1);
            long net = series.stream().mapToLong(s -> s.getNewlyBlockedIpv4() - s.getUnblockedIpv4()).sum();
            return new Outcome(table, last == null ? null
                    : List.of(last.getDistinctIpv4(), last.getEntries(), last.getRanges(), net), perDump, alertIds);
        } finally {
            deleteQuietly(stateDir);
        }
    }

    /**
     * The events of each registry after the one before, day after day, as ingest publishes them; a registry
     * that changes nothing publishes no dump. With {@code chained}, each dump names the one it follows.
     */
    private static List<List<RegistryEvent>> published(List<Map<String, List<String>>> registries, boolean chained) {
        List<List<RegistryEvent>> dumps = new ArrayList<>();
        Map<String, List<String>> previous = Map.of();
        String follows = null;
        int day = 1;
        for (Map<String, List<String>> registry : registries) {
            List<RegistryEvent> dump = diff(previous, registry, String.format("2018-04-%02dT00:00:00Z", day++), follows);
            if (!dump.isEmpty()) {
                dumps.add(dump);
                follows = chained ? dump.get(0).getDump().getId() : null;
            }
            previous = registry;
        }
        return dumps;
    }

    /** The events ingest would publish for {@code next} after {@code previous}. */
    private static List<RegistryEvent> diff(Map<String, List<String>> previous, Map<String, List<String>> next, String time,
                                            String follows) {
        TestEvents dump = TestEvents.dump(time).follows(follows);
        Set<String> keys = new HashSet<>(previous.keySet());
        keys.addAll(next.keySet());
        for (String key : new java.util.TreeSet<>(keys)) {
            List<String> before = previous.get(key);
            List<String> after = next.get(key);
            if (before == null) {
                dump.added(key, after.toArray(String[]::new));
            } else if (after == null) {
                dump.removed(key, before.toArray(String[]::new));
            } else if (!new HashSet<>(before).equals(new HashSet<>(after))) {
                dump.updated(key, after.toArray(String[]::new));
            }
        }
        return dump.build();
    }

    private static long distinctAddresses(Set<String> ranges) {
        Set<Long> addresses = new HashSet<>();
        for (String range : ranges) {
            int slash = range.indexOf('/');
            long first = ipv4(range.substring(0, slash));
            long size = 1L << (32 - Integer.parseInt(range.substring(slash + 1)));
            for (long a = first; a < first + size; a++) {
                addresses.add(a);
            }
        }
        return addresses.size();
    }

    private static long ipv4(String dotted) {
        long value = 0;
        for (String part : dotted.split("\\.")) {
            value = value << 8 | Long.parseLong(part);
        }
        return value;
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }
}
