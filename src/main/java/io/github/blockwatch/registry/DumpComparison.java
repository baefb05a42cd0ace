package io.github.blockwatch.registry;

import java.time.Instant;
import java.util.List;

/**
 * What two dumps disagree on: entries present in one and not the other, entries both hold with different
 * content, and distinct IPv4 addresses blocked by one and not the other. Made by {@link DumpComparer}.
 *
 * @param a             the first dump
 * @param b             the second dump
 * @param matchedBy     how entries were paired
 * @param onlyInA       entries of A that B lacks
 * @param onlyInB       entries of B that A lacks
 * @param changed       entries both hold with different content (A's version in the samples)
 * @param same          entries both hold alike
 * @param ipv4OnlyInA   distinct IPv4 addresses A blocks and B does not (samples: ranges)
 * @param ipv4OnlyInB   distinct IPv4 addresses B blocks and A does not
 * @param ipv4InBoth    distinct IPv4 addresses both block
 */
public record DumpComparison(
        Side a,
        Side b,
        Matching matchedBy,
        Difference onlyInA,
        Difference onlyInB,
        Difference changed,
        long same,
        Difference ipv4OnlyInA,
        Difference ipv4OnlyInB,
        long ipv4InBoth) {

    /** How entries of the two dumps are paired. */
    public enum Matching {
        /** By entry key: both dumps are of one format, whose keys are stable between dumps. */
        KEY,
        /**
         * By what is blocked and why: decision, domains and URLs (and the addresses, for an entry with
         * neither), since a dump.xml content id and a dump.csv row hash are different keys for the same entry.
         */
        CONTENT
    }

    /**
     * One dump as read.
     *
     * @param rows     rows read, accepted or rejected
     * @param rejected rows that could not be used (not compared)
     * @param entries  accepted rows
     * @param ipv4     distinct IPv4 addresses its entries block
     */
    public record Side(String source, DumpFormat format, Instant registryTime, long rows, long rejected, long entries,
                       long ipv4) {}

    /** How many, and the first few of them in file order (entries) or address order (addresses). */
    public record Difference(long count, List<String> samples) {
        public Difference {
            samples = List.copyOf(samples);
        }
    }

    /** Whether the two dumps agree entirely: no entry and no address in one only, no entry changed. */
    public boolean isEmpty() {
        return onlyInA.count() == 0 && onlyInB.count() == 0 && changed.count() == 0
                && ipv4OnlyInA.count() == 0 && ipv4OnlyInB.count() == 0;
    }
}
