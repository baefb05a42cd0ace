package io.github.blockwatch.topology.errors;

import io.github.blockwatch.avro.DeadLetter;
import io.github.blockwatch.kafka.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds the {@code blockwatch.dlq} record for a Kafka record the application could not use. The dead
 * letter names the record as {@code source = topic-partition}, {@code line = offset} (key
 * {@code topic-partition:offset}, like a row's {@code file:line}); {@code raw} is the value as text when it
 * is printable UTF-8, else {@code base64:} and its bytes, cut to what fits in 64 KiB of text.
 */
final class StreamDeadLetters {
    /** As for registry rows: at most this much of the raw value is kept. */
    static final int MAX_RAW_CHARS = 64 * 1024;
    static final String BASE64 = "base64:";

    private StreamDeadLetters() {}

    /** A Kafka Streams task (not the global thread, which has no producer: Kafka Streams 4.4 sends no DLQ records from it). */
    static boolean canSend(ErrorHandlerContext context) {
        return context.taskId() != null && context.taskId().subtopology() >= 0;
    }

    static String source(String topic, int partition) {
        return topic + "-" + partition;
    }

    /** {@code blockwatch.registry.events-0@42}: where a record is, for log lines. */
    static String where(String topic, int partition, long offset) {
        if (topic == null) {
            return "a punctuation"; // no input record behind it
        }
        return String.format(Locale.ROOT, "%s@%d", source(topic, partition), offset);
    }

    static ProducerRecord<byte[], byte[]> record(String topic, int partition, long offset, byte[] value, String reason) {
        String source = source(topic, partition);
        DeadLetter letter = new DeadLetter(source, offset, raw(value), value == null ? 0L : value.length,
                oneLine(reason), "", Instant.now());
        byte[] key = Topics.DLQ.keySerde().serializer().serialize(Topics.DLQ.name(), source + ":" + offset);
        byte[] bytes = Topics.DLQ.valueSerde().serializer().serialize(Topics.DLQ.name(), letter);
        return new ProducerRecord<>(Topics.DLQ.name(), key, bytes);
    }

    /** The value as text if it is printable UTF-8, else as Base64; cut to {@link #MAX_RAW_CHARS}. */
    static String raw(byte[] value) {
        if (value == null) {
            return "";
        }
        String text = printableUtf8(value);
        if (text != null) {
            return text.length() <= MAX_RAW_CHARS ? text : text.substring(0, MAX_RAW_CHARS);
        }
        // Base64 turns 3 bytes into 4 chars: keep whole groups that fit.
        int bytes = Math.min(value.length, (MAX_RAW_CHARS - BASE64.length()) / 4 * 3);
        return BASE64 + Base64.getEncoder().encodeToString(Arrays.copyOf(value, bytes));
    }

    private static String printableUtf8(byte[] value) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return null;
            }
        }
        return text;
    }

    /**
     * Exception messages can span lines (StAX, Avro); a dead letter's reason is one. Other control
     * characters are shown as Java escapes (a zero byte as backslash, {@code u0000}): a reason may quote a
     * value from another producer (a source name with a zero byte), which a terminal would print as nothing.
     */
    static String oneLine(String reason) {
        String line = reason.replaceAll("\\s+", " ").strip();
        StringBuilder shown = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isISOControl(c)) {
                shown.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.toString();
    }

    /** {@code SerializationException: cannot decode ...}, with the root cause when there is one. */
    static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String own = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return root == e ? own : own + " (" + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
    }
}
