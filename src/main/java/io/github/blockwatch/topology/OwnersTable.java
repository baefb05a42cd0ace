package io.github.blockwatch.topology;

import io.github.blockwatch.avro.Owner;
import io.github.blockwatch.kafka.Topic;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * {@code blockwatch.owners} as a global table: every instance holds all owner records in the
 * {@value StoreNames#OWNERS} store (key = dataset + " " + range, value = {@link Owner}, tombstones delete).
 * It is a global store with its own small updater rather than a DSL {@code GlobalKTable}, for one reason:
 * the updater tells the {@link OwnerDirectory} that the index must be rebuilt, which a {@code
 * GlobalKTable} offers no hook for. The store is in memory: datasets are small and a restart re-reads the
 * compacted topic.
 */
final class OwnersTable {
    private OwnersTable() {}

    static void addTo(StreamsBuilder builder, Topic<String, Owner> topic, OwnerDirectory directory) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(StoreNames.OWNERS),
                        topic.keySerde(), topic.valueSerde()).withLoggingDisabled(),
                topic.name(),
                Consumed.with(topic.keySerde(), topic.valueSerde()),
                () -> new Updater(directory));
    }

    private static final class Updater implements Processor<String, Owner, Void, Void> {
        private final OwnerDirectory directory;
        private KeyValueStore<String, Owner> store;

        Updater(OwnerDirectory directory) {
            this.directory = directory;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(StoreNames.OWNERS);
            directory.changed(); // restored records came in without passing here
        }

        @Override
        public void process(Record<String, Owner> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), record.value());
            }
            directory.changed();
        }
    }
}
