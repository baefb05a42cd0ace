package io.github.blockwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.EventType;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.Decision;
import io.github.blockwatch.registry.Entry;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.Dumps;
import io.github.blockwatch.registry.InvalidAddressException;
import io.github.blockwatch.registry.ParsedRow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How dump.xml 2.4 attributes reach the events, and which of their changes are an UPDATE. */
class EntryRecordsTest {
    private static final DumpRef DUMP = new DumpRef("2024-05-06T13:30:03Z/abc", "dump.xml", "xml",
            Instant.parse("2024-05-06T13:30:03Z"), null);

    /** Content 347 of the real 2015-05-31 dump, with 2.4 attributes. */
    private static Entry entry(Map<String, String> attributes, long line) {
        Cidr ip;
        try {
            ip = Cidr.parse("109.69.58.58");
        } catch (InvalidAddressException e) {
            throw new AssertionError(e);
        }
        return new Entry("xml:347", new Decision("Роскомнадзор", "101-РИ", "2012-11-10"),
                List.of(ip), List.of("video-one.com"),
                List.of("http://video-one.com/popular/Teen/1.html"), "2012-11-18T15:17:51", "1", "domain", line,
                attributes);
    }

    private static final Map<String, String> V1 = Map.of("urgencyType", "0", "hash", "A1", "ts", "2024-05-01T10:00:00+03:00",
            "url.ts", "2024-05-01T10:00:00+03:00", "appealStatus", "none");

    @Test
    void shouldCarryEveryAttributeIntoTheRecord() {
        RegistryEntry record = EntryRecords.toAvro(entry(V1, 1));

        assertThat(record.getAttributes()).isEqualTo(V1);
    }

    @Test
    void shouldNotCallANewHashOrTsAnUpdate() {
        Map<String, String> reissued = new HashMap<>(V1);
        reissued.put("hash", "B2");
        reissued.put("ts", "2024-05-06T12:00:00+03:00");
        reissued.put("url.ts", "2024-05-06T12:00:00+03:00");
        Map<String, String> urgent = new HashMap<>(V1);
        urgent.put("urgencyType", "1");
        Map<String, String> unknownChanged = new HashMap<>(V1);
        unknownChanged.put("appealStatus", "pending");
        RegistryEntry before = EntryRecords.toAvro(entry(V1, 1));

        DumpDiff diff = DumpDiff.between(Map.of("xml:347", before), Map.of("xml:347", EntryRecords.toAvro(entry(reissued, 7))), DUMP, null);
        assertThat(diff.isEmpty()).isTrue();
        assertThat(DumpDiff.between(Map.of("xml:347", before), Map.of("xml:347", EntryRecords.toAvro(entry(urgent, 1))), DUMP, null)
                .events()).singleElement().extracting(e -> e.getType()).isEqualTo(EventType.UPDATED);
        assertThat(EntryRecords.sameContent(before, EntryRecords.toAvro(entry(unknownChanged, 1)))).isFalse();
    }

    @Test
    void shouldCarryTheCanonicalRangesOfEveryRealRowInOrder() throws IOException {
        // zi-2020-01-26 lists 263,765 addresses in one row; zi-2018 has /12s, /32s and IPv6.
        for (String dump : List.of("data/zi-2018-05-05.csv.gz", "data/zi-2020-01-26.csv.gz")) {
            long rangesChecked = 0;
            try (DumpReader reader = Dumps.open(Path.of(dump))) {
                for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                    if (row instanceof ParsedRow.Accepted accepted) {
                        List<String> expected = accepted.entry().ranges().stream().map(Cidr::toString).toList();
                        assertThat(EntryRecords.toAvro(accepted.entry()).getRanges()).isEqualTo(expected);
                        rangesChecked += expected.size();
                    }
                }
            }
            assertThat(rangesChecked).as(dump).isGreaterThan(70_000);
        }
    }

    @Test
    void shouldSeeTheSameContentAfterARoundTripThroughTheEntriesTopic() {
        // Re-ingest recovers the state from blockwatch.registry.entries: what comes back must compare equal,
        // or every entry with attributes would be UPDATED again by the next dump.
        RegistryEntry sent = EntryRecords.toAvro(entry(V1, 3));
        byte[] bytes = Topics.REGISTRY_ENTRIES.valueSerde().serializer().serialize(Topics.REGISTRY_ENTRIES.name(), sent);
        RegistryEntry back = Topics.REGISTRY_ENTRIES.valueSerde().deserializer().deserialize(Topics.REGISTRY_ENTRIES.name(), bytes);

        assertThat(EntryRecords.sameContent(back, sent)).isTrue();
        assertThat(back.getAttributes()).isEqualTo(V1);
        assertThat(EntryRecords.sameContent(back, EntryRecords.toAvro(entry(V1, 9)))).isTrue();
    }
}
