package io.github.blockwatch.ingest;

import io.github.blockwatch.registry.DumpLimits;
import io.github.blockwatch.registry.DumpReader;
import java.io.IOException;

/**
 * A dump's bytes wherever they are kept: a file, or a blob of a git commit read as a stream (no copy on
 * disk). Ingest opens it once.
 */
public interface DumpContent {
    /** How the dump is named in messages, dump records and the DLQ ({@code dump.xml@1a2b3c4}). */
    String name();

    /** Its size in bytes as stored (compressed if gzip), for the progress bar. */
    long size();

    /** A reader over the whole dump; the caller closes it. */
    default DumpReader open() throws IOException {
        return open(DumpLimits.DEFAULT);
    }

    /** A reader over the whole dump, refusing what passes {@code limits}; the caller closes it. */
    DumpReader open(DumpLimits limits) throws IOException;
}
