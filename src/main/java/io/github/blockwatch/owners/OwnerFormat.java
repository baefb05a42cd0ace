package io.github.blockwatch.owners;

/** The owner dataset formats blockwatch reads. */
public enum OwnerFormat {
    /** AWS {@code ip-ranges.json}: {@code prefixes[]} of {@code ip_prefix}, {@code region}, {@code service}. */
    AWS_IP_RANGES("aws-ip-ranges"),
    /** Google {@code cloud.json} ({@code ipv4Prefix}, {@code service}, {@code scope}) or {@code goog.json} ({@code ipv4Prefix} only). */
    GOOGLE_IP_RANGES("google-ip-ranges"),
    /** iptoasn TSV: {@code range_start range_end AS_number country AS_description}. */
    IPTOASN("iptoasn"),
    /** ipverse/asn-ip aggregated list: {@code # AS16509 (AMAZON-02)}, {@code # Amazon.com, Inc.}, one prefix a line. */
    IPVERSE("ipverse");

    private final String label;

    OwnerFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
