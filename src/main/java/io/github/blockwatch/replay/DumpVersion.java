package io.github.blockwatch.replay;

import io.github.blockwatch.ingest.DumpContent;
import java.time.Instant;

/**
 * One version of the dump in a history.
 *
 * @param label        where it comes from, for people: a file name, or {@code <commit> <date>}
 * @param registryTime the time the dump itself states (its header), which orders and filters a replay
 * @param source       the named source it belongs to when the history says (a list of dated snapshots is
 *                     its own source); null when the history is one source, the one the replay is told
 */
public record DumpVersion(String label, Instant registryTime, DumpContent content, String source) {
    /** A version of a history that is one source. */
    public DumpVersion(String label, Instant registryTime, DumpContent content) {
        this(label, registryTime, content, null);
    }
}
