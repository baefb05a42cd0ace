package io.github.blockwatch.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.blockwatch.alerts.AlertBuilder;
import io.github.blockwatch.avro.AddressDelta;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.DumpRecord;
import io.github.blockwatch.avro.DumpProgress;
import io.github.blockwatch.avro.PendingUnblock;
import io.github.blockwatch.avro.RangeState;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.RegistryEvent;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/**
 * Records written by earlier releases (0.1: before owners, details, attributes, dump layouts; 0.2, 0.3) still
 * decode with today's classes; what an older reader makes of today's records.
 */
class SchemaHistoryTest {
    private static final Conversions.DecimalConversion DECIMAL = new Conversions.DecimalConversion();

    @Test
    void rangeAlertWrittenBy01DecodesWithEmptyOwnersAndDetails() throws IOException {
        Schema old = oldSchema("RangeAlert");
        assertNotEquals(SchemaNormalization.parsingFingerprint64(old),
                SchemaNormalization.parsingFingerprint64(RangeAlert.getClassSchema()), "the schema did change");

        GenericRecord alert = new GenericData.Record(old);
        alert.put("id", "LARGE_RANGE:52.58.0.0/15:2018-05-05T13:25:00Z/3a245322cf05");
        alert.put("type", new GenericData.EnumSymbol(old.getField("type").schema(), "LARGE_RANGE"));
        alert.put("severity", new GenericData.EnumSymbol(old.getField("severity").schema(), "HIGH"));
        alert.put("ranges", List.of("52.58.0.0/15"));
        alert.put("family", 4);
        alert.put("addressCount", decimal(old.getField("addressCount").schema(), 131072));
        alert.put("newlyBlocked", decimal(old.getField("newlyBlocked").schema(), 131072));
        alert.put("totalBlockedIpv4", 14_692_449L);
        alert.put("registryTime", 1525526700000L);
        alert.put("windowStart", null);
        alert.put("dump", dumpRef(old.getField("dump").schema()));
        alert.put("decisions", List.of());
        alert.put("summary", "52.58.0.0/15 blocked");

        RangeAlert decoded = AvroSerde.of(RangeAlert.class).deserializer()
                .deserialize("blockwatch.alerts", encode(old, alert));

        assertEquals(AlertType.LARGE_RANGE, decoded.getType());
        assertEquals(List.of("52.58.0.0/15"), decoded.getRanges());
        assertEquals(14_692_449L, decoded.getTotalBlockedIpv4());
        assertEquals(BigDecimal.valueOf(131072), decoded.getNewlyBlocked());
        assertTrue(decoded.getOwners().isEmpty());
        assertEquals(Map.of(), decoded.getDetails());
    }

    @Test
    void blockedRangeWrittenBy01DecodesWithoutOwners() throws IOException {
        Schema old = oldSchema("BlockedRange");
        GenericRecord range = new GenericData.Record(old);
        range.put("cidr", "34.192.0.0/10");
        range.put("family", 4);
        range.put("firstAddress", "34.192.0.0");
        range.put("lastAddress", "34.255.255.255");
        range.put("addressCount", decimal(old.getField("addressCount").schema(), 4_194_304));
        range.put("entryCount", 1);
        range.put("decisions", List.of());
        range.put("firstBlocked", 1525526700000L);
        range.put("firstBlockedDump", "2018-05-05T13:25:00Z/3a245322cf05");

        BlockedRange decoded = AvroSerde.of(BlockedRange.class).deserializer()
                .deserialize("blockwatch.blocked.ranges", encode(old, range));

        assertEquals("34.192.0.0/10", decoded.getCidr());
        assertEquals(BigDecimal.valueOf(4_194_304), decoded.getAddressCount());
        assertTrue(decoded.getOwners().isEmpty());
    }

