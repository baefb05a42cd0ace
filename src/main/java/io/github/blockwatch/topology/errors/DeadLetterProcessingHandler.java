package io.github.blockwatch.topology.errors;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that decodes but that a processor refuses (an event whose ranges are not canonical CIDRs, from
 * a producer other than ingest) goes to {@code blockwatch.dlq} with the processor's reason and is skipped.
 * A processor refuses a record with an {@link IllegalArgumentException}, and does so before it changes any
 * state, so skipping leaves the stores consistent. Any other exception is not about the record (a state
 * store that cannot write, a bug): skipping would lose the record's effect silently, so the application
 * stops with a line naming the record, as before.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    @Override
    public void configure(Map<String, ?> configs) {}

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String reason = "refused by " + context.processorNodeId() + ": " + StreamDeadLetters.describe(exception);
        String where = StreamDeadLetters.where(context.topic(), context.partition(), context.offset());
        if (!(exception instanceof IllegalArgumentException)) {
            LOG.error("{}: processing failed in {}, not a refused record: {}", where, context.processorNodeId(),
                    StreamDeadLetters.oneLine(StreamDeadLetters.describe(exception)));
            return Response.fail();
        }
        if (!StreamDeadLetters.canSend(context) || context.topic() == null) {
            LOG.warn("{}: skipped (the global thread cannot write blockwatch.dlq): {}", where, StreamDeadLetters.oneLine(reason));
            return Response.resume();
        }
        LOG.warn("{}: skipped, sent to blockwatch.dlq: {}", where, StreamDeadLetters.oneLine(reason));
        return Response.resume(List.of(StreamDeadLetters.record(context.topic(), context.partition(), context.offset(),
                raw(context, record), reason)));
    }

    /**
     * The source record's bytes when Kafka Streams still has them (it frees them once the task has sent
     * something for the record); else the decoded value as text, which says as much to a person.
     */
    private static byte[] raw(ErrorHandlerContext context, Record<?, ?> record) {
        if (context.sourceRawValue() != null) {
            return context.sourceRawValue();
        }
        return record.value() == null ? null : String.valueOf(record.value()).getBytes(StandardCharsets.UTF_8);
    }
}
