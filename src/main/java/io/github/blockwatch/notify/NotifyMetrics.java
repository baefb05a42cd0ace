package io.github.blockwatch.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The notifier's {@code /metrics} (Micrometer, Prometheus text), per channel:
 * <ul>
 *   <li>{@code blockwatch_notify_delivered_total{channel}}: messages the channel accepted;</li>
 *   <li>{@code blockwatch_notify_alerts_delivered_total{channel}}: alerts in them;</li>
 *   <li>{@code blockwatch_notify_retried_total{channel}}: tries that failed and were tried again;</li>
 *   <li>{@code blockwatch_notify_failed_total{channel}}: messages that failed for good (to the DLQ);</li>
 * </ul>
 * plus the consumer's own metrics through Micrometer's Kafka binder (its lag is
 * {@code kafka_consumer_fetch_manager_records_lag}).
 */
public final class NotifyMetrics implements Deliverer.Counts, AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> delivered = new HashMap<>();
    private final Map<String, Counter> alertsDelivered = new HashMap<>();
    private final Map<String, Counter> retried = new HashMap<>();
    private final Map<String, Counter> failed = new HashMap<>();
    private KafkaClientMetrics clientMetrics;

    /** Every channel's counters exist from the start, at 0, so a dashboard shows a quiet channel too. */
    public NotifyMetrics(Collection<String> channels) {
        for (String channel : channels) {
            delivered.put(channel, counter("blockwatch.notify.delivered", "Messages the channel accepted", channel));
            alertsDelivered.put(channel, counter("blockwatch.notify.alerts.delivered", "Alerts in the messages the channel accepted", channel));
            retried.put(channel, counter("blockwatch.notify.retried", "Tries that failed and were tried again", channel));
            failed.put(channel, counter("blockwatch.notify.failed", "Messages that failed for good (written to blockwatch.notify.dlq)", channel));
        }
    }

    private Counter counter(String name, String description, String channel) {
        return Counter.builder(name).description(description).tag("channel", channel).register(registry);
    }

    /** Adds the consumer's client metrics. */
    public void bind(Consumer<?, ?> consumer) {
        clientMetrics = new KafkaClientMetrics(consumer);
        clientMetrics.bindTo(registry);
    }

    @Override
    public void delivered(String channel, int alerts) {
        delivered.get(channel).increment();
        alertsDelivered.get(channel).increment(alerts);
    }

    @Override
    public void retried(String channel) {
        retried.get(channel).increment();
    }

    @Override
    public void failed(String channel, int alerts) {
        failed.get(channel).increment();
    }

    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        if (clientMetrics != null) {
            clientMetrics.close();
        }
        registry.close();
    }
}
