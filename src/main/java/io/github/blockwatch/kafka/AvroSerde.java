package io.github.blockwatch.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
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

    /**
     * Writes the header and the binary record into a per-thread buffer through Avro's buffered encoder.
     * Avro's own {@code BinaryMessageEncoder} writes the same bytes but one at a time through a direct
     * encoder into a synchronized stream, then copies them twice; the Streams thread serializes every
     * changelog and output record, so that cost showed up as a sixth of its time (docs/PERFORMANCE.md).
     */
    private static final class AvroSerializer<T> implements Serializer<T> {
        private final byte[] header;
        private final DatumWriter<T> writer;
        // Serdes are shared by every task of the topology, and so by every stream thread.
        private final ThreadLocal<Output> outputs = ThreadLocal.withInitial(Output::new);

        @SuppressWarnings("unchecked")
        AvroSerializer(Schema schema) {
            this.header = SingleObjectHeader.of(schema);
            this.writer = (DatumWriter<T>) SpecificData.get().createDatumWriter(schema);
        }

        @Override
        public byte[] serialize(String topic, T data) {
            if (data == null) {
                return null;
            }
            Output out = outputs.get();
            try {
                out.reset();
                out.write(header, 0, header.length);
                out.encoder = EncoderFactory.get().binaryEncoder(out, out.encoder);
                writer.write(data, out.encoder);
                out.encoder.flush();
                return out.toByteArray();
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot encode Avro record for " + topic, e);
            }
        }
    }

    /** A growable byte buffer without {@code ByteArrayOutputStream}'s locking, and the encoder that fills it. */
    private static final class Output extends OutputStream {
        private byte[] bytes = new byte[256];
        private int size;
        BinaryEncoder encoder;

        void reset() {
            size = 0;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }

    /**
     * Reads the header, picks the reader for the writer schema it names (today's or an earlier release's,
     * resolved to today's) and decodes the record straight from the array. Avro's own
     * {@code BinaryMessageDecoder} reads the same bytes one at a time through a stream.
     */
    private static final class AvroDeserializer<T> implements Deserializer<T> {
        private final Map<Long, DatumReader<T>> readers = new HashMap<>();
        private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

        @SuppressWarnings("unchecked")
        AvroDeserializer(Schema schema) {
            readers.put(SchemaNormalization.parsingFingerprint64(schema),
                    (DatumReader<T>) SpecificData.get().createDatumReader(schema, schema));
            for (Schema earlier : SchemaHistory.earlierVersionsOf(schema)) {
                readers.put(SchemaNormalization.parsingFingerprint64(earlier),
                        (DatumReader<T>) SpecificData.get().createDatumReader(earlier, schema));
            }
        }

        @Override
        public T deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            try {
                DatumReader<T> reader = readers.get(SingleObjectHeader.fingerprint(data));
                if (reader == null) {
                    throw new IllegalArgumentException("no known schema has fingerprint "
                            + Long.toHexString(SingleObjectHeader.fingerprint(data)));
                }
                BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, SingleObjectHeader.LENGTH,
                        data.length - SingleObjectHeader.LENGTH, decoders.get());
                decoders.set(decoder);
                return reader.read(null, decoder);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot decode Avro record from " + topic + ": " + e.getMessage(), e);
            }
        }
    }

    /** Avro single-object encoding's header: the marker {@code C3 01}, then the schema's fingerprint. */
    private static final class SingleObjectHeader {
        static final int LENGTH = 10;

        static byte[] of(Schema schema) {
            byte[] header = new byte[LENGTH];
            header[0] = (byte) 0xC3;
            header[1] = 0x01;
            ByteBuffer.wrap(header, 2, 8).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(SchemaNormalization.parsingFingerprint64(schema));
            return header;
        }

        static long fingerprint(byte[] message) {
            if (message.length < LENGTH || message[0] != (byte) 0xC3 || message[1] != 0x01) {
                throw new IllegalArgumentException("not Avro single-object encoding (no C3 01 header)");
            }
            return ByteBuffer.wrap(message, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
    }

    /** Convenience: {@code AvroSerde.of(RangeAlert.class)}. */
    public static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        return new AvroSerde<>(type);
    }
}
