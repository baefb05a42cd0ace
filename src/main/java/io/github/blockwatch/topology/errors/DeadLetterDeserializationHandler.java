package io.github.blockwatch.topology.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record on an input topic that does not decode (not Avro, a schema no release wrote, cut short) goes to
 * {@code blockwatch.dlq} and is skipped: one foreign or damaged record must not stop the application, as
 * Kafka's {@code LogAndFailExceptionHandler} did. On the global thread ({@code blockwatch.owners}) Kafka
 * Streams can send no dead letter, so the record is skipped with the same WARN line and counted in
 * {@code dropped-records-total}.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    @Override
    public void configure(Map<String, ?> configs) {}

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String reason = "undecodable record: " + StreamDeadLetters.describe(exception);
        String where = StreamDeadLetters.where(record.topic(), record.partition(), record.offset());
        if (!StreamDeadLetters.canSend(context)) {
            LOG.warn("{}: skipped (the global thread cannot write blockwatch.dlq): {}", where, StreamDeadLetters.oneLine(reason));
            return Response.resume();
        }
        LOG.warn("{}: skipped, sent to blockwatch.dlq: {}", where, StreamDeadLetters.oneLine(reason));
        return Response.resume(List.of(StreamDeadLetters.record(record.topic(), record.partition(), record.offset(),
                record.value(), reason)));
    }
}
