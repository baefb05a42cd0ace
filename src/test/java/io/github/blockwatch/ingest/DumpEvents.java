package io.github.blockwatch.ingest;

import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.avro.RegistryEvent;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events ingest publishes for a sequence of dumps, made by ingest's own parser and diff but without a
 * broker, for topology tests to pipe into a {@code TopologyTestDriver}. Keeps the registry state between dumps.
 */
public final class DumpEvents {
    private final Map<String, RegistryEntry> state = new LinkedHashMap<>();
    private final String source;
    private String lastWithEvents;

    /** Events of the default source. */
    public DumpEvents() {
        this(io.github.blockwatch.registry.SourceNames.DEFAULT);
    }

    /** Events of the named source, as {@code ingest --source} publishes them. */
    public DumpEvents(String source) {
        this.source = source;
    }

    /** The events of the next dump, as ingest would publish them after the dumps given before. */
    public List<RegistryEvent> next(DumpContent content) throws IOException {
        ParsedDump dump = DumpParser.parse(content.open(), content.size(), Progress.NONE);
        DumpRef ref = EntryRecords.dumpRef(dump.header(), dump.digest(), source);
        Map<String, RegistryEntry> entries = EntryRecords.withinSource(source, dump.entries());
        DumpDiff diff = DumpDiff.between(state, entries, ref, lastWithEvents);
        if (!diff.isEmpty()) {
            lastWithEvents = ref.getId();
        }
        state.clear();
        state.putAll(entries);
        return diff.events();
    }
}
