package io.github.blockwatch.ingest;

import io.github.blockwatch.avro.RegistryEntry;
import io.github.blockwatch.registry.DumpHeader;
import io.github.blockwatch.registry.DumpLayout;
import java.util.List;
import java.util.Map;

/**
 * A dump read to its end: its entries by key (in file order) and its rejected rows.
 *
 * @param rowsRead every row read, accepted or rejected
 * @param layout   format version, encoding and field layout, compared with the previous dump's
 */
record ParsedDump(DumpHeader header, String digest, long rowsRead, Map<String, RegistryEntry> entries,
                  List<RejectedRow> rejected, DumpLayout layout) {

    long accepted() {
        return rowsRead - rejected.size();
    }
}
