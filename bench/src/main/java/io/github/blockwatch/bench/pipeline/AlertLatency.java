package io.github.blockwatch.bench.pipeline;

import io.github.blockwatch.app.TopicFollower;
import io.github.blockwatch.avro.AlertType;
import io.github.blockwatch.avro.RangeAlert;
import io.github.blockwatch.ingest.IngestException;
import io.github.blockwatch.ingest.IngestOutcome;
import io.github.blockwatch.ingest.Ingestor;
import io.github.blockwatch.kafka.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Delta → alert latency: ingests dumps that each add one /15 and waits for that /15's LARGE_RANGE alert
 * on {@code blockwatch.alerts}, read as any client reads it ({@code read_committed}, no consumer group).
 * Two clocks per delta: from the ingest's transaction commit (when {@link Ingestor#ingest} returns) and
 * from the start of the ingest (parsing the whole dump, diffing it against the state, publishing).
 */
final class AlertLatency {
    private final BenchPipeline pipeline;
    private final Map<String, CompletableFuture<Long>> seen = new ConcurrentHashMap<>();

    AlertLatency(BenchPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Ingests {@code deltas} in order (step i adds {@link DeltaDumps#cidr(int) cidr(i)}) and records both latencies. */
    void run(Ingestor ingestor, List<Path> deltas, Latencies fromCommit, Latencies fromIngestStart)
            throws IngestException, InterruptedException {
        TopicFollower<String, RangeAlert> alerts = new TopicFollower<>(pipeline.clients(), Topics.ALERTS, false);
        Thread reader = new Thread(() -> alerts.follow((id, alert) -> {
            long now = System.nanoTime();
            if (alert.getType() == AlertType.LARGE_RANGE) {
                for (String range : alert.getRanges()) {
                    arrival(range).complete(now);
                }
            }
        }), "bench-alert-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            for (int step = 1; step <= deltas.size(); step++) {
                long started = System.nanoTime();
                IngestOutcome outcome = ingestor.ingest(deltas.get(step - 1));
                long committed = System.nanoTime();
                if (!outcome.published() || outcome.added() != 1) {
                    throw new IllegalStateException("delta " + step + " did not add exactly one entry: " + outcome.summary());
                }
                long alerted = awaitAlert(DeltaDumps.cidr(step));
                fromCommit.recordNanos(alerted - committed);
                fromIngestStart.recordNanos(alerted - started);
            }
        } finally {
            alerts.stop();
            reader.join(5000);
            alerts.close();
        }
    }

    private CompletableFuture<Long> arrival(String cidr) {
        return seen.computeIfAbsent(cidr, c -> new CompletableFuture<>());
    }

    private long awaitAlert(String cidr) throws InterruptedException {
        try {
            return arrival(cidr).get(2, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            Throwable failure = pipeline.app().failure();
            throw new IllegalStateException("no LARGE_RANGE alert for " + cidr + " within 2 minutes"
                    + (failure == null ? "" : "; the streams application failed: " + failure), e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
