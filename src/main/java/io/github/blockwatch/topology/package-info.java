/**
 * The Kafka Streams topology: registry events become a live, overlap-aware table of blocked ranges,
 * per-dump statistics and alerts. Each class adds one concern to a {@code StreamsBuilder};
 * {@link io.github.blockwatch.topology.BlockwatchTopology} composes them. No wiring or CLI here.
 */
package io.github.blockwatch.topology;
