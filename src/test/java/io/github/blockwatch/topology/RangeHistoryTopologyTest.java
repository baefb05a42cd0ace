package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.kafka.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The versioned range store: every version of a blocked range at the registry time of its dump. */
class RangeHistoryTopologyTest {
    private static final long APRIL_16 = Instant.parse("2018-04-16T00:00:00Z").toEpochMilli();
    private static final long APRIL_17 = Instant.parse("2018-04-17T00:00:00Z").toEpochMilli();
    private static final long APRIL_18 = Instant.parse("2018-04-18T00:00:00Z").toEpochMilli();
    private static final long DAY = 86_400_000L;

    @TempDir
    Path stateDir;

    private BlockwatchDriver driver;
    private TestInputTopic<String, RegistryEvent> events;
    private VersionedKeyValueStore<String, BlockedRange> history;

    @BeforeEach
    void start() {
        driver = BlockwatchDriver.start("range-history-test", stateDir, AlertRules.defaults());
        events = driver.input(Topics.REGISTRY_EVENTS);
        history = driver.driver().getVersionedKeyValueStore(StoreNames.RANGE_HISTORY);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    /** Record timestamps are the broker's append time in production: here "now", far from registry time. */
    private void send(TestEvents dump) {
        for (RegistryEvent event : dump.build()) {
            events.pipeInput(event.getKey(), event, Instant.now());
        }
    }

    @Test
    void shouldAnswerAsOfAnyRegistryTimeBeforeDuringAndAfterABlock() {
        send(TestEvents.dump("2018-04-16T00:00:00Z").added("a", "1.2.3.0/24"));
        send(TestEvents.dump("2018-04-17T00:00:00Z").removed("a", "1.2.3.0/24"));

        assertThat(history.get("1.2.3.0/24", APRIL_16 - 1)).as("before").isNull();
        VersionedRecord<BlockedRange> during = history.get("1.2.3.0/24", APRIL_16 + DAY / 2);
        assertThat(during.value().getFirstBlocked()).isEqualTo(Instant.ofEpochMilli(APRIL_16));
        assertThat(during.timestamp()).isEqualTo(APRIL_16);
        assertThat(history.get("1.2.3.0/24", APRIL_17)).as("from the dump that removed it").isNull();
        assertThat(history.get("1.2.3.0/24")).as("now").isNull();
    }

    @Test
    void shouldKeepAVersionPerDumpThatChangedTheRangesEntries() {
        send(TestEvents.dump("2018-04-16T00:00:00Z").added("a", "52.58.0.0/15"));
        send(TestEvents.dump("2018-04-17T00:00:00Z").added("b", "52.58.0.0/15"));
        send(TestEvents.dump("2018-04-18T00:00:00Z").removed("a", "52.58.0.0/15"));

        List<Integer> entryCounts = new ArrayList<>();
        for (long t : new long[] {APRIL_16, APRIL_17, APRIL_18}) {
            VersionedRecord<BlockedRange> version = history.get("52.58.0.0/15", t);
            assertThat(version.timestamp()).isEqualTo(t);
            assertThat(version.value().getFirstBlocked()).as("one unbroken interval").isEqualTo(Instant.ofEpochMilli(APRIL_16));
            entryCounts.add(version.value().getEntryCount());
        }
        assertThat(entryCounts).containsExactly(1, 2, 1);
    }

    @Test
    void shouldForgetVersionsOlderThanTheConfiguredRetention() {
        driver.close();
        Properties config = BlockwatchDriver.config("short-history", stateDir);
        config.put(StreamsSettings.HISTORY_RETENTION_CONFIG, String.valueOf(DAY));
        driver = BlockwatchDriver.start(BlockwatchTopology.build(AlertRules.defaults(), StreamsSettings.historyRetention(config)), config);
        events = driver.input(Topics.REGISTRY_EVENTS);
        history = driver.driver().getVersionedKeyValueStore(StoreNames.RANGE_HISTORY);

        send(TestEvents.dump("2018-04-16T00:00:00Z").added("a", "1.2.3.0/24"));
        send(TestEvents.dump("2018-04-18T00:00:00Z").added("b", "1.2.3.0/24"));

        assertThat(history.get("1.2.3.0/24", APRIL_18 - 1)).as("within a day of the newest version").isNotNull();
        assertThat(history.get("1.2.3.0/24", APRIL_16 + 1)).as("beyond the retention").isNull();
    }

    @Test
    void shouldStampAllChangesOfOneDumpWithItsRegistryTime() {
        send(TestEvents.dump("2018-04-16T00:00:00Z").added("a", "10.0.0.0/8").added("b", "10.0.0.0/8"));
        send(TestEvents.dump("2018-04-17T00:00:00Z").removed("a", "10.0.0.0/8").removed("b", "10.0.0.0/8")
                .added("c", "10.0.0.0/8"));

        VersionedRecord<BlockedRange> latest = history.get("10.0.0.0/8");
        assertThat(latest.timestamp()).isEqualTo(APRIL_17);
        assertThat(latest.value().getEntryCount()).isEqualTo(1);
        assertThat(history.get("10.0.0.0/8", APRIL_17 - 1).value().getEntryCount()).isEqualTo(2);
    }

    @Test
    void shouldStampADumpDatedAheadOfTheClockWithTheTimeItWasApplied() {
        driver.close();
        Instant wallClock = Instant.parse("2026-12-01T12:00:00Z");
        driver = BlockwatchDriver.start("future-dump", stateDir, AlertRules.defaults(), wallClock);
        events = driver.input(Topics.REGISTRY_EVENTS);
        history = driver.driver().getVersionedKeyValueStore(StoreNames.RANGE_HISTORY);

        send(TestEvents.dump("2026-11-30T00:00:00Z").added("a", "1.2.3.0/24"));
        send(TestEvents.dump("2099-01-01T00:00:00Z").added("b", "1.2.3.0/24"));

        // The changelog carries the version's time as record timestamp; a broker refuses one an hour ahead.
        VersionedRecord<BlockedRange> latest = history.get("1.2.3.0/24");
        assertThat(latest.timestamp()).isEqualTo(wallClock.toEpochMilli());
        assertThat(latest.value().getEntryCount()).isEqualTo(2);
        assertThat(history.get("1.2.3.0/24", Instant.parse("2026-11-30T00:00:00Z").toEpochMilli()).value().getEntryCount())
                .as("the version before is kept: the store's time did not jump to 2099").isEqualTo(1);
    }
}
