package io.github.blockwatch.registry;

import java.util.Locale;

/**
 * How large a dump and its parts may be: what keeps a hostile or broken feed (a gzip that expands to
 * gigabytes, an endless line, a 100 MB attribute) from costing more memory than the real registry does.
 *
 * @param maxDumpBytes  the dump's decompressed size (a split dump: all parts); over it the dump is refused
 * @param maxRowChars   one dump.csv row, or one dump.xml {@code <content>} element's text and attributes;
 *                      a longer one is skipped to its end and rejected (real rows reach 4 MB: 260,000
 *                      addresses of one decision)
 * @param maxFieldChars one dump.xml attribute value or text node; over it the dump is refused, since the
 *                      XML parser cannot skip it without holding it
 */
public record DumpLimits(long maxDumpBytes, int maxRowChars, int maxFieldChars) {
    public static final long DEFAULT_MAX_DUMP_BYTES = 2L * 1024 * 1024 * 1024;
    public static final int DEFAULT_MAX_ROW_CHARS = 16 * 1024 * 1024;
    public static final int DEFAULT_MAX_FIELD_CHARS = 1024 * 1024;
    public static final DumpLimits DEFAULT = new DumpLimits(DEFAULT_MAX_DUMP_BYTES, DEFAULT_MAX_ROW_CHARS, DEFAULT_MAX_FIELD_CHARS);

    public DumpLimits {
        if (maxDumpBytes <= 0 || maxRowChars <= 0 || maxFieldChars <= 0) {
            throw new IllegalArgumentException("dump limits must be positive");
        }
    }

    /** {@code 16 MiB}, {@code 2 GiB}, {@code 1.5 KiB}, {@code 100 bytes}: sizes in messages. */
    public static String human(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value == Math.rint(value) ? String.format(Locale.ROOT, "%d", (long) value)
                : String.format(Locale.ROOT, "%.1f", value)) + " " + units[unit];
    }
}
