package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.avro.SourceTotals;
import io.github.blockwatch.avro.TableTotals;
import io.github.blockwatch.ingest.DumpEvents;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.replay.DumpHistory;
import io.github.blockwatch.replay.DumpVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources side by side: the three real antifilter lists of 17 July – 4 August 2024 (data/antifilter), each its
 * own source, day after day through one table. Every count is checked against a count made here by merging
 * the lists' address intervals, independently of the table's coverage.
 */
class SourcesTopologyTest {
    private static final Path ANTIFILTER = Path.of("data/antifilter");
    private static final List<String> LISTS = List.of("community", "ipsum", "subnet");

    @TempDir
    Path stateDir;

    private BlockwatchDriver driver;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void shouldCountEachSourceAloneAndTheirUnionExactlyEveryDay() throws IOException {
        driver = BlockwatchDriver.start("sources-test", stateDir, AlertRules.defaults());
        TestInputTopic<String, RegistryEvent> events = driver.input(Topics.REGISTRY_EVENTS);
        TestOutputTopic<String, DumpStats> stats = driver.output(Topics.STATS);
        Map<String, DumpEvents> ingest = new LinkedHashMap<>();
        Map<String, List<DumpVersion>> days = new LinkedHashMap<>();
        List<DumpHistory> histories = new ArrayList<>();
        try {
            for (String list : LISTS) {
                ingest.put(list, new DumpEvents(list));
                DumpHistory history = DumpHistory.open(ANTIFILTER, list + ".lst.gz");
                histories.add(history);
                days.put(list, history.versions());
            }
            int dayCount = days.get("ipsum").size();
            assertThat(dayCount).isEqualTo(19);
            // A week is enough here (54 s for all 19 days); ListHistoryReplayIT replays them all against iprange.
            for (int day = 0; day < 7; day++) {
                DumpStats last = null;
                for (String list : LISTS) {
                    TestEvents.pipe(events, ingest.get(list).next(days.get(list).get(day).content()));
                    List<DumpStats> applied = stats.readValuesToList();
                    if (!applied.isEmpty()) {
                        last = applied.get(applied.size() - 1);
                    }
                }
                String date = days.get("ipsum").get(day).label().substring(0, "2024-07-17".length());
                assertThat(last).as(date).isNotNull();
                Map<String, Long> perSource = new TreeMap<>();
                for (SourceTotals source : last.getSources()) {
                    perSource.put(source.getSource(), source.getDistinctIpv4());
                }
                Map<String, Long> expected = new TreeMap<>();
                List<long[]> all = new ArrayList<>();
                for (String list : LISTS) {
                    List<long[]> intervals = intervals(ANTIFILTER.resolve(date).resolve(list + ".lst.gz"));
                    expected.put(list, distinct(intervals));
                    all.addAll(intervals);
                }
                assertThat(perSource).as(date).isEqualTo(expected);
                assertThat(last.getDistinctIpv4()).as(date + " union").isEqualTo(distinct(all));
            }
        } finally {
            for (DumpHistory history : histories) {
                history.close();
            }
        }
    }

    @Test
    void shouldNameTheSourcesOfEachRangeAndKeepTheDefaultSourceOfOlderRecords() {
        driver = BlockwatchDriver.start("sources-names", stateDir, AlertRules.defaults());
        TestInputTopic<String, RegistryEvent> events = driver.input(Topics.REGISTRY_EVENTS);
        TestOutputTopic<String, BlockedRange> ranges = driver.output(Topics.BLOCKED_RANGES);
        TestOutputTopic<String, DumpStats> stats = driver.output(Topics.STATS);
        TestOutputTopic<String, RangeAlert> alerts = driver.output(Topics.ALERTS);

        // Written as 0.3 wrote it: no source name, so the default source's.
        TestEvents.pipe(events, TestEvents.dump("2018-04-16T00:00:00Z")
                .added("xml:1", "52.58.0.0/15").added("xml:2", "1.1.1.0/24").build());
        assertThat(stats.readValuesToList()).last().satisfies(s -> {
            assertThat(s.getSources()).extracting(SourceTotals::getSource, SourceTotals::getDistinctIpv4, SourceTotals::getEntries)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("default", 131_328L, 2L));
            assertThat(s.getDistinctIpv4()).isEqualTo(131_328L);
            assertThat(readSide()).as("the API's read of the totals store").isEqualTo(s.getSources());
        });

