/**
 * The pipeline bench: broker, Streams application and HTTP API in one JVM, measured from outside —
 * delta → alert latency, HTTP lookup percentiles, topology events/s beside {@code kcat -P}, memory and
 * state size. Run by {@code bench/run}; see docs/PERFORMANCE.md.
 */
package io.github.blockwatch.bench.pipeline;
