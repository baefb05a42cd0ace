package io.github.blockwatch.topology;

import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topics;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import io.github.blockwatch.topology.errors.DeadLetterDeserializationHandler;
import io.github.blockwatch.topology.errors.DeadLetterProcessingHandler;
import io.github.blockwatch.topology.errors.DeadLetterProductionHandler;

/** Kafka Streams configuration: blockwatch's defaults under whatever the user's {@code --config} file sets. */
public final class StreamsSettings {
    public static final String DEFAULT_APPLICATION_ID = "blockwatch";
    /**
     * How far back point-in-time lookups reach, in ms of registry time before the newest dump (default 20
     * years); set it in the {@code --config} file. Read when the topology is built, not by Kafka.
     */
    public static final String HISTORY_RETENTION_CONFIG = "blockwatch.history.retention.ms";

    private StreamsSettings() {}

    /** The range history's retention from {@value #HISTORY_RETENTION_CONFIG}, or the default. */
    public static java.time.Duration historyRetention(Properties config) {
        Object value = config.get(HISTORY_RETENTION_CONFIG);
        if (value == null) {
            return BlockwatchTopology.DEFAULT_HISTORY_RETENTION;
        }
        try {
            long ms = Long.parseLong(value.toString().strip());
            if (ms <= 0) {
                throw new NumberFormatException();
            }
            return java.time.Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(HISTORY_RETENTION_CONFIG + ": not a positive number of ms '" + value + "'");
        }
    }

    public static Properties streamsConfig(ClientSettings clients, String applicationId, Path stateDir) {
        Properties props = clients.copy();
        props.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // The table and alerts must match an undisturbed run exactly, whatever fails.
        props.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.putIfAbsent(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        // A record the application cannot use goes to blockwatch.dlq and is skipped: one foreign or damaged
        // record on an input topic must not stop the application (Kafka's default handlers fail).
        props.putIfAbsent(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class.getName());
        props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        props.putIfAbsent(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
        // Event time is registry time, read from the payload: for the events topic (set on its source) and
        // for the internal address-deltas repartition topic, whose source takes this default.
        props.putIfAbsent(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, RegistryTimeExtractor.class.getName());
        // Records forwarded downstream carry that event time as their timestamp (2014 in a replay of 2014).
        // Internal topics take the broker's append time instead, as blockwatch's own topics do: years-old
        // timestamps make a broker expire the exactly-once producers' state (see docs/DESIGN.md, Timestamps).
        props.putIfAbsent(StreamsConfig.topicPrefix("message.timestamp.type"), "LogAppendTime");
        // Alerts should follow a dump within a second, not wait for the 30 s default of at-least-once.
        props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
        // One registry event is applied in one transaction, however many ranges its row lists: a real
        // 2020 row lists 260,000 addresses, each a range state, a range-history version and a decision
        // reference, with their changelog records. Streams' exactly-once default of 10 s was too short for
        // it on a busy machine: the coordinator aborted the transaction and the task retried forever.
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                String.valueOf(java.time.Duration.ofMinutes(5).toMillis()));
        // Registry rows can be several MB (one real row lists 260,000 addresses).
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                String.valueOf(Topics.MAX_MESSAGE_BYTES));
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        props.putIfAbsent(StreamsConfig.topicPrefix("max.message.bytes"), String.valueOf(Topics.MAX_MESSAGE_BYTES));
        props.putIfAbsent(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                String.valueOf(Topics.MAX_MESSAGE_BYTES));
        return props;
    }
}