    @Test
    void registryEventWrittenBy01DecodesWithNoAttributes() throws IOException {
        Schema old = oldSchema("RegistryEvent");
        Schema entrySchema = old.getField("entry").schema();
        GenericRecord entry = new GenericData.Record(entrySchema);
        entry.put("key", "xml:12345");
        entry.put("decision", null);
        entry.put("ranges", List.of("1.2.3.4/32"));
        entry.put("domains", List.of("example.ru"));
        entry.put("urls", List.of());
        entry.put("includeTime", "2014-11-20T10:00:00");
        entry.put("entryType", "1");
        entry.put("blockType", null);
        entry.put("line", 7L);
        GenericRecord event = new GenericData.Record(old);
        event.put("type", new GenericData.EnumSymbol(old.getField("type").schema(), "ADDED"));
        event.put("key", "xml:12345");
        event.put("dump", dumpRef(old.getField("dump").schema()));
        event.put("dumpEventCount", 1);
        event.put("entry", entry);

        RegistryEvent decoded = AvroSerde.of(RegistryEvent.class).deserializer()
                .deserialize("blockwatch.registry.events", encode(old, event));

        assertEquals("xml:12345", decoded.getEntry().getKey());
        assertEquals(List.of("1.2.3.4/32"), decoded.getEntry().getRanges());
        assertEquals(Map.of(), decoded.getEntry().getAttributes());
    }

    @Test
    void dumpRecordWrittenBy01DecodesAsAcceptedWithAnUnknownLayout() throws IOException {
        Schema old = oldSchema("DumpRecord");
        assertNotEquals(SchemaNormalization.parsingFingerprint64(old),
                SchemaNormalization.parsingFingerprint64(DumpRecord.getClassSchema()), "the schema did change");
        GenericRecord record = new GenericData.Record(old);
        record.put("dump", dumpRef(old.getField("dump").schema()));
        record.put("digest", "3a245322cf05" + "0".repeat(52));
        record.put("rowsRead", 32_797L);
        record.put("accepted", 32_796L);
        record.put("rejected", 1L);
        record.put("entries", 32_796L);
        record.put("added", 27_903);
        record.put("removed", 1_793);
        record.put("updated", 537);
        record.put("ingestedAt", 1_764_000_000_000L);

        DumpRecord decoded = AvroSerde.of(DumpRecord.class).deserializer()
                .deserialize("blockwatch.registry.dumps", encode(old, record));

        assertEquals(32_796L, decoded.getEntries());
        assertEquals("zi-2018-05-05.csv.gz", decoded.getDump().getSource());
        // Ingest compares only the format with such a record (FORMAT_CHANGED), and it was applied, not held.
        assertEquals(null, decoded.getFormatVersion());
        assertEquals(null, decoded.getEncoding());
        assertEquals(null, decoded.getFieldCount());
        assertEquals(false, decoded.getHeld());
    }

    @Test
    void dumpProgressWrittenBy01DecodesWithNoOwnerAccount() throws IOException {
        Schema old = oldSchema("DumpProgress");
        GenericRecord progress = new GenericData.Record(old);
        progress.put("eventsApplied", 12);
        progress.put("added", 10);
        progress.put("removed", 1);
        progress.put("updated", 1);
        progress.put("newlyBlockedIpv4", 131_072L);
        progress.put("unblockedIpv4", 0L);
        progress.put("largestNewRanges", List.of("52.58.0.0/15"));

        DumpProgress decoded = AvroSerde.of(DumpProgress.class).deserializer()
                .deserialize("blockwatch-dump-progress-changelog", encode(old, progress));

        assertEquals(131_072L, decoded.getNewlyBlockedIpv4());
        assertEquals(List.of("52.58.0.0/15"), decoded.getLargestNewRanges());
        assertTrue(decoded.getNewlyBlockedOwners().isEmpty());
        assertEquals(0L, decoded.getNewlyBlockedHostingIpv4());
    }

