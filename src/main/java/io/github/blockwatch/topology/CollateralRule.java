package io.github.blockwatch.topology;

import io.github.blockwatch.alerts.AlertBuilder;
import io.github.blockwatch.alerts.HumanCounts;
import io.github.blockwatch.alerts.Severities;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.DumpProgress;
import io.github.blockwatch.avro.OwnerShare;
import io.github.blockwatch.avro.RangeAlert;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.kstream.KStream;

/**
 * COLLATERAL: a dump newly blocks at least {@code collateralMinAddresses} IPv4 addresses and more than
 * {@code collateralShare} of them lie on shared cloud or hosting space (owner ranges flagged hosting: AWS,
 * Google Cloud, hosting ASes). That is the April 2018 pattern: whole cloud ranges blocked to reach one
 * service, taking every other tenant with them. One alert per dump, listing the owner split.
 *
 * <p>Reads the table's {@code DumpApplied} changes; writes alerts keyed by alert id.
 */
final class CollateralRule {
    static final String SUBJECT = "collateral";

    private CollateralRule() {}

    static KStream<String, RangeAlert> addTo(AlertRule.Inputs in) {
        AlertRules rules = in.thresholds();
        return in.changes().flatMapValues(change -> change instanceof TableChange.DumpApplied applied && fires(applied.progress(), rules)
                        ? List.of(alert(applied, rules))
                        : List.<RangeAlert>of())
                .selectKey((key, alert) -> alert.getId());
    }

    static boolean fires(DumpProgress dump, AlertRules rules) {
        long newly = dump.getNewlyBlockedIpv4();
        return newly >= rules.collateralMinAddresses()
                && dump.getNewlyBlockedHostingIpv4() > rules.collateralShare() * newly;
    }

    private static RangeAlert alert(TableChange.DumpApplied applied, AlertRules rules) {
        DumpProgress dump = applied.progress();
        long newly = dump.getNewlyBlockedIpv4();
        long hosting = dump.getNewlyBlockedHostingIpv4();
        String share = Summaries.percent(BigDecimal.valueOf(hosting), BigDecimal.valueOf(newly));
        String summary = String.format(Locale.ROOT,
                "collateral: %s of %s IPv4 addresses newly blocked (%s) lie on cloud and hosting space — %s; %s IPv4 blocked in total",
                HumanCounts.format(hosting), HumanCounts.format(newly), share, byPlatform(dump.getNewlyBlockedOwners()),
                HumanCounts.format(applied.totals().getDistinctIpv4()));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("hostingAddresses", Long.toString(hosting));
        details.put("hostingShare", String.format(Locale.ROOT, "%.4f", newly == 0 ? 0.0 : (double) hosting / newly));
        details.put("thresholdShare", String.format(Locale.ROOT, "%.4f", rules.collateralShare()));
        details.put("minAddresses", Long.toString(rules.collateralMinAddresses()));
        return AlertBuilder.about(AlertType.COLLATERAL, SUBJECT, applied.dump())
                .severity(Severities.of(hosting, rules.collateralMinAddresses()))
                .ranges(dump.getLargestNewRanges(), 4)
                .counts(BigInteger.valueOf(newly), BigInteger.valueOf(newly))
                .totalBlockedIpv4(applied.totals().getDistinctIpv4())
                .owners(dump.getNewlyBlockedOwners())
                .details(details)
                .summary(summary)
                .build();
    }

    /** "Amazon AWS 9.1 M, Google Cloud 1 M, unattributed 4.6 M": shares summed per owner and cloud, largest first. */
    static String byPlatform(List<OwnerShare> shares) {
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        for (OwnerShare s : shares) {
            String cloud = s.getCloud();
            String name = cloud == null ? s.getOwner() : cloud.startsWith(s.getOwner()) ? cloud : s.getOwner() + " " + cloud;
            sums.merge(name, s.getAddresses(), BigDecimal::add);
        }
        List<Map.Entry<String, BigDecimal>> sorted = sums.entrySet().stream()
                .sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed()).toList();
        String shown = sorted.stream().limit(4)
                .map(e -> e.getKey() + " " + HumanCounts.format(e.getValue().toBigInteger()))
                .collect(Collectors.joining(", "));
        return sorted.size() > 4 ? shown + ", " + (sorted.size() - 4) + " more" : shown;
    }
}
