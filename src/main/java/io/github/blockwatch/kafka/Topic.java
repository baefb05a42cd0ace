package io.github.blockwatch.kafka;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's contract: its name, key and value formats, and the topic-level configs it is created with.
 *
 * @param compacted true for tables (latest value per key), false for event logs
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted, String doc) {

    /** Topic-level configs blockwatch creates this topic with. */
    public Map<String, String> configs() {
        return compacted
                ? Map.of("cleanup.policy", "compact", "max.message.bytes", String.valueOf(Topics.MAX_MESSAGE_BYTES))
                : Map.of("max.message.bytes", String.valueOf(Topics.MAX_MESSAGE_BYTES));
    }
}
