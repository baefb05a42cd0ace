package io.github.blockwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event time is registry time: records arrive stamped with the broker's append time (a replay of 2014
 * is ingested today), and what the topology emits is stamped with the registry time of its dump.
 */
class RegistryTimeExtractorTest {
    /** What LogAppendTime gives every record of a replay: the moment it was ingested, not 2014. */
    private static final Instant INGESTED = Instant.parse("2026-11-25T20:00:00Z");

    @TempDir
    Path stateDir;

    private BlockwatchDriver driver;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    private TestInputTopic<String, RegistryEvent> start(AlertRules rules) {
        driver = BlockwatchDriver.start("extractor-test", stateDir, rules);
        return driver.input(Topics.REGISTRY_EVENTS);
    }

    private <V> TestOutputTopic<String, V> output(io.github.blockwatch.kafka.Topic<String, V> topic) {
        return driver.output(topic);
    }

    private static void send(TestInputTopic<String, RegistryEvent> events, TestEvents dump, Instant ingestedAt) {
        for (RegistryEvent event : dump.build()) {
            events.pipeInput(event.getKey(), event, ingestedAt);
        }
    }

    @Test
    void shouldStampWhatTheTopologyEmitsWithTheRegistryTimeOfItsDump() {
        TestInputTopic<String, RegistryEvent> events = start(AlertRules.defaults());
        TestOutputTopic<String, BlockedRange> ranges = output(Topics.BLOCKED_RANGES);
        TestOutputTopic<String, DumpStats> stats = output(Topics.STATS);
        TestOutputTopic<String, RangeAlert> alerts = output(Topics.ALERTS);
        Instant first = Instant.parse("2014-11-01T10:05:00Z");
        Instant second = Instant.parse("2014-11-02T21:11:09Z");

        send(events, TestEvents.dump(first.toString()).added("xml:1", "52.58.0.0/15").added("xml:2", "1.2.3.4/32"), INGESTED);
        send(events, TestEvents.dump(second.toString()).removed("xml:2", "1.2.3.4/32"), INGESTED.plusSeconds(1));

        List<TestRecord<String, DumpStats>> statsRecords = stats.readRecordsToList();
        assertThat(statsRecords).extracting(TestRecord::getRecordTime).containsExactly(first, second);
        assertThat(statsRecords).extracting(r -> r.getValue().getRegistryTime()).containsExactly(first, second);
        List<TestRecord<String, BlockedRange>> rangeRecords = ranges.readRecordsToList();
        assertThat(rangeRecords).extracting(TestRecord::getRecordTime).containsExactly(first, first, second);
        TestRecord<String, RangeAlert> alert = alerts.readRecord();
        assertThat(alert.getValue().getType()).isEqualTo(AlertType.LARGE_RANGE);
        assertThat(alert.getRecordTime()).isEqualTo(first);
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void shouldJudgeTheSurgeWindowByRegistryTimeWhateverTheIngestTime() {
        TestInputTopic<String, RegistryEvent> events = start(new AlertRules(1L << 30, 32, 1000, Duration.ofHours(24)));
        TestOutputTopic<String, RangeAlert> alerts = output(Topics.ALERTS);
        // Ingested a second apart (a replay at full speed), but two days apart in registry time: no surge.
        send(events, TestEvents.dump("2014-11-01T00:00:00Z").added("a", "10.0.0.0/23"), INGESTED);
        send(events, TestEvents.dump("2014-11-03T00:00:00Z").added("b", "10.0.2.0/23"), INGESTED.plusSeconds(1));
        assertThat(alerts.isEmpty()).isTrue();
        // Ingested days apart (a paced replay, or a stalled feed), but six hours apart in registry time: a surge.
        send(events, TestEvents.dump("2014-11-03T06:00:00Z").added("c", "10.0.4.0/23"), INGESTED.plus(Duration.ofDays(3)));
        TestRecord<String, RangeAlert> surge = alerts.readRecord();
        assertThat(surge.getValue().getType()).isEqualTo(AlertType.SURGE);
        assertThat(surge.getValue().getNewlyBlocked().longValueExact()).isEqualTo(1024);
        assertThat(surge.getRecordTime()).isEqualTo(Instant.parse("2014-11-03T06:00:00Z"));
    }

    @Test
    void shouldBeTheDefaultExtractorAndGiveInternalTopicsAppendTime() {
        Properties config = StreamsSettings.streamsConfig(ClientSettings.of("unused:9092"), "extractor-test", stateDir);
        assertThat(config.getProperty(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG))
                .isEqualTo(RegistryTimeExtractor.class.getName());
        assertThat(config.getProperty(StreamsConfig.topicPrefix("message.timestamp.type"))).isEqualTo("LogAppendTime");
    }

    @Test
    void shouldFallBackToTheRecordTimestampForRecordsWithoutARegistryTime() {
        RegistryTimeExtractor extractor = new RegistryTimeExtractor();
        TestEvents dump = TestEvents.dump("2014-11-01T10:05:00Z").added("a", "1.2.3.4/32");
        DumpRecord dumpRecord = DumpRecord.newBuilder().setDump(dump.ref()).setDigest("00").setRowsRead(1).setAccepted(1)
                .setRejected(0).setEntries(1).setAdded(1).setRemoved(0).setUpdated(0).setIngestedAt(INGESTED).build();
        long ingested = INGESTED.toEpochMilli();
        long registry = Instant.parse("2014-11-01T10:05:00Z").toEpochMilli();

        assertThat(extractor.extract(record(dump.build().get(0), ingested), 0)).isEqualTo(registry);
        assertThat(extractor.extract(record(dumpRecord, ingested), 0)).isEqualTo(registry);
        assertThat(extractor.extract(record(null, ingested), 0)).isEqualTo(ingested);
        assertThat(extractor.extract(record("other", -1), 42)).isEqualTo(42);
    }

    private static ConsumerRecord<Object, Object> record(Object value, long timestamp) {
        return new ConsumerRecord<>("t", 0, 0, timestamp, org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME,
                0, 0, "k", value, new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty());
    }
}
