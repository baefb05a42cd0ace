package io.github.blockwatch.ingest;

import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.DumpSource;
import io.github.blockwatch.registry.Dumps;
import io.github.blockwatch.registry.ParsedRow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a whole dump into a {@link ParsedDump}, reporting progress by bytes of the file read. */
final class DumpParser {
    private DumpParser() {}

    static ParsedDump parse(DumpSource source, Progress progress) throws IOException {
        return parse(Dumps.open(source), source.size(), progress);
    }

    /** Reads {@code opened} to its end and closes it; {@code size} is what its progress is measured against. */
    static ParsedDump parse(DumpReader opened, long size, Progress progress) throws IOException {
        try (DumpReader reader = opened) {
            progress.start(reader.header().source(), size);
            Map<String, RegistryEntry> entries = new LinkedHashMap<>();
            List<RejectedRow> rejected = new ArrayList<>();
            long rows = 0;
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                rows++;
                if (row instanceof ParsedRow.Rejected r) {
                    rejected.add(new RejectedRow(reader.place(r.line()), r));
                } else if (row instanceof ParsedRow.Accepted a) {
                    RegistryEntry entry = EntryRecords.toAvro(a.entry());
                    RegistryEntry earlier = entries.putIfAbsent(entry.getKey(), entry);
                    if (earlier != null) {
                        rejected.add(new RejectedRow(reader.place(a.line()), new ParsedRow.Rejected(a.line(),
                                "(entry " + entry.getKey() + ")", 0,
                                "duplicate entry key " + entry.getKey() + " (first at " + reader.place(earlier.getLine()) + ")")));
                    }
                }
                if ((rows & 1023) == 0) {
                    progress.update(reader.bytesRead(), rows);
                }
            }
            progress.finish(size, rows);
            return new ParsedDump(reader.header(), reader.digest(), rows, entries, rejected, reader.layout());
        }
    }
}
