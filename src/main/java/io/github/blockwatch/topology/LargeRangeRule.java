package io.github.blockwatch.topology;

import io.github.blockwatch.alerts.AlertBuilder;
import io.github.blockwatch.alerts.HumanCounts;
import io.github.blockwatch.alerts.Severities;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.RangeAlert;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.kstream.KStream;

/**
 * LARGE_RANGE: one newly blocked range of at least the threshold (default 65,536 IPv4 addresses, a /16;
 * IPv6 /32 or shorter). UNBLOCKED: such a range is no longer blocked by any entry.
 *
 * <p>Reads the table's changes; writes alerts keyed by alert id.
 */
final class LargeRangeRule {
    private LargeRangeRule() {}

    static KStream<String, RangeAlert> addTo(AlertRule.Inputs in) {
        AlertRules rules = in.thresholds();
        return in.changes().flatMapValues(change -> {
            if (change instanceof TableChange.RangeBlocked blocked && isLarge(blocked.range(), rules)) {
                return List.of(blockedAlert(blocked, rules));
            }
            if (change instanceof TableChange.RangeUnblocked unblocked && isLarge(unblocked.lastSeen(), rules)) {
                return List.of(unblockedAlert(unblocked, rules));
            }
            return List.<RangeAlert>of();
        }).selectKey((key, alert) -> alert.getId());
    }

    private static boolean isLarge(BlockedRange range, AlertRules rules) {
        return range.getAddressCount().toBigInteger().compareTo(rules.largeRangeSize(range.getFamily())) >= 0;
    }

    private static RangeAlert blockedAlert(TableChange.RangeBlocked change, AlertRules rules) {
        BlockedRange range = change.range();
        BigInteger size = range.getAddressCount().toBigInteger();
        String summary = String.format(Locale.ROOT, "%s newly blocked%s: %s addresses (%s not blocked before)%s; %s IPv4 blocked in total",
                range.getCidr(), Summaries.byOwners(range.getOwners()), HumanCounts.format(size), HumanCounts.format(change.newlyBlocked()),
                Summaries.byDecisions(range.getDecisions()), HumanCounts.format(change.totalIpv4()));
        return alert(AlertType.LARGE_RANGE, range, change.newlyBlocked(), change.totalIpv4(), change, rules, summary);
    }

    private static RangeAlert unblockedAlert(TableChange.RangeUnblocked change, AlertRules rules) {
        BlockedRange range = change.lastSeen();
        BigInteger size = range.getAddressCount().toBigInteger();
        String summary = String.format(Locale.ROOT, "%s unblocked%s: %s addresses (%s no longer blocked at all)%s; %s IPv4 blocked in total",
                range.getCidr(), Summaries.byOwners(range.getOwners()), HumanCounts.format(size), HumanCounts.format(change.unblocked()),
                Summaries.byDecisions(range.getDecisions()), HumanCounts.format(change.totalIpv4()));
        return alert(AlertType.UNBLOCKED, range, change.unblocked(), change.totalIpv4(), change, rules, summary);
    }

    private static RangeAlert alert(AlertType type, BlockedRange range, BigInteger changed, long totalIpv4,
                                    TableChange change, AlertRules rules, String summary) {
        BigInteger size = range.getAddressCount().toBigInteger();
        return AlertBuilder.about(type, range.getCidr(), change.dump())
                .severity(Severities.of(size, rules.largeRangeSize(range.getFamily())))
                .range(range.getCidr(), range.getFamily())
                .counts(size, changed)
                .totalBlockedIpv4(totalIpv4)
                .decisions(range.getDecisions())
                .owners(range.getOwners())
                .summary(summary)
                .build();
    }
}
