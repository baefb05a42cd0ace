package io.github.blockwatch.registry;

/**
 * How a dump is laid out, beyond its format: what downstream scripts depend on and a mirror may change
 * without warning. Compared dump to dump to notice a format change ({@code FORMAT_CHANGED}).
 *
 * @param formatVersion dump.xml: the root's {@code formatVersion} attribute; null for formats without one
 * @param encoding      the character encoding the dump was read in; null when unknown
 * @param fieldCount    dump.csv: the number of {@code ;}-separated fields most rows have; null for other formats
 */
public record DumpLayout(String formatVersion, String encoding, Integer fieldCount) {
    /** Nothing known. */
    public static final DumpLayout UNKNOWN = new DumpLayout(null, null, null);
}
