package io.github.blockwatch.topology;

import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.WatchHit;
import io.github.blockwatch.avro.Watchlist;
import io.github.blockwatch.kafka.AvroSerde;
import io.github.blockwatch.kafka.Topic;
import io.github.blockwatch.kafka.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * WATCHED_BLOCKED / WATCHED_UNBLOCKED (see {@link WatchlistProcessor}). Reads {@code blockwatch.watchlists}
 * (key = name, value = {@code Watchlist}, tombstone when removed) through a single-partition repartition topic
 * ({@code <application.id>-watchlists-repartition}) into the table's sub-topology, and the table's changes;
 * reads the table's coverage, range and totals stores and the global owner store; keeps the watchlists in
 * {@value StoreNames#WATCHLISTS} (queryable), the hits of the dump being applied in {@value StoreNames#WATCH_HITS}
 * and the last applied dump in {@value StoreNames#WATCH_LAST_DUMP}. Writes alerts keyed by alert id.
 */
final class WatchlistRule {
    private WatchlistRule() {}

    static KStream<String, RangeAlert> addTo(AlertRule.Inputs in) {
        return addTo(in, Topics.WATCHLISTS);
    }

    static KStream<String, RangeAlert> addTo(AlertRule.Inputs in, Topic<String, Watchlist> topic) {
        StreamsBuilder builder = in.builder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.WATCHLISTS), Serdes.String(), topic.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.WATCH_HITS), Serdes.String(), AvroSerde.of(WatchHit.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.WATCH_LAST_DUMP), Serdes.String(), AvroSerde.of(DumpRef.class)));
        KStream<String, WatchInput> updates = builder
                .stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()).withName("watchlists-source"))
                .repartition(Repartitioned.<String, Watchlist>as("watchlists")
                        .withKeySerde(topic.keySerde())
                        .withValueSerde(topic.valueSerde())
                        .withNumberOfPartitions(1))
                .mapValues((name, watchlist) -> (WatchInput) new WatchInput.Update(name, watchlist), Named.as("watchlist-updates"));
        AddressTableStores table = AddressTableStores.DEFAULT;
        return in.changes()
                .mapValues(change -> (WatchInput) new WatchInput.Change(change), Named.as("watch-table-changes"))
                .merge(updates, Named.as("watch-inputs"))
                .process(() -> new WatchlistProcessor(in.thresholds(), in.owners(), table), Named.as("watchlist-rule"),
                        StoreNames.WATCHLISTS, StoreNames.WATCH_HITS, StoreNames.WATCH_LAST_DUMP,
                        table.coverage(), table.ranges(), table.totals())
                .selectKey((key, alert) -> alert.getId(), Named.as("watchlist-alert-id"));
    }
}
