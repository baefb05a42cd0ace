/**
 * What the Streams application does with a record it cannot use: it goes to {@code blockwatch.dlq} as a
 * {@code DeadLetter} (source {@code topic-partition}, line = offset, the reason, the raw bytes) inside the
 * task's transaction, one WARN line is logged, Kafka Streams counts it in {@code dropped-records-total},
 * and processing goes on. {@link io.github.blockwatch.topology.StreamsSettings} installs these handlers.
 */
package io.github.blockwatch.topology.errors;
