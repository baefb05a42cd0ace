package io.github.blockwatch.ingest;

import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.DumpHeader;
import io.github.blockwatch.registry.Entry;
import io.github.blockwatch.registry.EntryAttributes;
import io.github.blockwatch.registry.SourceNames;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Maps parsed registry entries to their Avro form. */
final class EntryRecords {
    private EntryRecords() {}

    static RegistryEntry toAvro(Entry entry) {
        return RegistryEntry.newBuilder()
                .setKey(entry.key())
                .setDecision(entry.decision() == null ? null : new Decision(
                        entry.decision().org(), entry.decision().number(), entry.decision().date()))
                .setRanges(rangeTexts(entry.ranges()))
                .setDomains(entry.domains())
                .setUrls(entry.urls())
                .setIncludeTime(entry.includeTime())
                .setEntryType(entry.entryType())
                .setBlockType(entry.blockType())
                .setLine(entry.line())
                .setAttributes(new TreeMap<>(entry.attributes()))
                .build();
    }

    /** The canonical texts; a loop rather than a stream, since ingest maps a million entries of one range each. */
    private static List<String> rangeTexts(List<Cidr> ranges) {
        String[] texts = new String[ranges.size()];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = ranges.get(i).toString();
        }
        return List.of(texts);
    }

    /**
     * Same registry content: where a row sits in the file does not make it a different entry, and neither
     * does a new {@code hash} or {@code ts} alone (see {@link EntryAttributes#isVolatile}): the registry
     * re-issues them without changing what is blocked, and an UPDATED event for each would make every dump
     * churn. Such a change is published with the next real change of the entry. A field added to
     * RegistryEntry must be added here too.
     */
    static boolean sameContent(RegistryEntry a, RegistryEntry b) {
        return Objects.equals(a.getKey(), b.getKey())
                && Objects.equals(a.getDecision(), b.getDecision())
                && Objects.equals(a.getRanges(), b.getRanges())
                && Objects.equals(a.getDomains(), b.getDomains())
                && Objects.equals(a.getUrls(), b.getUrls())
                && Objects.equals(a.getIncludeTime(), b.getIncludeTime())
                && Objects.equals(a.getEntryType(), b.getEntryType())
                && Objects.equals(a.getBlockType(), b.getBlockType())
                && contentAttributes(a).equals(contentAttributes(b));
    }

    private static Map<String, String> contentAttributes(RegistryEntry entry) {
        return entry.getAttributes() == null ? Map.of() : EntryAttributes.withoutVolatile(entry.getAttributes());
    }

    /** The dump's reference in {@code source}: its id carries the source's name unless it is the default one. */
    static DumpRef dumpRef(DumpHeader header, String digest, String source) {
        return new DumpRef(SourceNames.qualify(source, DumpIds.of(header.registryTime(), digest)), header.source(),
                header.format().label(), header.registryTime(), source);
    }

    /** The entries keyed within {@code source} (the same map for the default source, whose keys are unqualified). */
    static Map<String, RegistryEntry> withinSource(String source, Map<String, RegistryEntry> entries) {
        if (SourceNames.DEFAULT.equals(source)) {
            return entries;
        }
        Map<String, RegistryEntry> qualified = new java.util.LinkedHashMap<>(entries.size() * 2);
        for (RegistryEntry entry : entries.values()) {
            entry.setKey(SourceNames.qualify(source, entry.getKey()));
            qualified.put(entry.getKey(), entry);
        }
        return qualified;
    }
}
