/**
 * An in-process, single-node Apache Kafka broker (KRaft, combined broker and controller) for
 * {@code blockwatch broker}, the demo and the integration tests: {@link
 * io.github.blockwatch.broker.EmbeddedBroker} formats a data directory once, starts the broker on
 * loopback and stops it again. Depends on Kafka's server classes only; the rest of blockwatch talks to
 * it through ordinary clients and {@link io.github.blockwatch.broker.EmbeddedBroker#bootstrapServers()}.
 */
package io.github.blockwatch.broker;
