package io.github.blockwatch.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.EventType;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.avro.RegistryEvent;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.Dumps;
import io.github.blockwatch.registry.Entry;
import io.github.blockwatch.registry.ParsedRow;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The serde writes exactly what Avro's reference single-object encoder writes, and reads it back. */
class AvroSerdeTest {
    private static final Serde<RegistryEvent> SERDE = AvroSerde.of(RegistryEvent.class);
    private static final BinaryMessageEncoder<RegistryEvent> REFERENCE =
            new BinaryMessageEncoder<>(SpecificData.get(), RegistryEvent.getClassSchema());

    @Test
    void everyEventOfARealDumpEncodesAsAvroDoesAndDecodesToItself() throws IOException {
        List<RegistryEvent> events = events(Path.of("data/zi-2017-07-01.csv.gz"));
        assertTrue(events.size() > 6_000, "read " + events.size() + " events");
        for (RegistryEvent event : events) {
            byte[] bytes = SERDE.serializer().serialize("t", event);
            assertArrayEquals(reference(event), bytes, event.getKey());
            assertEquals(event, SERDE.deserializer().deserialize("t", bytes));
        }
    }

    @Test
    void aRowOf260000AddressesGrowsTheBufferAndStaysExact() {
        List<String> ranges = new ArrayList<>();
        for (int i = 0; i < 260_000; i++) {
            ranges.add("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255) + "/32");
        }
        RegistryEvent big = event(RegistryEntry.newBuilder().setKey("big").setRanges(ranges).build());
        RegistryEvent small = event(RegistryEntry.newBuilder().setKey("small").setRanges(List.of("1.2.3.4/32")).build());

        byte[] bigBytes = SERDE.serializer().serialize("t", big);
        byte[] smallBytes = SERDE.serializer().serialize("t", small); // reuses the grown buffer

        assertArrayEquals(reference(big), bigBytes);
        assertArrayEquals(reference(small), smallBytes);
        assertEquals(ranges, SERDE.deserializer().deserialize("t", bigBytes).getEntry().getRanges());
    }

    @Test
    void nullStaysATombstoneAndForeignBytesAreRefused() {
        assertNull(SERDE.serializer().serialize("t", null));
        assertNull(SERDE.deserializer().deserialize("t", null));
        SerializationException noHeader = assertThrows(SerializationException.class,
                () -> SERDE.deserializer().deserialize("t", "{\"json\":true}".getBytes()));
        assertTrue(noHeader.getMessage().contains("single-object"), noHeader.getMessage());
        byte[] otherSchema = AvroSerde.of(Decision.class).serializer().serialize("t", new Decision("org", "1", "2020-01-01"));
        SerializationException unknown = assertThrows(SerializationException.class,
                () -> SERDE.deserializer().deserialize("t", otherSchema));
        assertTrue(unknown.getMessage().contains("fingerprint"), unknown.getMessage());
    }

    private static byte[] reference(RegistryEvent event) {
        try {
            ByteBuffer buffer = REFERENCE.encode(event);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<RegistryEvent> events(Path dump) throws IOException {
        List<RegistryEvent> events = new ArrayList<>();
        try (DumpReader reader = Dumps.open(dump)) {
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                if (row instanceof ParsedRow.Accepted accepted) {
                    events.add(event(entry(accepted.entry())));
                }
            }
        }
        return events;
    }

    private static RegistryEntry entry(Entry entry) {
        return RegistryEntry.newBuilder()
                .setKey(entry.key())
                .setDecision(entry.decision() == null ? null
                        : new Decision(entry.decision().org(), entry.decision().number(), entry.decision().date()))
                .setRanges(entry.ranges().stream().map(Cidr::toString).toList())
                .setDomains(entry.domains())
                .setUrls(entry.urls())
                .setIncludeTime(entry.includeTime())
                .setEntryType(entry.entryType())
                .setBlockType(entry.blockType())
                .setLine(entry.line())
                .setAttributes(new TreeMap<>(entry.attributes()))
                .build();
    }

    private static RegistryEvent event(RegistryEntry entry) {
        Instant at = Instant.parse("2017-07-01T12:00:00Z");
        return RegistryEvent.newBuilder()
                .setType(EventType.ADDED)
                .setKey(entry.getKey())
                .setDump(new DumpRef(at + "/test", "zi-2017-07-01.csv.gz", "csv", at, null))
                .setDumpEventCount(1)
                .setEntry(entry)
                .build();
    }
}
