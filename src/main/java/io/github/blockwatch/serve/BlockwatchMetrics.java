package io.github.blockwatch.serve;

import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.DeadLetter;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.avro.RangeAlert;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code /metrics}: the Kafka Streams and client metrics through Micrometer's binder (consumer lag is its
 * {@code kafka_consumer_fetch_manager_records_lag*}), plus blockwatch's own, all derived from the topics
 * and stores this instance already follows — nothing is counted inside the topology:
 * <ul>
 *   <li>{@code blockwatch_events_applied_total{type}}: registry events the table has applied (from
 *       {@code blockwatch.stats});</li>
 *   <li>{@code blockwatch_alerts_raised_total{type}}: committed alerts;</li>
 *   <li>{@code blockwatch_blocked_ipv4_addresses}: distinct IPv4 addresses blocked now;</li>
 *   <li>{@code blockwatch_dlq_records_total}: committed records of {@code blockwatch.dlq}.</li>
 * </ul>
 */
final class BlockwatchMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KafkaStreamsMetrics streamsMetrics;

    BlockwatchMetrics(KafkaStreams streams, StatsView statsView, TopicHistory<DumpStats> stats,
                      TopicHistory<RangeAlert> alerts, TopicHistory<DeadLetter> dlq) {
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

    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        streamsMetrics.close();
        registry.close();
    }
}
