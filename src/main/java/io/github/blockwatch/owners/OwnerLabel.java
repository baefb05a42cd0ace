package io.github.blockwatch.owners;

import java.util.Objects;

/**
 * Who holds a range: the organisation and, where a dataset says so, its AS number, cloud platform,
 * region and service.
 *
 * @param hosting shared cloud or hosting space, where a block hits bystanders (COLLATERAL alerts)
 */
public record OwnerLabel(String owner, Long asn, String cloud, String region, String service, boolean hosting) {
    public OwnerLabel {
        Objects.requireNonNull(owner, "owner");
    }

    /** How much the label says: a cloud region beats a cloud name beats a bare AS number. */
    public int richness() {
        return (region != null ? 4 : 0) + (cloud != null ? 2 : 0) + (asn != null ? 1 : 0);
    }

    /** The same label without the service, the granularity of per-owner statistics. */
    public OwnerLabel withoutService() {
        return service == null ? this : new OwnerLabel(owner, asn, cloud, region, null, hosting);
    }

    /** "Amazon AWS eu-central-1", "Google Cloud us-central1", "Google (AS15169)". */
    public String text() {
        StringBuilder text = new StringBuilder();
        if (cloud != null && cloud.startsWith(owner)) {
            text.append(cloud);
        } else {
            text.append(owner);
            if (cloud != null) {
                text.append(' ').append(cloud);
            }
        }
        if (region != null) {
            text.append(' ').append(region);
        }
        if (cloud == null && asn != null) {
            text.append(" (AS").append(asn).append(')');
        }
        return text.toString();
    }
}
