/**
 * Ingest: reads registry dumps, diffs each against the registry state recovered from Kafka, and publishes
 * the dump's events, entries, rejected rows, feed-health alerts (DUMP_SHRANK, FORMAT_CHANGED) and dump
 * record in one Kafka transaction; a dump far smaller than the last is held (no events).
 */
package io.github.blockwatch.ingest;
