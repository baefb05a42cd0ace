package io.github.blockwatch.ingest;

import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.DumpHeader;
import io.github.blockwatch.registry.Entry;

/** Maps parsed registry entries to their Avro form. */
final class EntryRecords {
    private EntryRecords() {}

    static RegistryEntry toAvro(Entry entry) {
        return RegistryEntry.newBuilder()
                .setKey(entry.key())
                .setDecision(entry.decision() == null ? null : new Decision(
                        entry.decision().org(), entry.decision().number(), entry.decision().date()))
                .setRanges(entry.ranges().stream().map(Cidr::toString).toList())
                .setDomains(entry.domains())
                .setUrls(entry.urls())
                .setIncludeTime(entry.includeTime())
                .setEntryType(entry.entryType())
                .setBlockType(entry.blockType())
                .setLine(entry.line())
                .build();
    }

    /** Same registry content: where a row sits in the file does not make it a different entry. */
    static boolean sameContent(RegistryEntry a, RegistryEntry b) {
        if (a.getLine() == b.getLine()) {
            return a.equals(b);
        }
        RegistryEntry aligned = RegistryEntry.newBuilder(b).setLine(a.getLine()).build();
        return a.equals(aligned);
    }

    static DumpRef dumpRef(DumpHeader header, String digest) {
        return new DumpRef(DumpIds.of(header.registryTime(), digest), header.source(),
                header.format().label(), header.registryTime());
    }
}
