package io.github.blockwatch.topology;

import io.github.blockwatch.avro.Watchlist;

/**
 * What the watchlist rule reads, as one stream: the address table's changes and the watchlists as they are
 * added, changed and removed. Both arrive in the table's single-partition sub-topology, so the rule sees the
 * table exactly as each change left it. In memory only, never written to a topic.
 */
sealed interface WatchInput {
    record Change(TableChange change) implements WatchInput {}

    /** {@code watchlist} null: removed. */
    record Update(String name, Watchlist watchlist) implements WatchInput {}
}
