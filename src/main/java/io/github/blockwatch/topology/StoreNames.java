package io.github.blockwatch.topology;

/**
 * Names and key/value types of the queryable state stores: the contract between the topology and
 * whatever reads it from outside (the HTTP API reads them by name with {@code StoreQueryParameters}).
 */
public final class StoreNames {
    /** String entry key → {@code RegistryEntry}; partitioned like {@code blockwatch.registry.events}. */
    public static final String REGISTRY_ENTRIES = "registry-entries";
    /**
     * Bytes (IP version byte + boundary) → Integer coverage depth; one partition. No changelog: derived from
     * {@link #BLOCKED_RANGES} and {@link #PENDING_UNBLOCKS}, and rebuilt from them when it disagrees with the
     * table's distinct counts.
     */
    public static final String ADDRESS_COVERAGE = "address-coverage";
    /**
     * String canonical CIDR → {@code RangeState} (first blocked; the entries that block it: up to 20 by key
     * with their decisions, and how many more there are); one partition.
     */
    public static final String BLOCKED_RANGES = "blocked-ranges";
    /**
     * Bytes ({@link RangeIndexKeys}) → empty: every range of {@link #BLOCKED_RANGES} by address, and newest
     * first-blocked first, largest first, so the API lists ranges with one range scan; no changelog (rebuilt
     * from {@link #BLOCKED_RANGES} when it disagrees with the table's count); one partition.
     */
    public static final String BLOCKED_RANGES_INDEX = "blocked-ranges-index";
    /** Internal: canonical CIDR + " " + entry key → {@code Decision}, the entries of a range beyond its sample. */
    public static final String RANGE_ENTRIES = "blocked-range-entries";
    /**
     * {@value #TOTALS_KEY} → {@code TableTotals}, the running totals of the table (the union of all sources);
     * {@value #SOURCE_TOTALS_PREFIX} + source name → {@code TableTotals}, that source's alone; one partition.
     */
    public static final String TABLE_TOTALS = "table-totals";
    /** Key prefix of each source's totals in {@link #TABLE_TOTALS}. */
    public static final String SOURCE_TOTALS_PREFIX = "source\0";
    /**
     * Internal: source name + a zero byte + boundary key → Integer coverage depth, each source's own coverage
     * once the table has met more than one source; one partition. No changelog: rebuilt from
     * {@link #BLOCKED_RANGES} when it disagrees with the source's distinct counts.
     */
    public static final String SOURCE_COVERAGE = "source-coverage";
    /** Global (every instance holds all of it): {@code blockwatch.owners}, key = dataset + " " + range → {@code Owner}. */
    public static final String OWNERS = "owners";
    /** Internal: how many events of each dump the table has applied. */
    public static final String DUMP_PROGRESS = "dump-progress";
    /**
     * Versioned, String canonical CIDR → {@code BlockedRange} as {@code blockwatch.blocked.ranges} showed it,
     * each version stamped with the registry time of the dump that wrote it; a tombstone version means the
     * range was unblocked at that time. Query with {@code VersionedKeyQuery} / {@code MultiVersionedKeyQuery}
     * (IQv2); one partition.
     */
    public static final String RANGE_HISTORY = "blocked-ranges-history";
    /**
     * String decision key ({@link DecisionKeys}) → {@code DecisionStats}: live entries, ranges and distinct
     * IPv4 addresses of each decision; one partition.
     */
    public static final String DECISIONS = "decisions";
    /** Internal: decision key + NUL + canonical CIDR → how many of the decision's entries list the range. */
    public static final String DECISION_RANGES = "decision-ranges";
    /** Internal: entry key → the entry's decision, as the decision table last saw it. */
    public static final String DECISION_ENTRIES = "decision-entries";
    /** Internal: dump id + NUL + decision key → "ranges" or "entries": what a dump changed of each decision it touched, until it is applied. */
    public static final String DECISION_PENDING = "decision-pending";
    /**
     * Internal: ranges whose last entry the dump being applied removed, canonical CIDR → {@code PendingUnblock};
     * unblocked when the dump is complete unless the dump blocks them again.
     */
    public static final String PENDING_UNBLOCKS = "pending-unblocks";
    /**
     * Internal, no changelog: the name of each store the table derives (coverages, range index) → the
     * generation it matches ({@link TableGeneration}).
     */
    public static final String DERIVED_STAMPS = "derived-stamps";
    /**
     * Internal: per dump, how many of its deltas went on to the table, and which dumps are complete; and how
     * many deltas the table has applied in all ({@link TableGeneration}).
     */
    public static final String DUMP_SEQUENCE = "dump-sequence";
    /** Internal: deltas of a dump waiting for the dump they follow to be complete, in arrival order. */
    public static final String DUMP_SEQUENCE_HELD = "dump-sequence-held";
    /** String watchlist name → {@code Watchlist}, as {@code blockwatch.watchlists} holds them; one partition (the table's). */
    public static final String WATCHLISTS = "watchlists";
    /** Internal: watchlist + NUL + B/U + NUL + CIDR → {@code WatchHit}: ranges of the dump being applied that meet a watchlist. */
    public static final String WATCH_HITS = "watch-hits";
    /** {@value #WATCH_LAST_DUMP_KEY} → {@code DumpRef} of the last dump the table applied ("blocked now" is as of it); one partition. */
    public static final String WATCH_LAST_DUMP = "watch-last-dump";
    /** The only key of {@link #WATCH_LAST_DUMP}. */
    public static final String WATCH_LAST_DUMP_KEY = "dump";
    /** The only key of {@link #TABLE_TOTALS}. */
    public static final String TOTALS_KEY = "table";

    private StoreNames() {}
}
