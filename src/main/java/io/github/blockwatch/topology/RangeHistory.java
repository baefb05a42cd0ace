package io.github.blockwatch.topology;

import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.kafka.AvroSerde;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.VersionedKeyValueStore;

/**
 * Every version of {@code blockwatch.blocked.ranges} at registry time, for point-in-time lookups: a
 * versioned store ({@value StoreNames#RANGE_HISTORY}) keyed by canonical CIDR whose versions are stamped
 * with the registry time of the dump that wrote them ({@code DumpRef.registryTime}, not the record
 * timestamp: topics use LogAppendTime). An unblocked range gets a tombstone version. The ranges covering
 * an address are its 33 (IPv6: 129) prefix blocks, so "as of T" is that many keyed lookups.
 * Reads the address table's changes; writes nothing downstream.
 */
final class RangeHistory {
    static final String STORE = StoreNames.RANGE_HISTORY;
    /** Long enough for the whole registry (2012 onwards) and the years to come. */
    static final Duration DEFAULT_RETENTION = Duration.ofDays(20 * 365 + 5);
    /**
     * The store keeps older versions in logical segments of one RocksDB; a key's versions that ended within
     * one segment are one value rewritten on each new version, so segments are kept short (a month) rather
     * than the default of retention/24 (ten months at 20 years).
     */
    static final Duration SEGMENT_INTERVAL = Duration.ofDays(30);

    private RangeHistory() {}

    static void addTo(StreamsBuilder builder, KStream<String, TableChange> changes, Duration retention) {
        builder.addStateStore(Stores.versionedKeyValueStoreBuilder(
                Stores.persistentVersionedKeyValueStore(STORE, retention, SEGMENT_INTERVAL),
                Serdes.String(), AvroSerde.of(BlockedRange.class))
                // A version's timestamp is its registry time, and restore reads it back from the changelog
                // record: this one changelog must keep the timestamps written, whatever the default for
                // internal topics (LogAppendTime, see StreamsSettings).
                .withLoggingEnabled(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime")));
        changes.process(Writer::new, Named.as("range-history"), STORE);
    }

    /**
     * A version's time: the dump's registry time, but never later than now. The changelog carries it as
     * the record timestamp under {@code CreateTime}, and a broker refuses a timestamp more than
     * {@code message.timestamp.after.max.ms} (1 hour by default) ahead of its clock: one future-dated dump
     * (a wrong clock upstream, a Moscow-time label read as UTC) would fail the task's transaction at every
     * restart. It would also move the store's observed time into the future and expire the whole history.
     * Ingest refuses such dumps ({@code --max-clock-skew}); this keeps an application that already has one
     * running, its versions stamped with the time they were applied.
     */
    static long versionTime(long registryTime, long wallClockMs) {
        return Math.min(registryTime, wallClockMs);
    }

    /** Writes each range change as a version at the registry time of its dump. */
    private static final class Writer implements Processor<String, TableChange, Void, Void> {
        private VersionedKeyValueStore<String, BlockedRange> history;
        private ProcessorContext<Void, Void> context;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            history = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, TableChange> record) {
            TableChange change = record.value();
            long registryTime = versionTime(change.dump().getRegistryTime().toEpochMilli(), context.currentSystemTimeMs());
            if (change instanceof TableChange.RangeBlocked blocked) {
                history.put(blocked.range().getCidr(), blocked.range(), registryTime);
            } else if (change instanceof TableChange.RangeEntriesChanged changed) {
                history.put(changed.range().getCidr(), changed.range(), registryTime);
            } else if (change instanceof TableChange.RangeUnblocked unblocked) {
                history.put(unblocked.lastSeen().getCidr(), null, registryTime);
            }
        }
    }
}
