package io.github.blockwatch.alerts;

import io.github.blockwatch.registry.SourceNames;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.DumpRef;
import io.github.blockwatch.avro.OwnerShare;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.Severity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one way to make a {@link RangeAlert}. An alert is about a subject (a range, "ipv4", "collateral", a
 * watchlist…) in one dump: those give its {@link AlertIds id} and its registry time. Everything else starts
 * empty or zero, which is what an alert that concerns no address range carries (the feed-health alerts:
 * no ranges, family 0, counts 0, facts in {@code details}); a rule sets what it knows. Severity and summary
 * are required.
 *
 * <pre>{@code
 * RangeAlert alert = AlertBuilder.about(AlertType.LARGE_RANGE, "52.58.0.0/15", dump)
 *         .severity(Severity.LOW).range("52.58.0.0/15", 4).counts(size, newly).totalBlockedIpv4(total)
 *         .decisions(decisions).owners(owners).summary("52.58.0.0/15 newly blocked …").build();
 * }</pre>
 */
public final class AlertBuilder {
    private final RangeAlert.Builder alert;
    private boolean severitySet;
    private boolean summarySet;

    private AlertBuilder(AlertType type, String subject, DumpRef dump) {
        alert = RangeAlert.newBuilder()
                .setId(AlertIds.of(type, subject, dump.getId()))
                .setType(type)
                .setRanges(List.of())
                .setFamily(0)
                .setAddressCount(BigDecimal.ZERO)
                .setNewlyBlocked(BigDecimal.ZERO)
                .setTotalBlockedIpv4(0)
                .setRegistryTime(dump.getRegistryTime())
                .setWindowStart(null)
                .setDump(dump)
                .setDecisions(List.of())
                .setOwners(List.of())
                .setDetails(new LinkedHashMap<>());
    }

    /**
     * An alert of {@code type} about {@code subject} raised by {@code dump}.
     *
     * @param subject what the alert is about within its dump; with type and dump id it makes the alert's id,
     *                so it must not change between releases (the ids of existing rules are an interface)
     */
    public static AlertBuilder about(AlertType type, String subject, DumpRef dump) {
        return new AlertBuilder(Objects.requireNonNull(type, "type"), Objects.requireNonNull(subject, "subject"),
                Objects.requireNonNull(dump, "dump"));
    }

    public AlertBuilder severity(Severity severity) {
        alert.setSeverity(Objects.requireNonNull(severity, "severity"));
        severitySet = true;
        return this;
    }

    /** One range of {@code family} (4 or 6). */
    public AlertBuilder range(String cidr, int family) {
        return ranges(List.of(cidr), family);
    }

    /** The ranges concerned, all of {@code family} (4 or 6; 0 for none or a mix). */
    public AlertBuilder ranges(List<String> cidrs, int family) {
        alert.setRanges(List.copyOf(cidrs));
        alert.setFamily(family);
        return this;
    }

    /**
     * @param addressCount the size of the range(s) concerned
     * @param newlyBlocked of those, the addresses not blocked before (for an unblock: no longer blocked at all)
     */
    public AlertBuilder counts(BigInteger addressCount, BigInteger newlyBlocked) {
        alert.setAddressCount(new BigDecimal(addressCount));
        alert.setNewlyBlocked(new BigDecimal(newlyBlocked));
        return this;
    }

    /** Distinct IPv4 addresses blocked after the change. */
    public AlertBuilder totalBlockedIpv4(long total) {
        alert.setTotalBlockedIpv4(total);
        return this;
    }

    public AlertBuilder windowStart(Instant windowStart) {
        alert.setWindowStart(windowStart);
        return this;
    }

    public AlertBuilder decisions(List<Decision> decisions) {
        alert.setDecisions(List.copyOf(decisions));
        return this;
    }

    public AlertBuilder owners(List<OwnerShare> owners) {
        alert.setOwners(List.copyOf(owners));
        return this;
    }

    /** Rule-specific facts, as strings; kept in the order given (the JSON form sorts them by key). */
    public AlertBuilder details(Map<String, String> details) {
        alert.setDetails(new LinkedHashMap<>(details));
        return this;
    }

    /** The one human-readable line (without time, severity and type: {@link AlertText} adds those). */
    public AlertBuilder summary(String summary) {
        alert.setSummary(Objects.requireNonNull(summary, "summary"));
        summarySet = true;
        return this;
    }

    public RangeAlert build() {
        if (!severitySet || !summarySet) {
            throw new IllegalStateException("an alert needs a severity and a summary");
        }
        // With sources side by side, a reader must see which one raised it; a single-feed deployment reads as before.
        alert.setSummary(SourceNames.label(alert.getDump().getSourceName()) + alert.getSummary());
        return alert.build();
    }
}
