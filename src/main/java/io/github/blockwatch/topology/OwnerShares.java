package io.github.blockwatch.topology;

import io.github.blockwatch.alerts.ShareLabels;
import io.github.blockwatch.avro.OwnerShare;
import io.github.blockwatch.owners.OwnerLabel;
import io.github.blockwatch.owners.OwnerSegments;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.IpFamily;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** Owner splits as {@link OwnerShare} lists: largest share first, equal labels merged, the unowned rest as "unattributed". */
final class OwnerShares {
    private OwnerShares() {}

    /** Who owns the range, with exact counts; empty for IPv6 (owner datasets are loaded for IPv4 only). */
    static List<OwnerShare> of(Cidr cidr, OwnerSegments segments) {
        if (cidr.family() != IpFamily.IPV4) {
            return List.of();
        }
        Map<OwnerLabel, Long> counts = new HashMap<>();
        for (OwnerSegments.Piece piece : segments.split(cidr.first().longValueExact(), cidr.last().longValueExact())) {
            counts.merge(piece.label(), piece.size(), Long::sum);
        }
        return sorted(counts);
    }

    /** Counts per label (null = unattributed) as shares, largest first, then by label text. */
    static List<OwnerShare> sorted(Map<OwnerLabel, Long> counts) {
        Map<OwnerLabel, Long> plain = new HashMap<>();
        counts.forEach((label, n) -> plain.merge(plain(label), n, Long::sum));
        List<Map.Entry<OwnerLabel, Long>> entries = new ArrayList<>(plain.entrySet());
        entries.removeIf(e -> e.getValue() == 0);
        entries.sort(Comparator.comparing((Map.Entry<OwnerLabel, Long> e) -> -e.getValue())
                .thenComparing(e -> e.getKey() == null ? "~" : e.getKey().text() + "|" + Objects.toString(e.getKey().service(), "")));
        List<OwnerShare> shares = new ArrayList<>(entries.size());
        for (Map.Entry<OwnerLabel, Long> e : entries) {
            shares.add(OwnerRecords.share(e.getKey(), BigInteger.valueOf(e.getValue())));
        }
        return shares;
    }

    /** Adds {@code more} to {@code shares} at the granularity {@code key} chooses; returns the merged list. */
    static List<OwnerShare> merge(List<OwnerShare> shares, Map<OwnerLabel, Long> more, UnaryOperator<OwnerLabel> key) {
        Map<OwnerLabel, Long> counts = new LinkedHashMap<>();
        for (OwnerShare share : shares) {
            OwnerLabel label = OwnerRecords.label(share);
            counts.merge(label == null ? null : plain(key.apply(label)), share.getAddresses().longValueExact(), Long::sum);
        }
        more.forEach((label, n) -> counts.merge(label == null ? null : plain(key.apply(label)), n, Long::sum));
        return sorted(counts);
    }

    /** The label as a share keeps it: without the hosting flag, which shares do not carry. */
    private static OwnerLabel plain(OwnerLabel label) {
        return label == null || !label.hosting() ? label
                : new OwnerLabel(label.owner(), label.asn(), label.cloud(), label.region(), label.service(), false);
    }

    /** "Amazon AWS eu-central-1" or "unattributed". */
    static String text(OwnerShare share) {
        return ShareLabels.text(share);
    }
}
