package io.github.blockwatch.topology;

import io.github.blockwatch.alerts.AlertBuilder;
import io.github.blockwatch.alerts.HumanCounts;
import io.github.blockwatch.alerts.Severities;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.BlockedRange;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.RangeFlap;
import io.github.blockwatch.kafka.AvroSerde;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * LARGE_RANGE: one newly blocked range of at least the threshold (default 65,536 IPv4 addresses, a /16;
 * IPv6 /32 or shorter). UNBLOCKED: such a range is no longer blocked by any entry. FLAPPING: such a range is
 * blocked again without having stayed unblocked (see {@link RangeFlaps}); it is alerted once, and its later
 * changes are not, until it stays. One rule, since FLAPPING decides which LARGE_RANGE and UNBLOCKED alerts
 * are raised; lists re-resolved every day (antifilter) would otherwise raise a pair of them a day per range.
 *
 * <p>Reads the table's changes; keeps the ranges that changed within the flapping window in the
 * {@value #STORE} store (canonical CIDR → {@code RangeFlap}); writes alerts keyed by alert id.
 */
final class LargeRangeRule {
    static final String STORE = "range-flaps";

    private LargeRangeRule() {}

    static KStream<String, RangeAlert> addTo(AlertRule.Inputs in) {
        AlertRules rules = in.thresholds();
        in.builder().addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), AvroSerde.of(RangeFlap.class)));
        return in.changes().process(() -> new LargeRangeProcessor(rules, STORE), Named.as("large-range-rule"), STORE);
    }

    static boolean isLarge(BlockedRange range, AlertRules rules) {
        return range.getAddressCount().toBigInteger().compareTo(rules.largeRangeSize(range.getFamily())) >= 0;
    }

    static RangeAlert blockedAlert(TableChange.RangeBlocked change, AlertRules rules) {
        BlockedRange range = change.range();
        BigInteger size = range.getAddressCount().toBigInteger();
        String summary = String.format(Locale.ROOT, "%s newly blocked%s: %s addresses (%s not blocked before)%s; %s IPv4 blocked in total",
                range.getCidr(), Summaries.byOwners(range.getOwners()), HumanCounts.format(size), HumanCounts.format(change.newlyBlocked()),
                Summaries.byDecisions(range.getDecisions()), HumanCounts.format(change.totalIpv4()));
        return alert(AlertType.LARGE_RANGE, range, change.newlyBlocked(), change.totalIpv4(), change, rules, summary).build();
    }

    static RangeAlert unblockedAlert(TableChange.RangeUnblocked change, AlertRules rules) {
        BlockedRange range = change.lastSeen();
        BigInteger size = range.getAddressCount().toBigInteger();
        String summary = String.format(Locale.ROOT, "%s unblocked%s: %s addresses (%s no longer blocked at all)%s; %s IPv4 blocked in total",
                range.getCidr(), Summaries.byOwners(range.getOwners()), HumanCounts.format(size), HumanCounts.format(change.unblocked()),
                Summaries.byDecisions(range.getDecisions()), HumanCounts.format(change.totalIpv4()));
        return alert(AlertType.UNBLOCKED, range, change.unblocked(), change.totalIpv4(), change, rules, summary).build();
    }

    /** FLAPPING: raised on the return that makes the range flapping; its details say why and until when it is quiet. */
    static RangeAlert flappingAlert(TableChange.RangeBlocked change, RangeFlap flap, AlertRules rules) {
        BlockedRange range = change.range();
        String window = Durations.human(rules.flappingWindow());
        String summary = String.format(Locale.ROOT, "%s flapping%s: blocked again, %d time%s since %s without staying blocked or "
                        + "unblocked for more than %s; no LARGE_RANGE or UNBLOCKED for it until it stays; %s addresses%s; %s IPv4 blocked in total",
                range.getCidr(), Summaries.byOwners(range.getOwners()), flap.getReturns(), flap.getReturns() == 1 ? "" : "s",
                flap.getSince(), window, HumanCounts.format(range.getAddressCount().toBigInteger()),
                Summaries.byDecisions(range.getDecisions()), HumanCounts.format(change.totalIpv4()));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("returns", Integer.toString(flap.getReturns()));
        details.put("since", flap.getSince().toString());
        details.put("window", window);
        details.put("minReturns", Integer.toString(rules.flappingReturns()));
        return alert(AlertType.FLAPPING, range, change.newlyBlocked(), change.totalIpv4(), change, rules, summary)
                .details(details).build();
    }

    private static AlertBuilder alert(AlertType type, BlockedRange range, BigInteger changed, long totalIpv4,
                                      TableChange change, AlertRules rules, String summary) {
        BigInteger size = range.getAddressCount().toBigInteger();
        return AlertBuilder.about(type, range.getCidr(), change.dump())
                .severity(Severities.of(size, rules.largeRangeSize(range.getFamily())))
                .range(range.getCidr(), range.getFamily())
                .counts(size, changed)
                .totalBlockedIpv4(totalIpv4)
                .decisions(range.getDecisions())
                .owners(range.getOwners())
                .summary(summary);
    }
}
