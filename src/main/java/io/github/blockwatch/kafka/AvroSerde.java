package io.github.blockwatch.kafka;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro serde using Avro's single-object encoding: each message is {@code C3 01}, the 8-byte CRC-64-AVRO
 * fingerprint of the writer schema, then the binary record. No schema registry is needed: consumers in
 * any language match the fingerprint against the {@code .avsc} files published in {@code schemas/}.
 * A null value stays null (Kafka tombstones).
 */
public final class AvroSerde<T extends SpecificRecord> extends Serdes.WrapperSerde<T> {
    private static final String GENERATED_PACKAGE = "io.github.blockwatch.avro";

    static {
        // Avro 1.12 refuses to instantiate classes it does not trust (a guard against gadget classes in
        // hostile schemas); our generated records are the ones it must build.
        ClassSecurityValidator.ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(type -> GENERATED_PACKAGE.equals(type.getPackageName()) || current.isTrusted(type));
    }

    public AvroSerde(Class<T> type) {
        this(SpecificData.get().getSchema(type));
    }

    private AvroSerde(Schema schema) {
        super(new AvroSerializer<>(schema), new AvroDeserializer<>(schema));
    }

    private static final class AvroSerializer<T> implements Serializer<T> {
        private final BinaryMessageEncoder<T> encoder;

        AvroSerializer(Schema schema) {
            this.encoder = new BinaryMessageEncoder<>(SpecificData.get(), schema);
        }

        @Override
        public byte[] serialize(String topic, T data) {
            if (data == null) {
                return null;
            }
            try {
                ByteBuffer buffer = encoder.encode(data);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException e) {
                throw new SerializationException("cannot encode Avro record for " + topic, e);
            }
        }
    }

    private static final class AvroDeserializer<T> implements Deserializer<T> {
        private final BinaryMessageDecoder<T> decoder;

        AvroDeserializer(Schema schema) {
            this.decoder = new BinaryMessageDecoder<>(SpecificData.get(), schema);
            SchemaHistory.earlierVersionsOf(schema).forEach(decoder::addSchema);
        }

        @Override
        public T deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            try {
                return decoder.decode(data);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot decode Avro record from " + topic + ": " + e.getMessage(), e);
            }
        }
    }

    /** Convenience: {@code AvroSerde.of(RangeAlert.class)}. */
    public static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        return new AvroSerde<>(type);
    }
}
