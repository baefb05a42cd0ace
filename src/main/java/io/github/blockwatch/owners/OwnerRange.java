package io.github.blockwatch.owners;

/**
 * One range of one owner dataset (IPv4; addresses as unsigned numbers).
 *
 * @param dataset the dataset's name (its file name without directory and {@code .gz})
 * @param format  {@link OwnerFormat#label()}
 * @param range   canonical CIDR, or {@code first-last} for an iptoasn row that is no CIDR block
 */
public record OwnerRange(String dataset, String format, String range, long first, long last, OwnerLabel label) {
    public OwnerRange {
        if (first < 0 || last > 0xffffffffL || first > last) {
            throw new IllegalArgumentException("bad IPv4 range " + range);
        }
    }

    public long size() {
        return last - first + 1;
    }

    /** The key of this range in {@code blockwatch.owners}: datasets never overwrite each other. */
    public String key() {
        return dataset + " " + range;
    }
}
