package io.github.blockwatch.kafka;

import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DeadLetter;
import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.Owner;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.avro.Watchlist;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic blockwatch reads or writes. These names are an interface: other tools consume them.
 * Keys are UTF-8 strings; values are Avro single-object encoded ({@link AvroSerde}) unless noted.
 */
public final class Topics {
    /**
     * Largest record blockwatch writes. A real dump.csv row lists ~260,000 addresses (4 MB), so the
     * 1 MB Kafka default is too small; topics, producers and Streams all use this bound.
     */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    public static final Topic<String, RegistryEvent> REGISTRY_EVENTS = new Topic<>(
            "blockwatch.registry.events", Serdes.String(), AvroSerde.of(RegistryEvent.class), false,
            "ADDED/REMOVED/UPDATED per registry entry, key = entry key; one dump = one transaction");
    public static final Topic<String, RegistryEntry> REGISTRY_ENTRIES = new Topic<>(
            "blockwatch.registry.entries", Serdes.String(), AvroSerde.of(RegistryEntry.class), true,
            "current registry entries, key = entry key (ingest recovers its state from here)");
    public static final Topic<String, DumpRecord> REGISTRY_DUMPS = new Topic<>(
            "blockwatch.registry.dumps", Serdes.String(), AvroSerde.of(DumpRecord.class), true,
            "one record per ingested dump, key = dump id");
    public static final Topic<String, DeadLetter> DLQ = new Topic<>(
            "blockwatch.dlq", Serdes.String(), AvroSerde.of(DeadLetter.class), false,
            "registry rows that could not be used: raw text, source, line, reason");
    public static final Topic<String, BlockedRange> BLOCKED_RANGES = new Topic<>(
            "blockwatch.blocked.ranges", Serdes.String(), AvroSerde.of(BlockedRange.class), true,
            "the live blocked-IP table, key = canonical CIDR, tombstone when unblocked");
    public static final Topic<String, RangeAlert> ALERTS = new Topic<>(
            "blockwatch.alerts", Serdes.String(), AvroSerde.of(RangeAlert.class), false,
            "range alerts (LARGE_RANGE / SURGE / UNBLOCKED / COLLATERAL / FLAPPING), feed health (FEED_STALLED / FORMAT_CHANGED / DUMP_SHRANK) and watchlists (WATCHED_BLOCKED / WATCHED_UNBLOCKED), key = alert id");
    public static final Topic<String, String> ALERTS_JSON = new Topic<>(
            "blockwatch.alerts.json", Serdes.String(), Serdes.String(), false,
            "the same alerts as JSON lines (UTF-8), for kcat and scripts");
    public static final Topic<String, DumpStats> STATS = new Topic<>(
            "blockwatch.stats", Serdes.String(), AvroSerde.of(DumpStats.class), false,
            "one record per applied dump: entries, ranges, distinct addresses over registry time");
    public static final Topic<String, Owner> OWNERS = new Topic<>(
            "blockwatch.owners", Serdes.String(), AvroSerde.of(Owner.class), true,
            "who owns an address range, key = dataset + ' ' + range; loaded by 'blockwatch owners load'");
    public static final Topic<String, String> NOTIFY_DLQ = new Topic<>(
            "blockwatch.notify.dlq", Serdes.String(), Serdes.String(), false,
            "alerts 'blockwatch notify' could not deliver, key = alert id, value = JSON (alertId, channel, reason, attempts, message, alert)");
    public static final Topic<String, Watchlist> WATCHLISTS = new Topic<>(
            "blockwatch.watchlists", Serdes.String(), AvroSerde.of(Watchlist.class), true,
            "watchlists, key = name, tombstone when removed; written by 'blockwatch watch add/remove'");

    /** All topics, in the order the README lists them. */
    public static final List<Topic<?, ?>> ALL = List.of(
            REGISTRY_EVENTS, REGISTRY_ENTRIES, REGISTRY_DUMPS, DLQ, BLOCKED_RANGES, ALERTS, ALERTS_JSON, STATS, OWNERS,
            WATCHLISTS, NOTIFY_DLQ);

    private Topics() {}
}
