/**
 * Watchlists ("tell me when my prefixes or my ASN get blocked"), as pure logic: what a watchlist watches
 * exactly ({@link io.github.blockwatch.watch.WatchedAddresses}, its prefixes plus the owner ranges its ASNs and
 * owner labels name), and the interval index that finds, for any range, every watchlist it meets and the
 * watched addresses it holds ({@link io.github.blockwatch.watch.WatchIndex}). The same exact arithmetic as the
 * blocked table: addresses as unsigned numbers, IPv4 and IPv6 apart, no sampling. Knows nothing of Kafka;
 * the topology and the HTTP API use it.
 */
package io.github.blockwatch.watch;
