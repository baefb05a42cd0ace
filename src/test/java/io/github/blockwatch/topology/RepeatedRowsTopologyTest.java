package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.EventType;
import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.kafka.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One row repeated: {@value #ROWS} entries all listing 52.58.0.0/15 under one decision, in one dump, as a
 * broken or hostile feed sends them (RepeatedRowsIT sends 20,000 through a real broker, 2,000,000 with
 * {@code -Preliability}; the test driver commits after every record, too slow for that many). The range's state record, rewritten for each of them, must stay the same small size
 * whatever their number: it held every entry before, so each event rewrote a record that grew by one entry
 * (quadratic, and past the 16 MiB record limit near 300,000). The count stays exact: the range is unblocked
 * by the dump that removes the last of them, not before.
 */
class RepeatedRowsTopologyTest {
    private static final int ROWS = 5_000;
    private static final String RANGE = "52.58.0.0/15";
    /** A sample of 20 entries with their decisions is about 1.5 KiB; 5,000 entries were about 350 KB. */
    private static final int MAX_STATE_BYTES = 4096;
    private static final String CHANGELOG = "repeated-rows-" + StoreNames.BLOCKED_RANGES + "-changelog";

    @TempDir
    Path stateDir;

    private BlockwatchDriver driver;
    private TestInputTopic<String, RegistryEvent> events;
    private TestOutputTopic<byte[], byte[]> stateChangelog;
    private int largestState;
    private BlockedRange lastPublished;

    @BeforeEach
    void start() {
        driver = BlockwatchDriver.start("repeated-rows", stateDir, AlertRules.defaults());
        events = driver.input(Topics.REGISTRY_EVENTS);
        stateChangelog = driver.driver().createOutputTopic(CHANGELOG, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldKeepTheRangeStateSmallAndUnblockOnlyWhenTheLastRowGoes() {
        DumpRef added = dump("2018-04-16T00:00:00Z");
        for (int i = 1; i <= ROWS; i++) {
            send(EventType.ADDED, i, added, ROWS);
        }

        assertThat(ranges().get(RANGE)).satisfies(state -> assertThat(RangeEntries.count(state)).isEqualTo(ROWS));
        assertThat(largestState).as("largest %s record after %,d entries", CHANGELOG, ROWS)
                .isPositive().isLessThanOrEqualTo(MAX_STATE_BYTES);

        DumpRef allButOne = dump("2018-04-17T00:00:00Z");
        for (int i = 1; i < ROWS; i++) {
            send(EventType.REMOVED, i, allButOne, ROWS - 1);
        }
        RangeState left = ranges().get(RANGE);
        assertThat(left).as("still blocked by its last entry").isNotNull();
        assertThat(RangeEntries.count(left)).isEqualTo(1);
        assertThat(left.getEntries()).as("the sample was refilled as it emptied").containsOnlyKeys("row-" + ROWS);
        assertThat(lastPublished()).satisfies(range -> assertThat(range.getEntryCount()).isEqualTo(1));

        send(EventType.REMOVED, ROWS, dump("2018-04-18T00:00:00Z"), 1);
        assertThat(ranges().get(RANGE)).isNull();
        assertThat(lastPublished()).as("tombstone").isNull();
        assertThat(largestState).isLessThanOrEqualTo(MAX_STATE_BYTES);
    }

    private void send(EventType type, int row, DumpRef dump, int dumpEvents) {
        String key = "row-" + row;
        RegistryEntry entry = RegistryEntry.newBuilder().setKey(key).setDecision(TestEvents.DECISION)
                .setRanges(List.of(RANGE)).build();
        events.pipeInput(key, new RegistryEvent(type, key, dump, dumpEvents, entry, null), Instant.now());
        if (row % 1000 == 0 || row == ROWS) {
            drainOutputs();
        }
    }

    /** The driver keeps every output record until read: read the changelog's and the range's, drop the others. */
    private void drainOutputs() {
        for (TestRecord<byte[], byte[]> record : stateChangelog.readRecordsToList()) {
            if (record.value() != null) {
                largestState = Math.max(largestState, record.value().length);
            }
        }
        List<TestRecord<String, BlockedRange>> published = driver.output(Topics.BLOCKED_RANGES).readRecordsToList();
        if (!published.isEmpty()) {
            lastPublished = published.get(published.size() - 1).value();
        }
        for (String topic : driver.driver().producedTopicNames()) {
            if (!topic.equals(CHANGELOG) && !topic.equals(Topics.BLOCKED_RANGES.name())) {
                driver.driver().createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
            }
        }
    }

    /** The range's last value on blockwatch.blocked.ranges (null for a tombstone). */
    private BlockedRange lastPublished() {
        drainOutputs();
        return lastPublished;
    }

    private KeyValueStore<String, RangeState> ranges() {
        return driver.driver().getKeyValueStore(StoreNames.BLOCKED_RANGES);
    }

    private static DumpRef dump(String time) {
        Instant at = Instant.parse(time);
        return new DumpRef(at + "/repeated", "repeated-" + time, "csv", at, null);
    }
}
