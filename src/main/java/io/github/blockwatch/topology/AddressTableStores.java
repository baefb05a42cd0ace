package io.github.blockwatch.topology;

/** The address table's state stores, passed to its processors (names public in {@link StoreNames}). */
record AddressTableStores(String coverage, String ranges, String rangeEntries, String totals, String progress,
                          String pendingUnblocks, String sourceCoverage) {
    static final AddressTableStores DEFAULT = new AddressTableStores(StoreNames.ADDRESS_COVERAGE,
            StoreNames.BLOCKED_RANGES, StoreNames.RANGE_ENTRIES, StoreNames.TABLE_TOTALS, StoreNames.DUMP_PROGRESS,
            StoreNames.PENDING_UNBLOCKS, StoreNames.SOURCE_COVERAGE);
}