        // A named source lists one range of the default source, a range inside another, and one of its own.
        TestEvents.pipe(events, TestEvents.dump("2018-04-17T00:00:00Z").source("antifilter-ipsum")
                .added("antifilter-ipsum/list:1.1.1.0/24", "1.1.1.0/24")
                .added("antifilter-ipsum/list:52.58.1.0/24", "52.58.1.0/24")
                .added("antifilter-ipsum/list:8.8.8.8/32", "8.8.8.8/32").build());
        Map<String, BlockedRange> table = ranges.readKeyValuesToMap();
        assertThat(table.get("1.1.1.0/24").getSources()).containsExactly("antifilter-ipsum", "default");
        assertThat(table.get("52.58.1.0/24").getSources()).containsExactly("antifilter-ipsum");
        assertThat(table.get("8.8.8.8/32").getSources()).containsExactly("antifilter-ipsum");
        assertThat(stats.readValuesToList()).last().satisfies(s -> {
            assertThat(s.getSources()).extracting(SourceTotals::getSource, SourceTotals::getDistinctIpv4,
                    SourceTotals::getEntries, SourceTotals::getRanges).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("antifilter-ipsum", 513L, 3L, 3L),
                    org.assertj.core.groups.Tuple.tuple("default", 131_328L, 2L, 2L));
            assertThat(s.getDistinctIpv4()).isEqualTo(131_329L); // only 8.8.8.8 is new to the union
            assertThat(s.getDump().getSourceName()).isEqualTo("antifilter-ipsum");
            assertThat(readSide()).isEqualTo(s.getSources());
        });
        // Only 8.8.8.8 newly blocked: ranges already blocked by another source raise nothing.
        assertThat(alerts.readValuesToList()).noneMatch(a -> a.getDump().getRegistryTime().toString().startsWith("2018-04-17")
                && a.getType() == AlertType.LARGE_RANGE);

        // The default source drops 1.1.1.0/24: still blocked, by the named source alone; 52.58.0.0/15 goes.
        TestEvents.pipe(events, TestEvents.dump("2018-04-18T00:00:00Z").removed("xml:2", "1.1.1.0/24")
                .removed("xml:1", "52.58.0.0/15").build());
        Map<String, BlockedRange> after = ranges.readKeyValuesToMap();
        assertThat(after.get("1.1.1.0/24").getSources()).containsExactly("antifilter-ipsum");
        assertThat(after).containsEntry("52.58.0.0/15", null);
        assertThat(stats.readValuesToList()).last().satisfies(s -> {
            assertThat(s.getSources()).extracting(SourceTotals::getSource, SourceTotals::getDistinctIpv4,
                    SourceTotals::getEntries, SourceTotals::getRanges).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("antifilter-ipsum", 513L, 3L, 3L),
                    org.assertj.core.groups.Tuple.tuple("default", 0L, 0L, 0L));
            assertThat(s.getDistinctIpv4()).isEqualTo(513L);
            assertThat(readSide()).isEqualTo(s.getSources());
        });
    }

    @Test
    void shouldReadATableFilledBeforeSourcesAsTheDefaultSourcesAndAnEmptyOneAsNone() {
        driver = BlockwatchDriver.start("sources-read-side", stateDir, AlertRules.defaults());
        assertThat(readSide()).isEmpty();
        KeyValueStore<String, TableTotals> totals = driver.driver().getKeyValueStore(StoreNames.TABLE_TOTALS);
        // The totals as 0.3 left them: the union only, no key per source.
        totals.put(StoreNames.TOTALS_KEY, new TableTotals(2L, 2L, 0L, 131_328L, java.math.BigDecimal.ZERO));

        assertThat(readSide()).extracting(SourceTotals::getSource, SourceTotals::getEntries, SourceTotals::getRanges,
                SourceTotals::getDistinctIpv4).containsExactly(org.assertj.core.groups.Tuple.tuple("default", 2L, 2L, 131_328L));
    }

    /** Each source's table as the HTTP API reads it from the totals store. */
    private List<SourceTotals> readSide() {
        return SourceTotalsSnapshot.read(driver.driver().getKeyValueStore(StoreNames.TABLE_TOTALS));
    }

    /** Each line's addresses as [first, last], IPv4 only (the lists have no IPv6). */
    static List<long[]> intervals(Path list) throws IOException {
        List<long[]> intervals = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(list)), StandardCharsets.US_ASCII))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int slash = line.indexOf('/');
                int bits = slash < 0 ? 32 : Integer.parseInt(line.substring(slash + 1));
                long address = 0;
                for (String octet : (slash < 0 ? line : line.substring(0, slash)).split("\\.")) {
                    address = address << 8 | Integer.parseInt(octet);
                }
                long size = 1L << (32 - bits);
                long first = address & ~(size - 1);
                intervals.add(new long[] {first, first + size - 1});
            }
        }
        return intervals;
    }

    /** How many addresses the intervals cover, overlaps once. */
    static long distinct(List<long[]> intervals) {
        List<long[]> sorted = new ArrayList<>(intervals);
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        long total = 0;
        long end = -1;
        for (long[] interval : sorted) {
            if (interval[1] <= end) {
                continue;
            }
            total += interval[1] - Math.max(interval[0], end + 1) + 1;
            end = interval[1];
        }
        return total;
    }
}
