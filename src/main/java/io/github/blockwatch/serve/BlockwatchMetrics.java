package io.github.blockwatch.serve;

import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.DeadLetter;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.avro.SourceTotals;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * {@code /metrics}: the Kafka Streams and client metrics through Micrometer's binder (consumer lag is its
 * {@code kafka_consumer_fetch_manager_records_lag*}), plus blockwatch's own, all derived from the topics
 * and stores this instance already follows — nothing is counted inside the topology:
 * <ul>
 *   <li>{@code blockwatch_events_applied_total{type}}: registry events the table has applied (from
 *       {@code blockwatch.stats});</li>
 *   <li>{@code blockwatch_alerts_raised_total{type}}: committed alerts;</li>
 *   <li>{@code blockwatch_blocked_ipv4_addresses}: distinct IPv4 addresses blocked now (by any source);</li>
 *   <li>{@code blockwatch_dlq_records_total}: committed records of {@code blockwatch.dlq};</li>
 *   <li>per source ({@code source} label; {@code default} where no source was ever named), each source's table
 *       alone: {@code blockwatch_source_blocked_ipv4_addresses}, {@code blockwatch_source_entries},
 *       {@code blockwatch_source_ranges} (IPv4 and IPv6). Sources overlap: they do not add up to the union.</li>
 * </ul>
 */
final class BlockwatchMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KafkaStreamsMetrics streamsMetrics;
    private final SourcesView sources;
    private final TopicHistory<DumpStats> stats;
    private final MultiGauge sourceIpv4;
    private final MultiGauge sourceEntries;
    private final MultiGauge sourceRanges;

    BlockwatchMetrics(KafkaStreams streams, StatsView statsView, SourcesView sources, TopicHistory<DumpStats> stats,
                      TopicHistory<RangeAlert> alerts, TopicHistory<DeadLetter> dlq) {
        this.sources = sources;
        this.stats = stats;
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        eventCounter(stats, "added", s -> s.getAdded());
        eventCounter(stats, "removed", s -> s.getRemoved());
        eventCounter(stats, "updated", s -> s.getUpdated());
        for (AlertType type : AlertType.values()) {
            FunctionCounter.builder("blockwatch.alerts.raised", alerts,
                            h -> h.values().stream().filter(a -> a.getType() == type).count())
                    .description("Alerts committed to blockwatch.alerts")
                    .tag("type", type.name())
                    .register(registry);
        }
        Gauge.builder("blockwatch.blocked.ipv4", () -> blockedIpv4(statsView, stats))
                .baseUnit("addresses")
                .description("Distinct IPv4 addresses blocked now")
                .register(registry);
        FunctionCounter.builder("blockwatch.dlq.records", dlq, TopicHistory::count)
                .description("Records committed to the dead-letter topic blockwatch.dlq")
                .register(registry);
        sourceIpv4 = MultiGauge.builder("blockwatch.source.blocked.ipv4").baseUnit("addresses")
                .description("Distinct IPv4 addresses the source's entries block now (its table alone)")
                .register(registry);
        sourceEntries = MultiGauge.builder("blockwatch.source.entries")
                .description("Live registry entries of the source")
                .register(registry);
        sourceRanges = MultiGauge.builder("blockwatch.source.ranges")
                .description("Distinct ranges the source's entries list now (IPv4 and IPv6)")
                .register(registry);
    }

    /** The per-source gauges, one row per source known now: sources come and are never removed, but may be named late. */
    private void refreshSources() {
        List<SourceTotals> now = sourcesNow();
        sourceIpv4.register(rows(now, SourceTotals::getDistinctIpv4), true);
        sourceEntries.register(rows(now, SourceTotals::getEntries), true);
        sourceRanges.register(rows(now, SourceTotals::getRanges), true);
    }

    private static List<MultiGauge.Row<?>> rows(List<SourceTotals> sources, ToLongFunction<SourceTotals> value) {
        return sources.stream().<MultiGauge.Row<?>>map(s -> MultiGauge.Row.of(Tags.of("source", s.getSource()),
                (double) value.applyAsLong(s))).toList();
    }

    /** From the totals store where this instance holds it, else the newest dump's stats (empty before 0.4: its source's). */
    private List<SourceTotals> sourcesNow() {
        try {
            return sources.now();
        } catch (ApiException | InvalidStateStoreException elsewhere) { // not here, or moving away now
            List<DumpStats> series = stats.values();
            if (series.isEmpty()) {
                return List.of();
            }
            DumpStats newest = series.get(series.size() - 1);
            if (!newest.getSources().isEmpty()) {
                return newest.getSources();
            }
            return List.of(SourceTotals.newBuilder().setSource(SourcesView.nameOf(newest)).setEntries(newest.getEntries())
                    .setRanges(newest.getRanges()).setRangesIpv6(newest.getRangesIpv6())
                    .setDistinctIpv4(newest.getDistinctIpv4()).setDistinctIpv6(newest.getDistinctIpv6()).build());
        }
    }

    private void eventCounter(TopicHistory<DumpStats> stats, String type, ToLongFunction<DumpStats> count) {
        FunctionCounter.builder("blockwatch.events.applied", stats,
                        h -> h.values().stream().mapToLong(count).sum())
                .description("Registry events applied to the blocked table")
                .tag("type", type)
                .register(registry);
    }

    /** From the totals store where this instance holds it, else the newest dump's stats. */
    private static double blockedIpv4(StatsView view, TopicHistory<DumpStats> stats) {
        try {
            return view.totals().getDistinctIpv4();
        } catch (ApiException elsewhere) {
            List<DumpStats> series = stats.values();
            return series.isEmpty() ? Double.NaN : series.get(series.size() - 1).getDistinctIpv4();
        }
    }

    /** Serialised: the per-source rows are replaced before each scrape. */
    synchronized String scrape() {
        refreshSources();
        return registry.scrape();
    }

    @Override
    public void close() {
        streamsMetrics.close();
        registry.close();
    }
}
