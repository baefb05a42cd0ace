package io.github.blockwatch.ingest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Dump ids: the registry time (ISO-8601 UTC, seconds) and the first 12 hex digits of the SHA-256 of the
 * dump's decompressed bytes, e.g. {@code 2018-05-05T13:25:00Z/3f9a0c1d2e4b}. Readable, sortable by
 * time, and the same for the same dump wherever it is ingested.
 */
public final class DumpIds {
    private DumpIds() {}

    public static String of(Instant registryTime, String digest) {
        return registryTime.truncatedTo(ChronoUnit.SECONDS) + "/" + digest.substring(0, Math.min(12, digest.length()));
    }
}
