package io.github.blockwatch.bench.pipeline;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * How many records the Streams application sent, topic by topic: its changelogs, repartition topics and
 * output topics (issue 18's "records written per event": each is a serialization, a store put and a send).
 * Read from its producers' {@code producer-topic-metrics/record-send-total}: the logs cannot say it, as
 * Streams purges a repartition topic once its records are consumed.
 */
final class RecordCounts {
    private RecordCounts() {}

    /** Topic → records sent, sorted by topic. */
    static Map<String, Long> sent(KafkaStreams streams) {
        Map<String, Long> counts = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName name = e.getKey();
            if (name.group().equals("producer-topic-metrics") && name.name().equals("record-send-total")) {
                long sent = Math.round(((Number) e.getValue().metricValue()).doubleValue());
                counts.merge(name.tags().get("topic"), sent, Long::sum);
            }
        }
        return counts;
    }

    /** Puts {@code records.TOPIC} for each topic, {@code records.total} and {@code records.perEvent} over {@code events}. */
    static void put(Results results, KafkaStreams streams, long events) {
        long total = 0;
        for (Map.Entry<String, Long> e : sent(streams).entrySet()) {
            results.put("records." + e.getKey(), e.getValue());
            total += e.getValue();
        }
        results.put("records.total", total);
        results.put("records.perEvent", (double) total / events);
    }
}
