package io.github.blockwatch.bench.pipeline;

import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.topology.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * What Kafka Streams itself can do with the same records on this machine: two trivial applications with
 * blockwatch's Streams settings (exactly_once_v2, commit interval 200 ms, lz4, the registry-time extractor)
 * read a topic that holds the very events ingest published, and write each record on: one straight through
 * (one output record per event), one after a put into a RocksDB store (a changelog record and an output
 * record per event). No diff, no coverage, no Avro beyond the time extractor: the ceiling for any topology
 * on the one stream thread, and the cost of one store write per event.
 */
final class StreamsBaseline {
    private static final String STORE = "floor-store";

    private final ClientSettings clients;
    private final Path stateDir;

    StreamsBaseline(ClientSettings clients, Path stateDir) {
        this.clients = clients;
        this.stateDir = stateDir;
    }

    /** Events/s from the application running to its output holding all {@code records} (committed). */
    double run(String source, long records, boolean withStore) throws InterruptedException {
        String name = withStore ? "bench-floor-store" : "bench-floor-pass";
        String target = name + ".out";
        BrokerBaseline.createTopic(clients, target);
        StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], byte[]> stream = builder.stream(source, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()));
        if (withStore) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                    Serdes.ByteArray(), Serdes.ByteArray()));
            stream = stream.processValues(StorePut::new, STORE);
        }
        stream.to(target, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        Properties config = StreamsSettings.streamsConfig(clients, name, stateDir.resolve(name));
        CountDownLatch running = new CountDownLatch(1);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), config);
             Admin admin = Admin.create(clients.copy())) {
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            streams.start();
            if (!running.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException(name + " did not start");
            }
            long started = System.nanoTime();
            while (committedEnd(admin, target) < records) {
                if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(20)) {
                    throw new IllegalStateException(name + " wrote " + committedEnd(admin, target) + " of " + records);
                }
                Thread.sleep(20);
            }
            double rate = records / ((System.nanoTime() - started) / 1e9);
            streams.close(Duration.ofSeconds(30));
            return rate;
        }
    }

    /** Puts each record into the store, then passes it on. */
    private static final class StorePut implements FixedKeyProcessor<byte[], byte[], byte[]> {
        private FixedKeyProcessorContext<byte[], byte[]> context;
        private KeyValueStore<byte[], byte[]> store;

        @Override
        public void init(FixedKeyProcessorContext<byte[], byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(FixedKeyRecord<byte[], byte[]> record) {
            store.put(record.key(), record.value());
            context.forward(record);
        }
    }

    /** The last stable offset: what a read_committed consumer can read (transaction markers included). */
    private static long committedEnd(Admin admin, String topic) {
        try {
            TopicPartition partition = new TopicPartition(topic, 0);
            // Each committed transaction leaves one marker in the offsets: one per 200 ms commit, a few
            // hundred next to a million records, so the end is reached that little bit early.
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest()),
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).partitionResult(partition)
                    .get(30, TimeUnit.SECONDS).offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read the end of " + topic + ": " + e.getMessage(), e);
        }
    }
}
