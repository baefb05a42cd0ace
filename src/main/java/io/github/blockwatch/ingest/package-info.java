/**
 * Ingest: reads registry dumps, diffs each against the registry state recovered from Kafka, and publishes
 * the dump's events, entries, rejected rows and dump record in one Kafka transaction.
 */
package io.github.blockwatch.ingest;
