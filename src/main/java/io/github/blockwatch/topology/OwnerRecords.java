package io.github.blockwatch.topology;

import io.github.blockwatch.alerts.ShareLabels;
import io.github.blockwatch.avro.Owner;
import io.github.blockwatch.avro.OwnerShare;
import io.github.blockwatch.owners.OwnerLabel;
import io.github.blockwatch.owners.OwnerRange;
import io.github.blockwatch.owners.Ipv4Text;
import java.math.BigDecimal;
import java.math.BigInteger;

/** Between the owner index's ranges and labels and their Avro records on {@code blockwatch.owners} and in shares. */
public final class OwnerRecords {
    /** The owner of addresses no loaded dataset claims. */
    public static final String UNATTRIBUTED = ShareLabels.UNATTRIBUTED;

    private OwnerRecords() {}

    public static Owner toRecord(OwnerRange range) {
        OwnerLabel label = range.label();
        return Owner.newBuilder()
                .setDataset(range.dataset())
                .setFormat(range.format())
                .setRange(range.range())
                .setFamily(4)
                .setFirstAddress(Ipv4Text.format(range.first()))
                .setLastAddress(Ipv4Text.format(range.last()))
                .setOwner(label.owner())
                .setAsn(label.asn())
                .setCloud(label.cloud())
                .setRegion(label.region())
                .setService(label.service())
                .setHosting(label.hosting())
                .build();
    }

    /** The range a record describes, or null for one the index does not use (IPv6, unparseable). */
    public static OwnerRange toRange(Owner owner) {
        if (owner.getFamily() != 4) {
            return null;
        }
        try {
            long first = Ipv4Text.parse(owner.getFirstAddress());
            long last = Ipv4Text.parse(owner.getLastAddress());
            return new OwnerRange(owner.getDataset(), owner.getFormat(), owner.getRange(), first, last,
                    new OwnerLabel(owner.getOwner(), owner.getAsn(), owner.getCloud(), owner.getRegion(),
                            owner.getService(), owner.getHosting()));
        } catch (IllegalArgumentException e) {
            return null; // a foreign producer's record; the index goes on without it
        }
    }

    /** A share of {@code addresses}; label null means unattributed. */
    public static OwnerShare share(OwnerLabel label, BigInteger addresses) {
        OwnerShare.Builder share = OwnerShare.newBuilder().setAddresses(new BigDecimal(addresses));
        if (label == null) {
            return share.setOwner(UNATTRIBUTED).setAsn(null).setCloud(null).setRegion(null).setService(null).build();
        }
        return share.setOwner(label.owner()).setAsn(label.asn()).setCloud(label.cloud())
                .setRegion(label.region()).setService(label.service()).build();
    }

    /** The label a share stands for (hosting is not part of a share), or null for the unattributed one. */
    public static OwnerLabel label(OwnerShare share) {
        return ShareLabels.of(share);
    }
}
