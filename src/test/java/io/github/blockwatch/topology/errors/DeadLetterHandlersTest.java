package io.github.blockwatch.topology.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * What each handler decides: skip with a dead letter where the record is the problem and a dead letter can
 * be sent; skip without one on the global thread; stop where skipping would lose an effect silently.
 */
class DeadLetterHandlersTest {
    private static final byte[] GARBAGE = "not Avro".getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldSendAnUndecodableRecordToTheDlqFromATaskAndSkipItOnTheGlobalThread() {
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("blockwatch.registry.events", 0, 7, null, GARBAGE);

        DeserializationExceptionHandler.Response task = handler.handleError(context(new TaskId(0, 0), "blockwatch.registry.events"),
                record, new SerializationException("no C3 01 header"));
        DeserializationExceptionHandler.Response global = handler.handleError(context(new TaskId(-1, -1), "blockwatch.owners"),
                new ConsumerRecord<>("blockwatch.owners", 0, 3, null, GARBAGE), new SerializationException("no C3 01 header"));

        assertThat(task.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(task.deadLetterQueueRecords()).singleElement().extracting(ProducerRecord::topic).isEqualTo("blockwatch.dlq");
        assertThat(global.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(global.deadLetterQueueRecords()).as("the global thread cannot send them").isEmpty();
    }

    @Test
    void shouldSkipARefusedRecordButStopOnAnyOtherProcessingFailure() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        ErrorHandlerContext context = context(new TaskId(0, 0), "blockwatch.registry.events");
        Record<String, String> record = new Record<>("a", "event", 0L);

        ProcessingExceptionHandler.Response refused = handler.handleError(context, record,
                new IllegalArgumentException("entry a lists '1.2.3.4/24', not a canonical CIDR (1.2.3.0/24)"));
        ProcessingExceptionHandler.Response storeFailed = handler.handleError(context, record,
                new ProcessorStateException("cannot write to RocksDB"));

        assertThat(refused.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(refused.deadLetterQueueRecords()).hasSize(1);
        assertThat(storeFailed.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(storeFailed.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldRetryARetriableSendAndStopOnARefusedOneButSkipAnUnserializableOutput() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        ErrorHandlerContext context = context(new TaskId(0, 0), "blockwatch.registry.events");
        ProducerRecord<byte[], byte[]> output = new ProducerRecord<>("blockwatch.blocked.ranges", new byte[1], new byte[1]);

        assertThat(handler.handleError(context, output, new NotEnoughReplicasException("2 of 3")).result())
                .isEqualTo(ProductionExceptionHandler.Result.RETRY);
        assertThat(handler.handleError(context, output, new InvalidTimestampException("an hour ahead")).result())
                .as("under exactly-once the transaction can only abort").isEqualTo(ProductionExceptionHandler.Result.FAIL);
        ProductionExceptionHandler.Response unserializable = handler.handleSerializationError(context,
                new ProducerRecord<>("blockwatch.blocked.ranges", "k", "v"), new SerializationException("null field"),
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);
        assertThat(unserializable.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(unserializable.deadLetterQueueRecords()).hasSize(1);
    }

    private static ErrorHandlerContext context(TaskId task, String topic) {
        return new ErrorHandlerContext() {
            @Override public String topic() { return topic; }
            @Override public int partition() { return 0; }
            @Override public long offset() { return 7; }
            @Override public Headers headers() { return new RecordHeaders(); }
            @Override public String processorNodeId() { return "entry-diff"; }
            @Override public TaskId taskId() { return task; }
            @Override public long timestamp() { return 0; }
            @Override public byte[] sourceRawKey() { return null; }
            @Override public byte[] sourceRawValue() { return GARBAGE; }
        };
    }
}
