package io.github.blockwatch.registry;

import java.util.regex.Pattern;

/**
 * Named sources (feeds): each is its own sequence of dumps, with its own registry state. A deployment that
 * never names one has the single source {@value #DEFAULT}, whose entry keys and dump ids are exactly those
 * of releases before sources existed, so their records and state read on unchanged. A named source's entry
 * keys and dump ids carry its name and a {@code /} in front ({@code antifilter-ipsum/list:1.2.3.0/24}), so
 * the same row in two sources is two entries, and the same file in two sources two dumps.
 */
public final class SourceNames {
    /** The source of dumps ingested without {@code --source}, and of every record written before 0.4. */
    public static final String DEFAULT = "default";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private SourceNames() {}

    /**
     * The name if it is one: lowercase letters, digits, {@code .}, {@code _} and {@code -}, at most 64,
     * starting with a letter or digit (it becomes part of keys, ids, file and metric names).
     *
     * @throws IllegalArgumentException naming what is wrong, in one line
     */
    public static String checked(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("source name '" + name + "' is not one: use 1 to 64 lowercase letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit (e.g. official, antifilter-ipsum)");
        }
        return name;
    }

    /** The name a record carries, null (written before 0.4) read as {@value #DEFAULT}. */
    public static String orDefault(String name) {
        return name == null ? DEFAULT : name;
    }

    /**
     * What a line for people (an alert's summary, ingest's report) begins with to say its source:
     * {@code [antifilter-ipsum] }, nothing for the default source (or null, read as it).
     */
    public static String label(String source) {
        return source == null || DEFAULT.equals(source) ? "" : "[" + source + "] ";
    }

    /** An entry key (or dump id) within its source: unchanged for the default source. */
    public static String qualify(String source, String key) {
        return DEFAULT.equals(source) ? key : source + '/' + key;
    }

    /**
     * The source of an entry key or dump id made by {@link #qualify}. Unqualified keys start with their kind
     * ({@code xml:}, {@code csv:}, {@code list:}), dump ids with a time, and neither has a {@code /} before its first colon; a source name has
     * no colon.
     */
    public static String sourceOf(String keyOrDumpId) {
        int slash = keyOrDumpId.indexOf('/');
        int colon = keyOrDumpId.indexOf(':');
        return slash > 0 && (colon < 0 || slash < colon) ? keyOrDumpId.substring(0, slash) : DEFAULT;
    }
}
