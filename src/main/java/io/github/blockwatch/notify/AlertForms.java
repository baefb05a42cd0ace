package io.github.blockwatch.notify;

import io.github.blockwatch.alerts.AlertJson;
import io.github.blockwatch.alerts.AlertText;
import io.github.blockwatch.avro.Decision;
import io.github.blockwatch.avro.OwnerShare;
import io.github.blockwatch.avro.RangeAlert;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one place that knows the alert contract: turns a {@code blockwatch.alerts} record into a
 * {@link NotifyAlert}, with the alert's one-line text and JSON forms of the {@code alerts} package.
 */
public final class AlertForms {
    /** Detail keys of a watchlist alert: the watchlist's name, and the channel it asks for. */
    static final String WATCHLIST_DETAIL = "watchlist";
    static final String CHANNEL_DETAIL = "channel";

    private AlertForms() {}

    public static NotifyAlert of(RangeAlert alert) {
        Map<String, String> details = new TreeMap<>(alert.getDetails());
        List<String> decisions = alert.getDecisions().stream().map(Decision::getNumber).distinct().toList();
        List<String> owners = alert.getOwners().stream().map(OwnerShare::getOwner).distinct().toList();
        Set<Long> asns = new LinkedHashSet<>();
        alert.getOwners().stream().map(OwnerShare::getAsn).filter(Objects::nonNull).forEach(asns::add);
        return new NotifyAlert(alert.getId(), alert.getType().name(),
                NotifyAlert.Level.valueOf(alert.getSeverity().name()), alert.getDump().getId(), alert.getRegistryTime(),
                List.copyOf(alert.getRanges()), alert.getAddressCount().toBigInteger(), alert.getSummary(),
                AlertText.format(alert), AlertJson.toJson(alert), decisions, owners, Set.copyOf(asns),
                details.get(WATCHLIST_DETAIL), details.get(CHANNEL_DETAIL), Map.copyOf(details));
    }

    /** Every alert type a route may name. */
    static Set<String> knownTypes() {
        Set<String> types = new LinkedHashSet<>();
        for (var type : io.github.blockwatch.avro.AlertType.values()) {
            types.add(type.name());
        }
        return types;
    }
}
