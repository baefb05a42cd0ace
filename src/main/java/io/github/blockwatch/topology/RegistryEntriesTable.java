package io.github.blockwatch.topology;

import io.github.blockwatch.avro.AddressDelta;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.kafka.AvroSerde;
import io.github.blockwatch.kafka.Topic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * Current registry entries: reads {@code blockwatch.registry.events} (key = entry key, Avro
 * {@link RegistryEvent}), keeps each entry in the {@value #STORE} store (queryable: which entries block
 * an address), and emits per-range {@link AddressDelta}s (see {@link EntryDiffProcessor}). Event time is
 * the registry time of each event's dump ({@link RegistryTimeExtractor}).
 */
final class RegistryEntriesTable {
    static final String STORE = StoreNames.REGISTRY_ENTRIES;

    private RegistryEntriesTable() {}

    static KStream<String, AddressDelta> addTo(StreamsBuilder builder, Topic<String, RegistryEvent> events) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), AvroSerde.of(RegistryEntry.class)));
        return builder.stream(events.name(), Consumed.with(events.keySerde(), events.valueSerde())
                        .withTimestampExtractor(new RegistryTimeExtractor()))
                .process(() -> new EntryDiffProcessor(STORE), Named.as("entry-diff"), STORE);
    }
}
