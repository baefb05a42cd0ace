/**
 * Registry dumps and address arithmetic: parsing the public mirror's {@code dump.csv}, the official
 * {@code dump.xml} and plain CIDR lists into {@link io.github.blockwatch.registry.Entry entries}, and
 * exact, overlap-aware counting of the addresses they block. Knows nothing of Kafka.
 */
package io.github.blockwatch.registry;
