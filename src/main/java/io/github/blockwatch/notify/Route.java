package io.github.blockwatch.notify;

import java.util.List;
import java.util.Set;

/**
 * One route of the config: which alerts go to which channels. An empty selector matches every alert;
 * an alert must match every non-empty one (a type of {@code types}, at least {@code minSeverity}, an
 * owner of {@code owners} or an ASN of {@code asns} when either is given, a decision of {@code decisions},
 * a watchlist of {@code watchlists}).
 */
public record Route(Set<String> types, NotifyAlert.Level minSeverity, Set<String> owners, Set<Long> asns,
                    Set<String> decisions, Set<String> watchlists, List<String> channels) {

    public boolean matches(NotifyAlert alert) {
        if (!types.isEmpty() && !types.contains(alert.type())) {
            return false;
        }
        if (alert.severity().compareTo(minSeverity) < 0) {
            return false;
        }
        if ((!owners.isEmpty() || !asns.isEmpty()) && !ownedBySelected(alert)) {
            return false;
        }
        if (!decisions.isEmpty() && alert.decisions().stream().noneMatch(decisions::contains)) {
            return false;
        }
        return watchlists.isEmpty() || (alert.watchlist() != null && watchlists.contains(alert.watchlist()));
    }

    /** Owners compare without case ("amazon" selects "Amazon"): people type them from memory. */
    private boolean ownedBySelected(NotifyAlert alert) {
        boolean byOwner = alert.owners().stream().anyMatch(o -> owners.stream().anyMatch(o::equalsIgnoreCase));
        return byOwner || alert.asns().stream().anyMatch(asns::contains);
    }
}
