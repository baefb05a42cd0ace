package io.github.blockwatch.topology;

import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topics;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;

/** Kafka Streams configuration: blockwatch's defaults under whatever the user's {@code --config} file sets. */
public final class StreamsSettings {
    public static final String DEFAULT_APPLICATION_ID = "blockwatch";

    private StreamsSettings() {}

    public static Properties streamsConfig(ClientSettings clients, String applicationId, Path stateDir) {
        Properties props = clients.copy();
        props.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.putIfAbsent(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // The table and alerts must match an undisturbed run exactly, whatever fails.
        props.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.putIfAbsent(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        props.putIfAbsent(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndFailExceptionHandler.class.getName());
        // Event time is registry time, read from the payload: for the events topic (set on its source) and
        // for the internal address-deltas repartition topic, whose source takes this default.
        props.putIfAbsent(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, RegistryTimeExtractor.class.getName());
        // Records forwarded downstream carry that event time as their timestamp (2014 in a replay of 2014).
        // Internal topics take the broker's append time instead, as blockwatch's own topics do: years-old
        // timestamps make a broker expire the exactly-once producers' state (see docs/DESIGN.md, Timestamps).
        props.putIfAbsent(StreamsConfig.topicPrefix("message.timestamp.type"), "LogAppendTime");
        // Alerts should follow a dump within a second, not wait for the 30 s default of at-least-once.
        props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
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
