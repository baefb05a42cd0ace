package io.github.blockwatch.topology.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.DeadLetter;
import io.github.blockwatch.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The dead letter of a Kafka record: where it was, why, and its bytes in a form a person can read back. */
class StreamDeadLettersTest {
    @Test
    void shouldNameTheRecordByTopicPartitionAndOffset() {
        ProducerRecord<byte[], byte[]> record = StreamDeadLetters.record("blockwatch.registry.events", 2, 41,
                "not Avro".getBytes(StandardCharsets.UTF_8), "undecodable record:\n  no C3 01 header");

        assertThat(record.topic()).isEqualTo(Topics.DLQ.name());
        assertThat(Topics.DLQ.keySerde().deserializer().deserialize(record.topic(), record.key()))
                .isEqualTo("blockwatch.registry.events-2:41");
        DeadLetter letter = Topics.DLQ.valueSerde().deserializer().deserialize(record.topic(), record.value());
        assertThat(letter.getSource()).isEqualTo("blockwatch.registry.events-2");
        assertThat(letter.getLine()).isEqualTo(41L);
        assertThat(letter.getReason()).isEqualTo("undecodable record: no C3 01 header");
        assertThat(letter.getRaw()).isEqualTo("not Avro");
        assertThat(letter.getRawLength()).isEqualTo(8L);
    }

    @Test
    void shouldShowControlCharactersOfAReasonAsEscapes() {
        // A reason quoting another producer's source name: the zero byte must be seen, on one line.
        assertThat(StreamDeadLetters.oneLine("source name 'a\u0000b' is not one:\n use 1 to 64\u001b[2J"))
                .isEqualTo("source name 'a\\u0000b' is not one: use 1 to 64\\u001b[2J");
    }

    @Test
    void shouldKeepBinaryValuesAsBase64() {
        byte[] avroLike = {(byte) 0xC3, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 7};

        assertThat(StreamDeadLetters.raw(avroLike)).isEqualTo("base64:wwEAAAAAAAAAAAc=");
        assertThat(StreamDeadLetters.raw("tab\tand\u0001".getBytes(StandardCharsets.UTF_8))).startsWith("base64:");
        assertThat(StreamDeadLetters.raw(null)).isEmpty();
    }

    @Test
    void shouldCutLongValuesTo64KiBOfText() {
        byte[] big = new byte[1 << 20];
        Arrays.fill(big, (byte) 0xFF);

        assertThat(StreamDeadLetters.raw(big)).hasSizeLessThanOrEqualTo(StreamDeadLetters.MAX_RAW_CHARS).startsWith("base64:////");
        assertThat(StreamDeadLetters.raw("a".repeat(100_000).getBytes(StandardCharsets.UTF_8))).hasSize(StreamDeadLetters.MAX_RAW_CHARS);
    }
}
