/**
 * Who owns an address: reading owner datasets (AWS {@code ip-ranges.json}, Google {@code cloud.json} /
 * {@code goog.json}, iptoasn TSV, ipverse aggregated lists) into ranges with an owner label, and the
 * longest-prefix-match index ({@link io.github.blockwatch.owners.OwnerSegments}) that splits any range by
 * owner with exact counts. Knows nothing of Kafka.
 */
package io.github.blockwatch.owners;
