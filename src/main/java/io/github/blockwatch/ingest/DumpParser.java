package io.github.blockwatch.ingest;

import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.registry.DumpReader;
import io.github.blockwatch.registry.Dumps;
import io.github.blockwatch.registry.ParsedRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a whole dump into a {@link ParsedDump}, reporting progress by bytes of the file read. */
final class DumpParser {
    private DumpParser() {}

    static ParsedDump parse(Path file, String sourceName, Progress progress) throws IOException {
        long size = Files.size(file);
        return parse(Dumps.open(file, sourceName), size, progress);
    }

    /** Reads {@code opened} to its end and closes it; {@code size} is what its progress is measured against. */
    static ParsedDump parse(DumpReader opened, long size, Progress progress) throws IOException {
        try (DumpReader reader = opened) {
            progress.start(reader.header().source(), size);
            Map<String, RegistryEntry> entries = new LinkedHashMap<>();
            List<ParsedRow.Rejected> rejected = new ArrayList<>();
            long rows = 0;
            for (ParsedRow row = reader.next(); row != null; row = reader.next()) {
                rows++;
                if (row instanceof ParsedRow.Rejected r) {
                    rejected.add(r);
                } else if (row instanceof ParsedRow.Accepted a) {
                    RegistryEntry entry = EntryRecords.toAvro(a.entry());
                    RegistryEntry earlier = entries.putIfAbsent(entry.getKey(), entry);
                    if (earlier != null) {
                        rejected.add(new ParsedRow.Rejected(a.line(), "(entry " + entry.getKey() + ")", 0,
                                "duplicate entry key " + entry.getKey() + " (first at line " + earlier.getLine() + ")"));
                    }
                }
                if ((rows & 1023) == 0) {
                    progress.update(reader.bytesRead(), rows);
                }
            }
            progress.finish(size, rows);
            return new ParsedDump(reader.header(), reader.digest(), rows, entries, rejected);
        }
    }
}