    @Test
    void registryEventWrittenBy02DecodesWithoutAPredecessor() throws IOException {
        Schema old = schemaOf("0.2", "RegistryEvent");
        assertNotEquals(SchemaNormalization.parsingFingerprint64(old),
                SchemaNormalization.parsingFingerprint64(RegistryEvent.getClassSchema()), "the schema did change");
        RegistryEvent event = RegistryEvent.newBuilder().setType(io.github.blockwatch.avro.EventType.ADDED).setKey("xml:12345")
                .setDump(new io.github.blockwatch.avro.DumpRef("2018-05-05T13:25:00Z/3a245322cf05", "dump.xml", "xml",
                        java.time.Instant.parse("2018-05-05T13:25:00Z"), null))
                .setDumpEventCount(1)
                .setEntry(io.github.blockwatch.avro.RegistryEntry.newBuilder().setKey("xml:12345")
                        .setRanges(List.of("1.2.3.4/32")).build())
                .setFollows("written but not in the 0.2 schema")
                .build();
        // The fields 0.2 knew come first in today's schema, so today's record can be written with 0.2's.
        byte[] written = new BinaryMessageEncoder<RegistryEvent>(org.apache.avro.specific.SpecificData.get(), old)
                .encode(event).array();

        RegistryEvent decoded = AvroSerde.of(RegistryEvent.class).deserializer().deserialize("blockwatch.registry.events", written);

        assertEquals("xml:12345", decoded.getKey());
        assertEquals(List.of("1.2.3.4/32"), decoded.getEntry().getRanges());
        assertEquals(null, decoded.getFollows());
    }

