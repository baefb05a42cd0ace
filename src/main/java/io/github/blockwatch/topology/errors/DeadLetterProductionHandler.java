package io.github.blockwatch.topology.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output record that cannot be written.
 * <ul>
 *   <li>Not serializable (checked before anything is sent): the input record behind it goes to
 *       {@code blockwatch.dlq} and processing goes on.</li>
 *   <li>Refused by the producer or broker after the send: under exactly-once the producer's transaction
 *       can then only abort, so "skip it and go on" is not possible; a retriable error is retried from the
 *       last commit (Kafka's default), any other ends the application with a one-line reason that names the
 *       input record. blockwatch never writes what the broker refuses for reasons of its own (record
 *       timestamps are clamped to the wall clock where the broker checks them, see {@code RangeHistory};
 *       rows too large to publish are rejected by ingest), so this is for the unforeseen.</li>
 * </ul>
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    @Override
    public void configure(Map<String, ?> configs) {}

    @Override
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        String reason = "output to " + record.topic() + " not serializable (" + origin.name().toLowerCase(java.util.Locale.ROOT)
                + "): " + StreamDeadLetters.describe(exception);
        String where = StreamDeadLetters.where(context.topic(), context.partition(), context.offset());
        LOG.warn("{}: skipped, sent to blockwatch.dlq: {}", where, StreamDeadLetters.oneLine(reason));
        if (context.topic() == null || !StreamDeadLetters.canSend(context)) {
            return Response.resume(); // a punctuation's output: no input record to name
        }
        return Response.resume(List.of(StreamDeadLetters.record(context.topic(), context.partition(), context.offset(),
                context.sourceRawValue(), reason)));
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        LOG.error("{}: the output to {} was refused and the transaction cannot commit: {}",
                StreamDeadLetters.where(context.topic(), context.partition(), context.offset()), record.topic(),
                StreamDeadLetters.oneLine(StreamDeadLetters.describe(exception)));
        return Response.fail();
    }
}
