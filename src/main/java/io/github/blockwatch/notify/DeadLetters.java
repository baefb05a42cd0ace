package io.github.blockwatch.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes what could not be delivered to {@code blockwatch.notify.dlq}: one record per alert of the failed
 * message, key = alert id, value = one JSON object (UTF-8)
 * {@code {"alertId", "channel", "channelType", "reason", "attempts", "messageKey", "message", "alert", "failedAt"}}
 * where {@code message} is the text that was to be sent and {@code alert} the alert's JSON form. A record is
 * acknowledged by the broker before the alert's offset is committed, so nothing falls between the two.
 */
public final class DeadLetters implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, String> producer;
    private final MessageText text;

    public DeadLetters(ClientSettings settings, MessageText text) {
        Properties props = settings.copy();
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "blockwatch-notify-dlq");
        this.producer = new KafkaProducer<>(props, Topics.NOTIFY_DLQ.keySerde().serializer(),
                Topics.NOTIFY_DLQ.valueSerde().serializer());
        this.text = text;
    }

    /** Writes and waits for the broker's acknowledgement. */
    public void write(Channel channel, Message message, Deliverer.Outcome outcome) throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        String rendered = text.render(message).plain();
        for (NotifyAlert alert : message.alerts()) {
            sent.add(producer.send(new ProducerRecord<>(Topics.NOTIFY_DLQ.name(), alert.id(),
                    value(channel, message, outcome, rendered, alert))));
        }
        for (Future<RecordMetadata> ack : sent) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new KafkaException("cannot write to " + Topics.NOTIFY_DLQ.name() + ": " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /**
     * A record of {@code blockwatch.alerts} that is no alert this build reads (e.g. written by a newer version):
     * {@code {"alertId": key, "channel": null, "reason", "attempts": 0, "source": "topic-partition@offset",
     * "valueBase64", "failedAt"}}.
     */
    public void undecodable(String key, TopicPartition partition, long offset, String reason, byte[] value)
            throws InterruptedException {
        ObjectNode json = JSON.createObjectNode();
        json.put("alertId", key);
        json.putNull("channel");
        json.put("reason", reason);
        json.put("attempts", 0);
        json.put("source", partition + "@" + offset);
        json.put("valueBase64", value == null ? null : Base64.getEncoder().encodeToString(value));
        json.put("failedAt", Instant.now().toString());
        try {
            producer.send(new ProducerRecord<>(Topics.NOTIFY_DLQ.name(), key, JSON.writeValueAsString(json))).get();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new KafkaException("cannot write to " + Topics.NOTIFY_DLQ.name() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    static String value(Channel channel, Message message, Deliverer.Outcome outcome, String rendered, NotifyAlert alert) {
        ObjectNode json = JSON.createObjectNode();
        json.put("alertId", alert.id());
        json.put("channel", channel.name());
        json.put("channelType", channel.spec().type());
        json.put("reason", outcome.reason());
        json.put("attempts", outcome.attempts());
        json.put("messageKey", message.key());
        json.put("message", rendered);
        try {
            json.set("alert", JSON.readTree(alert.json()));
            json.put("failedAt", Instant.now().toString());
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert's JSON form did not parse: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