    @Test
    void recordsWrittenBy03AreTheDefaultSources() throws IOException {
        io.github.blockwatch.avro.DumpRef dump = new io.github.blockwatch.avro.DumpRef("2018-05-05T13:25:00Z/3a245322cf05",
                "dump.xml", "xml", java.time.Instant.parse("2018-05-05T13:25:00Z"), "written but not in the 0.3 schema");
        RegistryEvent event = RegistryEvent.newBuilder().setType(io.github.blockwatch.avro.EventType.ADDED).setKey("xml:12345")
                .setDump(dump).setDumpEventCount(1)
                .setEntry(io.github.blockwatch.avro.RegistryEntry.newBuilder().setKey("xml:12345")
                        .setRanges(List.of("1.2.3.4/32")).build())
                .build();
        BlockedRange range = BlockedRange.newBuilder().setCidr("1.2.3.4/32").setFamily(4).setFirstAddress("1.2.3.4")
                .setLastAddress("1.2.3.4").setAddressCount(BigDecimal.ONE).setEntryCount(1).setDecisions(List.of())
                .setFirstBlocked(dump.getRegistryTime()).setFirstBlockedDump(dump.getId())
                .setSources(List.of("written but not in the 0.3 schema")).build();
        io.github.blockwatch.avro.DumpStats stats = io.github.blockwatch.avro.DumpStats.newBuilder().setDump(dump)
                .setRegistryTime(dump.getRegistryTime()).setEntries(1).setRanges(1).setRangesIpv6(0).setDistinctIpv4(1)
                .setDistinctIpv6(BigDecimal.ZERO).setAdded(1).setRemoved(0).setUpdated(0).setNewlyBlockedIpv4(1)
                .setUnblockedIpv4(0).setSources(List.of(new io.github.blockwatch.avro.SourceTotals("x", 1L, 1L, 0L, 1L,
                        BigDecimal.ZERO))).build();

        // Today's fields come after 0.3's, so today's records can be written with 0.3's schemas, as 0.3 wrote them.
        RegistryEvent decodedEvent = decodeAs03(RegistryEvent.class, "RegistryEvent", event);
        BlockedRange decodedRange = decodeAs03(BlockedRange.class, "BlockedRange", range);
        io.github.blockwatch.avro.DumpStats decodedStats = decodeAs03(io.github.blockwatch.avro.DumpStats.class, "DumpStats", stats);

        assertEquals(null, decodedEvent.getDump().getSourceName());
        assertEquals("default", io.github.blockwatch.registry.SourceNames.orDefault(decodedEvent.getDump().getSourceName()));
        assertEquals("default", io.github.blockwatch.registry.SourceNames.sourceOf(decodedEvent.getKey()));
        assertEquals("default", io.github.blockwatch.registry.SourceNames.sourceOf(decodedEvent.getDump().getId()));
        assertEquals(List.of(), decodedRange.getSources());
        assertEquals(List.of(), decodedStats.getSources());
        assertEquals(1L, decodedStats.getDistinctIpv4());
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> T decodeAs03(Class<T> type, String name, T record)
            throws IOException {
        Schema old = schemaOf("0.3", name);
        assertNotEquals(SchemaNormalization.parsingFingerprint64(old),
                SchemaNormalization.parsingFingerprint64(record.getSchema()), name + ": the schema did change");
        byte[] written = new BinaryMessageEncoder<T>(org.apache.avro.specific.SpecificData.get(), old).encode(record).array();
        return AvroSerde.of(type).deserializer().deserialize("topic", written);
    }

    @Test
    void rangeAlertWrittenBy02DecodesWithTodaysClasses() throws IOException {
        Schema old = schemaOf("0.2", "RangeAlert");
        assertNotEquals(SchemaNormalization.parsingFingerprint64(old),
                SchemaNormalization.parsingFingerprint64(RangeAlert.getClassSchema()), "the schema did change");
        RangeAlert alert = alert(AlertType.LARGE_RANGE, "52.58.0.0/15");
        // 0.2's schema differs only in the enum's later symbols, so a LARGE_RANGE alert can be written with it.
        byte[] written = new BinaryMessageEncoder<RangeAlert>(org.apache.avro.specific.SpecificData.get(), old)
                .encode(alert).array();

        RangeAlert decoded = AvroSerde.of(RangeAlert.class).deserializer().deserialize("blockwatch.alerts", written);

        assertEquals(alert, decoded);
    }

    @Test
    void aReaderWithThe02SchemaDecodesEveryAlertButTheWatchedOnes() throws IOException {
        // A consumer built with 0.2's RangeAlert.avsc that registers today's schema (from schemas/) as a writer.
        BinaryMessageDecoder<GenericRecord> reader02 = new BinaryMessageDecoder<>(GenericData.get(), schemaOf("0.2", "RangeAlert"));
        reader02.addSchema(RangeAlert.getClassSchema());
        var serializer = AvroSerde.of(RangeAlert.class).serializer();
        byte[] large = serializer.serialize("blockwatch.alerts", alert(AlertType.LARGE_RANGE, "52.58.0.0/15"));
        byte[] watched = serializer.serialize("blockwatch.alerts", alert(AlertType.WATCHED_BLOCKED, "frankfurt"));

        assertEquals("LARGE_RANGE", reader02.decode(large).get("type").toString());
        // Avro resolves enum symbols by name and AlertType declares no default: a symbol added later is an error
        // for an older reader (README of schemas/history says what to do).
        assertThrows(AvroRuntimeException.class, () -> reader02.decode(watched));
        byte[] flapping = serializer.serialize("blockwatch.alerts", alert(AlertType.FLAPPING, "172.67.0.0/19"));
        assertThrows(AvroRuntimeException.class, () -> reader02.decode(flapping));
    }

    @Test
    void alertTypesOnlyGainSymbolsAtTheEnd() throws IOException {
        // Appending keeps every old symbol's position, so records old writers made still resolve by name and
        // a reader generated from any release lists its symbols in the same order as today's.
        List<String> then = schemaOf("0.2", "RangeAlert").getField("type").schema().getEnumSymbols();
        List<String> now = RangeAlert.getClassSchema().getField("type").schema().getEnumSymbols();

        assertEquals(then, now.subList(0, then.size()));
        assertEquals(List.of("WATCHED_BLOCKED", "WATCHED_UNBLOCKED", "FLAPPING"), now.subList(then.size(), now.size()));
    }

    private static RangeAlert alert(AlertType type, String subject) {
        io.github.blockwatch.avro.DumpRef dump = new io.github.blockwatch.avro.DumpRef("2018-05-05T13:25:00Z/25d965cedeb9",
                "zi-2018-05-05.csv.gz", "csv", java.time.Instant.parse("2018-05-05T13:25:00Z"), null);
        return AlertBuilder.about(type, subject, dump).severity(io.github.blockwatch.avro.Severity.HIGH)
                .range("52.58.0.0/15", 4).counts(java.math.BigInteger.valueOf(131_072), java.math.BigInteger.valueOf(131_072))
                .summary(subject + " blocked").build();
    }

    @Test
    void rangeStateWrittenBy03DecodesWithEveryEntryInItsSample() throws IOException {
        Schema old = schemaOf("0.3", "RangeState");
        assertNotEquals(SchemaNormalization.parsingFingerprint64(old),
                SchemaNormalization.parsingFingerprint64(RangeState.getClassSchema()), "the schema did change");
        GenericRecord state = rangeState(old, 25);

        RangeState decoded = AvroSerde.of(RangeState.class).deserializer()
                .deserialize("blockwatch-blocked-ranges-changelog", encode(old, state));

        assertEquals(25, decoded.getEntries().size(), "0.3 kept every entry; all stay in the sample");
        assertEquals(0, decoded.getMoreEntries());
        assertEquals("2018-05-05T13:25:00Z/3a245322cf05", decoded.getFirstBlockedDump());
    }

    @Test
    void pendingUnblockWrittenBy03Decodes() throws IOException {
        Schema old = schemaOf("0.3", "PendingUnblock");
        GenericRecord pending = new GenericData.Record(old);
        pending.put("dumpId", "2020-01-26T01:24:00Z/a1410773a0be");
        pending.put("state", rangeState(old.getField("state").schema(), 1));
        pending.put("lastDecision", decision(old.getField("lastDecision").schema()));

        PendingUnblock decoded = AvroSerde.of(PendingUnblock.class).deserializer()
                .deserialize("blockwatch-pending-unblocks-changelog", encode(old, pending));

        assertEquals(1, decoded.getState().getEntries().size());
        assertEquals(0, decoded.getState().getMoreEntries());
        assertEquals("27-31-2018/Ид2971-18", decoded.getLastDecision().getNumber());
    }

    @Test
    void addressDeltaWrittenBy03SaysItsPreviousDecisionIsNotKnown() throws IOException {
        // A delta 0.3 left in the address-deltas repartition topic: the decision table must read the entry's
        // previous decision from its own store for it, not take "no previous decision" from the default.
        Schema old = schemaOf("0.3", "AddressDelta");
        GenericRecord delta = new GenericData.Record(old);
        delta.put("entryKey", "csv:1");
        delta.put("decision", decision(old.getField("decision").schema().getTypes().get(1)));
        delta.put("eventType", new GenericData.EnumSymbol(old.getField("eventType").schema(), "UPDATED"));
        delta.put("dump", dumpRef(old.getField("dump").schema()));
        delta.put("dumpEventCount", 1);
        delta.put("unblock", List.of());
        delta.put("block", List.of("10.0.0.1/32"));

        AddressDelta decoded = AvroSerde.of(AddressDelta.class).deserializer()
                .deserialize("blockwatch-address-deltas-repartition", encode(old, delta));

        assertFalse(decoded.getPreviousDecisionKnown());
        assertEquals(List.of("10.0.0.1/32"), decoded.getBlock());
    }

    private static GenericRecord rangeState(Schema schema, int entries) {
        GenericRecord state = new GenericData.Record(schema);
        Schema decision = schema.getField("entries").schema().getValueType();
        Map<String, GenericRecord> map = new java.util.HashMap<>();
        for (int i = 0; i < entries; i++) {
            map.put("csv:" + i, decision(decision));
        }
        state.put("entries", map);
        state.put("firstBlocked", 1525526700000L);
        state.put("firstBlockedDump", "2018-05-05T13:25:00Z/3a245322cf05");
        return state;
    }

    private static GenericRecord decision(Schema schema) {
        GenericRecord decision = new GenericData.Record(schema);
        decision.put("org", "Генпрокуратура");
        decision.put("number", "27-31-2018/Ид2971-18");
        decision.put("date", "2018-04-16");
        return decision;
    }

    private static Schema oldSchema(String name) throws IOException {
        return schemaOf("0.1", name);
    }

    private static Schema schemaOf(String release, String name) throws IOException {
        try (InputStream in = SchemaHistoryTest.class.getResourceAsStream("/schema-history/" + release + "/" + name + ".avsc")) {
            return new Schema.Parser().parse(in);
        }
    }

    private static GenericRecord dumpRef(Schema schema) {
        GenericRecord ref = new GenericData.Record(schema);
        ref.put("id", "2018-05-05T13:25:00Z/3a245322cf05");
        ref.put("source", "zi-2018-05-05.csv.gz");
        ref.put("format", "csv");
        ref.put("registryTime", 1525526700000L);
        return ref;
    }

    private static ByteBuffer decimal(Schema schema, long value) {
        return DECIMAL.toBytes(BigDecimal.valueOf(value), schema, schema.getLogicalType());
    }

    private static byte[] encode(Schema schema, GenericRecord record) throws IOException {
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
