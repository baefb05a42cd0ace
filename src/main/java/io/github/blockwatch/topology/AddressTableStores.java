package io.github.blockwatch.topology;

/** Names of the address table's state stores (queried by name from outside, e.g. the HTTP API). */
record AddressTableStores(String coverage, String ranges, String totals, String progress) {
    static final AddressTableStores DEFAULT = new AddressTableStores(
            "address-coverage", "blocked-ranges", "table-totals", "dump-progress");
}
