/**
 * HTTP API, live dashboard and Prometheus metrics of a running Streams application. The HTTP layer knows
 * only store names ({@link io.github.blockwatch.topology.StoreNames}) and topics: it reads the stores with
 * Kafka Streams interactive queries and forwards a request to the instance that holds the key.
 */
package io.github.blockwatch.serve;
