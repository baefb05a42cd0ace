package io.github.blockwatch.topology;

import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.registry.SourceNames;

/**
 * The source a registry record names, held to what {@code ingest --source} writes: a source name
 * ({@link SourceNames#checked}, or none: the default source, as before 0.4), and the same source in the
 * dump id and entry key ({@link SourceNames#sourceOf}). Another producer may write anything: a name with a
 * zero byte would reach into other sources' keys in the coverage and totals stores ({@code name + '\0' + …}),
 * and a name that disagrees with the keys would put an entry under one source and its counts under another.
 * Such a record is refused with an {@link IllegalArgumentException} before any store changes, which makes
 * it a dead letter with this reason ({@code DeadLetterProcessingHandler}).
 */
final class SourceCheck {
    private SourceCheck() {}

    /**
     * The source of a dump.
     *
     * @throws IllegalArgumentException if its source name is no name, or its id is of another source
     */
    static String of(DumpRef dump) {
        String name = dump.getSourceName();
        if (name != null) {
            try {
                SourceNames.checked(name);
            } catch (IllegalArgumentException e) {
                // Not wrapped: the dead letter's reason names the cause once.
                throw new IllegalArgumentException("dump " + dump.getId() + ": " + e.getMessage());
            }
        }
        String source = SourceNames.orDefault(name);
        requireSame(source, name, "dump id", dump.getId());
        return source;
    }

    /**
     * The source of an event of {@code entryKey} in {@code dump}.
     *
     * @throws IllegalArgumentException as {@link #of(DumpRef)}, or if the entry key is of another source
     */
    static String of(DumpRef dump, String entryKey) {
        String source = of(dump);
        requireSame(source, dump.getSourceName(), "entry key", entryKey);
        return source;
    }

    private static void requireSame(String source, String name, String what, String keyOrId) {
        String own = SourceNames.sourceOf(keyOrId);
        if (!own.equals(source)) {
            String named = name == null ? "no source (the default)" : "source '" + name + "'";
            throw new IllegalArgumentException("dump names " + named + " but " + what + " '" + keyOrId
                    + "' is of source '" + own + "'");
        }
    }
}
