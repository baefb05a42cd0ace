package io.github.blockwatch.topology;

import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.avro.RangeAlert;
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
 * FEED_STALLED alerts (see {@link FeedStallProcessor}). Reads {@code blockwatch.registry.dumps} (key = dump
 * id, value = {@code DumpRecord}, one per dump ingest published, held ones included). The feed is one
 * sequence, so every dump record goes under one key through a single-partition repartition topic
 * ({@code <application.id>-feed-dumps-repartition}); the last dumps are kept in the {@value #STORE} store.
 * A dump record whose source is none or not its id's ({@link SourceCheck}) is refused: a dead letter.
 * Writes alerts keyed by alert id.
 */
final class FeedStallRule {
    static final String STORE = "feed-stall";
    private static final String FEED_KEY = "feed";

    private FeedStallRule() {}

    static KStream<String, RangeAlert> addTo(AlertRule.Inputs in) {
        return addTo(in.builder(), Topics.REGISTRY_DUMPS, in.thresholds());
    }

    static KStream<String, RangeAlert> addTo(StreamsBuilder builder, Topic<String, DumpRecord> dumps, AlertRules rules) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), dumps.valueSerde()));
        return builder.stream(dumps.name(), Consumed.with(dumps.keySerde(), dumps.valueSerde()).withName("feed-dumps-source"))
                .filter((id, dump) -> dump != null, Named.as("feed-dumps-present"))
                // Refused here, before the repartition, so the dead letter names the record on the input topic.
                .peek((id, dump) -> SourceCheck.of(dump.getDump()), Named.as("feed-dumps-source-check"))
                .selectKey((id, dump) -> FEED_KEY, Named.as("feed-dumps-one-key"))
                .repartition(Repartitioned.<String, DumpRecord>as("feed-dumps")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(dumps.valueSerde())
                        .withNumberOfPartitions(1))
                .process(() -> new FeedStallProcessor(rules.stallAfter(), STORE), Named.as("feed-stall-rule"), STORE)
                .selectKey((key, alert) -> alert.getId(), Named.as("feed-stall-alert-id"));
    }
}
