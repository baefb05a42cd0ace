package io.github.blockwatch.topology;

import io.github.blockwatch.alerts.AlertJson;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.kafka.Topic;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

/** Writes every alert twice: Avro to {@code blockwatch.alerts}, JSON lines to {@code blockwatch.alerts.json}. */
final class AlertPublisher {
    private AlertPublisher() {}

    static void addTo(KStream<String, RangeAlert> alerts, Topic<String, RangeAlert> avro, Topic<String, String> json) {
        alerts.to(avro.name(), Produced.with(avro.keySerde(), avro.valueSerde()));
        alerts.mapValues(AlertJson::toJson).to(json.name(), Produced.with(json.keySerde(), json.valueSerde()));
    }
}
