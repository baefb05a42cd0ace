package io.github.blockwatch.official;

import java.util.Locale;

/** Byte counts as people read them in messages: {@code 512 MiB}, {@code 1.5 KiB}. */
final class Sizes {
    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;
    static final long GIB = 1024 * MIB;

    private Sizes() {}

    static String describe(long bytes) {
        if (bytes >= GIB && bytes % GIB == 0) {
            return bytes / GIB + " GiB";
        }
        if (bytes >= MIB && bytes % MIB == 0) {
            return bytes / MIB + " MiB";
        }
        if (bytes >= KIB && bytes % KIB == 0) {
            return bytes / KIB + " KiB";
        }
        return String.format(Locale.ROOT, "%,d bytes", bytes);
    }
}
