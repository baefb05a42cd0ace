package io.github.blockwatch.replay;

import java.time.Instant;
import java.util.List;

/**
 * The registry times a replay takes, both ends included; a null end is open.
 */
public record TimeWindow(Instant since, Instant until) {
    public static final TimeWindow ALL = new TimeWindow(null, null);

    public TimeWindow {
        if (since != null && until != null && until.isBefore(since)) {
            throw new IllegalArgumentException("--until " + until + " is before --since " + since);
        }
    }

    public boolean contains(Instant time) {
        return (since == null || !time.isBefore(since)) && (until == null || !time.isAfter(until));
    }

    /** The versions inside the window, in the order given. */
    public List<DumpVersion> select(List<DumpVersion> versions) {
        return versions.stream().filter(v -> contains(v.registryTime())).toList();
    }
}
