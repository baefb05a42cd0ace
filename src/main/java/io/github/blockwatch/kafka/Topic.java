package io.github.blockwatch.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's contract: its name, key and value formats, and the topic-level configs it is created with.
 *
 * @param compacted true for tables (latest value per key), false for event logs
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted, String doc) {

    /**
     * Topic-level configs blockwatch creates this topic with. Event logs keep everything (a new
     * application replays them from the start). Timestamps are the broker's append time: registry time
     * (2014, 2018, ...) travels in the payload, because the broker judges retention and idempotent
     * producer state by record timestamps, and years-old ones would make it expire both at once.
     */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", compacted ? "compact" : "delete");
        if (!compacted) {
            configs.put("retention.ms", "-1");
        }
        configs.put("max.message.bytes", String.valueOf(Topics.MAX_MESSAGE_BYTES));
        configs.put("message.timestamp.type", "LogAppendTime");
        return configs;
    }
}
