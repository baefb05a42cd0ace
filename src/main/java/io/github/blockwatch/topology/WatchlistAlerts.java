package io.github.blockwatch.topology;

import io.github.blockwatch.alerts.AlertBuilder;
import io.github.blockwatch.alerts.HumanCounts;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.OwnerShare;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.Severity;
import io.github.blockwatch.avro.Watchlist;
import io.github.blockwatch.owners.OwnerLabel;
import io.github.blockwatch.owners.OwnerSegments;
import io.github.blockwatch.registry.Cidr;
import io.github.blockwatch.registry.IpFamily;
import io.github.blockwatch.watch.AddressInterval;
import io.github.blockwatch.watch.AddressSet;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The WATCHED_BLOCKED and WATCHED_UNBLOCKED alerts of one watchlist: what of it a dump blocked or unblocked,
 * or, when it is added, what of it is blocked already. Every size counts, a single /32 included.
 *
 * <p>Fields: {@code ranges} the blocked (unblocked) ranges that hold watched addresses, largest first, at most
 * {@value #MAX_RANGES}; {@code addressCount} the watched addresses in them (exact, overlaps once);
 * {@code newlyBlocked} of those, the ones nothing blocked before (WATCHED_UNBLOCKED: that nothing blocks any
 * more; "already blocked now": 0); {@code owners} who holds those watched addresses; {@code details}:
 * {@code watchlist}, {@code channel} (when the watchlist names one), {@code state} ({@code newly-blocked},
 * {@code unblocked}, {@code already-blocked}), {@code watched} (the watched addresses affected as CIDRs, comma
 * separated, largest first, at most {@value #MAX_LISTED}), {@code watchedCidrs} (how many CIDRs that is in all),
 * {@code rangeCount}. Decisions: those behind the most watched addresses first.
 * Severity: HIGH when watched addresses are blocked, CRITICAL from the LARGE_RANGE size; MEDIUM when unblocked.
 */
final class WatchlistAlerts {
    static final int MAX_RANGES = 20;
    static final int MAX_LISTED = 50;
    private static final Comparator<Cidr> LARGEST_FIRST = Comparator.comparing(Cidr::size).reversed()
            .thenComparing(Comparator.naturalOrder());

    private WatchlistAlerts() {}

    /** One range of a dump meeting the watchlist: its watched addresses and the ones the change flipped. */
    record Hit(Cidr cidr, List<AddressInterval> watched, List<AddressInterval> changed, List<Decision> decisions) {}

    /** What {@code dump} blocked ({@code blocked}) or unblocked of {@code watchlist}: one alert for all its ranges. */
    static RangeAlert ofDump(Watchlist watchlist, boolean blocked, List<Hit> hits, DumpRef dump, long totalIpv4,
                             OwnerSegments owners, AlertRules rules) {
        AddressSet affected = AddressSet.of(hits.stream().flatMap(h -> h.watched().stream()).toList());
        AddressSet changed = AddressSet.of(hits.stream().flatMap(h -> h.changed().stream()).toList());
        List<Cidr> ranges = hits.stream().map(Hit::cidr).distinct().sorted(LARGEST_FIRST).toList();
        Map<List<Decision>, BigInteger> weighted = new LinkedHashMap<>();
        for (Hit h : hits) {
            weighted.merge(h.decisions(), AddressSet.of(h.watched()).count(), BigInteger::add);
        }
        List<Decision> decisions = heaviest(weighted);
        AlertType type = blocked ? AlertType.WATCHED_BLOCKED : AlertType.WATCHED_UNBLOCKED;
        String what = blocked
                ? String.format(Locale.ROOT, "newly blocked (%s not blocked before)", HumanCounts.format(changed.count()))
                : String.format(Locale.ROOT, "unblocked (%s no longer blocked at all)", HumanCounts.format(changed.count()));
        return alert(type, watchlist.getName(), watchlist, blocked ? "newly-blocked" : "unblocked", affected, changed.count(),
                ranges, decisions, dump, totalIpv4, owners, rules, what);
    }

    /** What of a watchlist just added is blocked now, as of {@code dump}, the last one applied. */
    static RangeAlert alreadyBlocked(Watchlist watchlist, WatchlistStatus status, DumpRef dump, long totalIpv4,
                                     OwnerSegments owners, AlertRules rules) {
        List<Cidr> ranges = status.ranges().stream().map(WatchlistStatus.RangePart::cidr).toList();
        Map<List<Decision>, BigInteger> weighted = new LinkedHashMap<>();
        for (WatchlistStatus.RangePart p : status.ranges()) {
            weighted.merge(List.copyOf(p.state().getEntries().values()), p.watched(), BigInteger::add);
        }
        List<Decision> decisions = heaviest(weighted);
        // A changed definition is a new question, so it gets a new alert: its digest is part of the subject.
        String subject = watchlist.getName() + "\u001falready-blocked\u001f" + digest(watchlist);
        return alert(AlertType.WATCHED_BLOCKED, subject, watchlist, "already-blocked", status.blocked(), BigInteger.ZERO,
                ranges, decisions, dump, totalIpv4, owners, rules, "already blocked now");
    }

    private static RangeAlert alert(AlertType type, String subject, Watchlist watchlist, String state, AddressSet affected,
                                    BigInteger changed, List<Cidr> ranges, List<Decision> decisions, DumpRef dump,
                                    long totalIpv4, OwnerSegments owners, AlertRules rules, String what) {
        List<OwnerShare> shares = owners(affected, owners);
        List<Cidr> listed = affected.cidrs();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("watchlist", watchlist.getName());
        if (watchlist.getChannel() != null) {
            details.put("channel", watchlist.getChannel());
        }
        details.put("state", state);
        // Largest first: when a watchlist's /15 and fifty of its single addresses are hit, the /15 is what to see.
        details.put("watched", listed.stream().sorted(LARGEST_FIRST).limit(MAX_LISTED).map(Cidr::toString)
                .collect(Collectors.joining(",")));
        details.put("watchedCidrs", Integer.toString(listed.size()));
        details.put("rangeCount", Integer.toString(ranges.size()));
        String summary = String.format(Locale.ROOT, "watchlist %s: %s watched %s %s in %s: %s%s%s",
                watchlist.getName(), HumanCounts.format(affected.count()), affected.count().equals(BigInteger.ONE) ? "address" : "addresses",
                what, ranges.size() == 1 ? "1 range" : String.format(Locale.ROOT, "%,d ranges", ranges.size()), rangeList(ranges),
                Summaries.byOwners(shares), Summaries.byDecisions(decisions));
        Severity severity = type == AlertType.WATCHED_UNBLOCKED ? Severity.MEDIUM
                : affected.count(IpFamily.IPV4).compareTo(BigInteger.valueOf(rules.largeRangeIpv4())) >= 0
                        ? Severity.CRITICAL : Severity.HIGH;
        return AlertBuilder.about(type, subject, dump)
                .severity(severity)
                .ranges(ranges.stream().limit(MAX_RANGES).map(Cidr::toString).toList(), family(ranges))
                .counts(affected.count(), changed)
                .totalBlockedIpv4(totalIpv4)
                .decisions(decisions)
                .owners(shares)
                .details(details)
                .summary(summary)
                .build();
    }

    private static int family(List<Cidr> ranges) {
        Set<Integer> families = ranges.stream().map(c -> c.family().version()).collect(Collectors.toSet());
        return families.size() == 1 ? families.iterator().next() : 0;
    }

    /** "52.58.0.0/15, 18.184.0.0/15, 35.156.0.0/14 and 2 more". */
    private static String rangeList(List<Cidr> ranges) {
        String shown = ranges.stream().limit(3).map(Cidr::toString).collect(Collectors.joining(", "));
        return ranges.size() > 3 ? shown + String.format(Locale.ROOT, " and %,d more", ranges.size() - 3) : shown;
    }

    /**
     * The decisions behind the most watched addresses first (each range's decisions weighted by the watched
     * addresses it holds), at most {@value BlockedRanges#MAX_DECISIONS}: the decision that blocked a watched /15
     * comes before the old ones behind a few single addresses.
     */
    private static List<Decision> heaviest(Map<List<Decision>, BigInteger> weighted) {
        Map<Decision, BigInteger> weight = new HashMap<>();
        weighted.forEach((decisions, watched) -> {
            for (Decision d : BlockedRanges.decisions(decisions)) {
                weight.merge(d, watched, BigInteger::add);
            }
        });
        return weight.entrySet().stream()
                .sorted(Map.Entry.<Decision, BigInteger>comparingByValue().reversed()
                        .thenComparing(e -> e.getKey().getDate() + "\u001f" + e.getKey().getNumber() + "\u001f" + e.getKey().getOrg()))
                .limit(BlockedRanges.MAX_DECISIONS)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Who holds the affected watched addresses, per owner, cloud and region (IPv4; owner datasets have no IPv6). */
    private static List<OwnerShare> owners(AddressSet affected, OwnerSegments segments) {
        Map<OwnerLabel, Long> counts = new HashMap<>();
        for (AddressInterval part : affected.intervals()) {
            if (part.family() == IpFamily.IPV4) {
                for (OwnerSegments.Piece piece : segments.split(part.first().longValueExact(), part.last().longValueExact())) {
                    // Per owner, cloud and region, as the statistics count: EC2 vs AMAZON would split one region.
                    counts.merge(piece.label() == null ? null : piece.label().withoutService(), piece.size(), Long::sum);
                }
            }
        }
        return OwnerShares.sorted(counts);
    }

    /** 16 hex digits over what a watchlist watches (not when it was written). */
    static String digest(Watchlist w) {
        String text = String.join("\u001e", w.getPrefixes()) + "\u001f"
                + w.getAsns().stream().map(String::valueOf).collect(Collectors.joining("\u001e")) + "\u001f"
                + String.join("\u001e", w.getOwners());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Intervals as the {@code WatchHit} record keeps them: "first-last", unsigned decimal. */
    static List<String> texts(List<AddressInterval> intervals) {
        List<String> texts = new ArrayList<>(intervals.size());
        intervals.forEach(i -> texts.add(i.first() + "-" + i.last()));
        return texts;
    }

    static List<AddressInterval> intervals(IpFamily family, List<String> texts) {
        List<AddressInterval> intervals = new ArrayList<>(texts.size());
        for (String t : texts) {
            int dash = t.indexOf('-');
            intervals.add(new AddressInterval(family, new BigInteger(t.substring(0, dash)), new BigInteger(t.substring(dash + 1))));
        }
        return intervals;
    }
}
