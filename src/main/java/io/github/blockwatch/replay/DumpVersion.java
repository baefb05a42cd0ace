package io.github.blockwatch.replay;

import io.github.blockwatch.ingest.DumpContent;
import java.time.Instant;

/**
 * One version of the dump in a history.
 *
 * @param label        where it comes from, for people: a file name, or {@code <commit> <date>}
 * @param registryTime the time the dump itself states (its header), which orders and filters a replay
 */
public record DumpVersion(String label, Instant registryTime, DumpContent content) {}
