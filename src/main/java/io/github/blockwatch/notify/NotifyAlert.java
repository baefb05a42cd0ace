package io.github.blockwatch.notify;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An alert as the notifier needs it: what routes select on, and the alert's own text and JSON forms.
 * Built in one place ({@link AlertForms}) from whatever the alert contract is, so the rest of this package
 * does not depend on it.
 *
 * @param type      the alert type's name (a string, so types newer than this build still route)
 * @param dumpId    the id of the dump the alert came from; alerts of one dump make one digest
 * @param summary   the alert's one-line human summary (sizes like 4.2 M)
 * @param text      the alert's one-line text form (time, severity, type, summary)
 * @param json      the alert's JSON form, as on {@code blockwatch.alerts.json}
 * @param decisions decision numbers behind the alert
 * @param owners    owner names of the address space concerned
 * @param asns      autonomous system numbers of the address space concerned
 * @param watchlist the watchlist that raised it, or null
 * @param channel   the channel the alert itself asks for (a watchlist's {@code --channel}), or null
 */
public record NotifyAlert(String id, String type, Level severity, String dumpId, Instant registryTime,
                          List<String> ranges, BigInteger addressCount, String summary, String text, String json,
                          List<String> decisions, List<String> owners, Set<Long> asns, String watchlist,
                          String channel, Map<String, String> details) {

    /** Alert severities, lowest first. */
    public enum Level { LOW, MEDIUM, HIGH, CRITICAL }
}
