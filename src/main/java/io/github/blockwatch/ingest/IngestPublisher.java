package io.github.blockwatch.ingest;

import io.github.blockwatch.registry.SourceNames;
import io.github.blockwatch.avro.DeadLetter;
import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.avro.EventType;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topic;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.registry.ParsedRow;
import io.github.blockwatch.alerts.AlertJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes one dump as one Kafka transaction: its events, the entries topic updates (upserts and
 * tombstones), its rejected rows, its feed-health alerts and its dump record. A {@code read_committed} consumer sees all of it or
 * none of it.
 *
 * <p>All ingest processes of one source share one {@code transactional.id} (default {@value #DEFAULT_TRANSACTIONAL_ID},
 * {@code blockwatch-ingest-NAME} for a named source, see {@link #transactionalId}): a second ingest fences the
 * first, whose open transaction is aborted, and it reads the state only after that, so two concurrent ingests
 * of the same dump cannot both publish it. Ingests of different sources run side by side.
 */
final class IngestPublisher implements AutoCloseable {
    static final String DEFAULT_TRANSACTIONAL_ID = "blockwatch-ingest";

    /** The transactional id an ingest of {@code source} uses unless told otherwise. */
    static String transactionalId(String source) {
        return SourceNames.DEFAULT.equals(source) ? DEFAULT_TRANSACTIONAL_ID : DEFAULT_TRANSACTIONAL_ID + "-" + source;
    }

    private final KafkaProducer<byte[], byte[]> producer;
    /** The first send of the current transaction that failed: sends report failures only to their callback. */
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final int maxRequestBytes;

    IngestPublisher(ClientSettings settings, String transactionalId) {
        Properties props = settings.copy();
        props.putIfAbsent(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(Topics.MAX_MESSAGE_BYTES));
        props.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(4L * Topics.MAX_MESSAGE_BYTES));
        // A present-day registry is a million rows; its first dump is one long transaction.
        props.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(Duration.ofMinutes(15).toMillis()));
        // How long a dump may wait on a broker that went away before it fails: a send blocks at most
        // max.block.ms for metadata or buffer room, a batch is given up after delivery.timeout.ms. The first
        // failure ends the dump (see send), so a lost broker costs about one of these, not one per record.
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        this.maxRequestBytes = Integer.parseInt(props.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG).toString().strip());
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
    }

    /**
     * @param alerts feed-health alerts ingest decided for this dump (DUMP_SHRANK, FORMAT_CHANGED), written to
     *               {@code blockwatch.alerts} and {@code blockwatch.alerts.json} in the same transaction
     */
    void publish(DumpDiff diff, List<RejectedRow> rejected, DumpRecord record, List<RangeAlert> alerts)
            throws IngestException {
        String dumpId = record.getDump().getId();
        sendFailure.set(null);
        try {
            producer.beginTransaction();
            for (RegistryEvent event : diff.events()) {
                send(Topics.REGISTRY_EVENTS, event.getKey(), event);
                send(Topics.REGISTRY_ENTRIES, event.getKey(),
                        event.getType() == EventType.REMOVED ? null : event.getEntry());
            }
            Instant now = Instant.now();
            for (RejectedRow rejection : rejected) {
                ParsedRow.Rejected row = rejection.row();
                DeadLetter letter = new DeadLetter(rejection.place().source(), rejection.place().line(), row.raw(),
                        row.rawLength(), row.reason(), dumpId, now);
                send(Topics.DLQ, rejection.place().toString(), letter);
            }
            for (RangeAlert alert : alerts) {
                send(Topics.ALERTS, alert.getId(), alert);
                send(Topics.ALERTS_JSON, alert.getId(), AlertJson.toJson(alert));
            }
            send(Topics.REGISTRY_DUMPS, dumpId, record);
            producer.commitTransaction();
        } catch (KafkaException e) {
            if (isFenced(e)) {
                throw new IngestException("another 'blockwatch ingest' with the same transactional id took over; "
                        + "this one stopped and published nothing for " + record.getDump().getSource(), e);
            }
            // Before the abort: it fails the batches still waiting with TransactionAbortedException, a follow-up.
            String reason = reason(e);
            abortQuietly();
            throw new IngestException("publishing " + record.getDump().getSource() + " failed, transaction aborted: "
                    + reason, e);
        }
    }

    private <K, V> void send(Topic<K, V> topic, K key, V value) {
        Exception failed = sendFailure.get();
        if (failed != null) {
            throw failed instanceof KafkaException k ? k : new KafkaException(failed.getMessage(), failed);
        }
        byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        long size = (long) keyBytes.length + (valueBytes == null ? 0 : valueBytes.length);
        if (size > maxRequestBytes) {
            // The producer would refuse it too, but in a message that names neither the record nor the limit.
            throw new RecordTooLargeException(String.format(Locale.ROOT, "the %s record of %s is %,d bytes, over max.request.size (%,d)",
                    topic.name(), key, size, maxRequestBytes));
        }
        // A failed send (no metadata within max.block.ms, a batch expired, a record too large) is not thrown
        // here but passed to the callback; without looking, every later record would wait out its own timeout.
        producer.send(new ProducerRecord<>(topic.name(), keyBytes, valueBytes), (metadata, e) -> {
            if (e != null && !(e instanceof TransactionAbortedException)) {
                sendFailure.compareAndSet(null, e);
            }
        });
    }

    /**
     * What went wrong, in one line: the first failed send rather than the commit's "cannot commit, an
     * earlier send failed", and the root cause when the message hides it (a record too large, a timeout).
     */
    private String reason(KafkaException e) {
        Throwable cause = sendFailure.get() != null ? sendFailure.get() : e;
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = message(cause);
        return root == cause || text.contains(message(root)) ? text : text + " (" + message(root) + ")";
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /**
     * Whether a newer producer with our transactional id fenced this one. With transactions v2 (Kafka 4) the
     * fenced producer often learns it from a produce request, as an {@link InvalidProducerEpochException}
     * thrown by {@code commitTransaction()} or wrapped in a {@link KafkaException}, not as a
     * {@link ProducerFencedException}.
     */
    private static boolean isFenced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (KafkaException ignored) {
            // The broker aborts it on its own when the transaction times out or the producer is fenced.
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
