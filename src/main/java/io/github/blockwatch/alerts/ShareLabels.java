package io.github.blockwatch.alerts;

import io.github.blockwatch.avro.OwnerShare;
import io.github.blockwatch.owners.OwnerLabel;

/** Between an {@link OwnerShare} (as alerts, ranges and stats carry it) and the {@link OwnerLabel} it stands for. */
public final class ShareLabels {
    /** The owner of addresses no loaded dataset claims. */
    public static final String UNATTRIBUTED = "unattributed";

    private ShareLabels() {}

    /** The label a share stands for (hosting is not part of a share), or null for the unattributed one. */
    public static OwnerLabel of(OwnerShare share) {
        return UNATTRIBUTED.equals(share.getOwner()) && share.getCloud() == null && share.getAsn() == null ? null
                : new OwnerLabel(share.getOwner(), share.getAsn(), share.getCloud(), share.getRegion(), share.getService(), false);
    }

    /** "Amazon AWS eu-central-1", "Google (AS15169)" or "unattributed". */
    public static String text(OwnerShare share) {
        OwnerLabel label = of(share);
        return label == null ? UNATTRIBUTED : label.text();
    }
}
