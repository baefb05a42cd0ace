package io.github.blockwatch.watch;

import io.github.blockwatch.avro.Watchlist;
import io.github.blockwatch.owners.OwnerLabel;
import io.github.blockwatch.owners.OwnerRange;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.InvalidAddressException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a watchlist watches, exactly: its prefixes, plus every range of the loaded owner datasets that an
 * ASN or an owner label of it names. ASNs and labels are matched against every dataset's ranges, not only
 * the most specific owner of each address: the AWS list names no AS, the ipverse list of AS16509 does, and
 * a watchlist of AS16509 means all of the space AS16509 is said to hold.
 *
 * <p>An owner label matches a range whose owner ({@code Amazon}), cloud ({@code AWS}) or display name
 * ({@code Amazon AWS eu-central-1}, as the API shows it) equals it, ignoring case.
 *
 * @param addresses every watched address
 * @param criteria  per prefix, {@code AS<n>} and owner label: how many addresses it adds (before the union),
 *                  so a user sees an ASN that no loaded dataset names
 */
public record WatchedAddresses(AddressSet addresses, Map<String, BigInteger> criteria) {
    /** Resolves {@code watchlist} against {@code ownerRanges} (all ranges of all loaded owner datasets). */
    public static WatchedAddresses resolve(Watchlist watchlist, List<OwnerRange> ownerRanges) {
        List<AddressInterval> all = new ArrayList<>();
        Map<String, BigInteger> criteria = new LinkedHashMap<>();
        for (String prefix : watchlist.getPrefixes()) {
            AddressInterval interval = AddressInterval.of(parse(prefix));
            all.add(interval);
            criteria.merge(prefix, interval.size(), BigInteger::add);
        }
        for (Long asn : watchlist.getAsns()) {
            List<AddressInterval> named = new ArrayList<>();
            for (OwnerRange range : ownerRanges) {
                if (asn.equals(range.label().asn())) {
                    named.add(AddressInterval.ipv4(range.first(), range.last()));
                }
            }
            criteria.put("AS" + asn, AddressSet.of(named).count());
            all.addAll(named);
        }
        for (String owner : watchlist.getOwners()) {
            List<AddressInterval> named = new ArrayList<>();
            for (OwnerRange range : ownerRanges) {
                if (names(range.label(), owner)) {
                    named.add(AddressInterval.ipv4(range.first(), range.last()));
                }
            }
            criteria.put(owner, AddressSet.of(named).count());
            all.addAll(named);
        }
        return new WatchedAddresses(AddressSet.of(all), criteria);
    }

    /** True when the watchlist names anything through owner datasets (so a reload can change it). */
    public static boolean usesOwners(Watchlist watchlist) {
        return !watchlist.getAsns().isEmpty() || !watchlist.getOwners().isEmpty();
    }

    private static boolean names(OwnerLabel label, String wanted) {
        String w = wanted.strip().toLowerCase(Locale.ROOT);
        return label.owner().toLowerCase(Locale.ROOT).equals(w)
                || (label.cloud() != null && label.cloud().toLowerCase(Locale.ROOT).equals(w))
                || label.text().toLowerCase(Locale.ROOT).equals(w);
    }

    private static Cidr parse(String prefix) {
        try {
            return Cidr.parse(prefix);
        } catch (InvalidAddressException e) {
            // Prefixes are validated and canonicalised by 'watch add'; a bad one is a foreign producer's.
            throw new IllegalArgumentException("watchlist prefix " + e.getMessage(), e);
        }
    }
}
