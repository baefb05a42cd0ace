package io.github.blockwatch.registry;

/** What a {@link DumpReader} makes of one row: an entry, or a rejection with its reason. */
public sealed interface ParsedRow {
    /** Line number in the (decompressed) dump, 1-based; for dump.xml the content element's ordinal. */
    long line();

    /** A usable registry entry. */
    record Accepted(long line, Entry entry) implements ParsedRow {}

    /**
     * A row that cannot be used; it goes to the dead-letter topic, never silently dropped.
     *
     * @param raw       the row's text (cut to {@link DumpReader#MAX_RAW_CHARS})
     * @param rawLength the full row length in characters
     * @param reason    one line saying what is wrong
     */
    record Rejected(long line, String raw, long rawLength, String reason) implements ParsedRow {
        /** A rejection of {@code raw}, keeping at most {@link DumpReader#MAX_RAW_CHARS} of it. */
        public static Rejected of(long line, String raw, String reason) {
            return of(line, raw, raw.length(), reason);
        }

        /** As {@link #of(long, String, String)}, for a row of which only a prefix was kept. */
        public static Rejected of(long line, String raw, long rawLength, String reason) {
            String kept = raw.length() <= DumpReader.MAX_RAW_CHARS ? raw : raw.substring(0, DumpReader.MAX_RAW_CHARS);
            return new Rejected(line, kept, rawLength, reason);
        }
    }
}
