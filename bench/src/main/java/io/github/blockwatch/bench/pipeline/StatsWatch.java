package io.github.blockwatch.bench.pipeline;

import io.github.blockwatch.app.TopicFollower;
import io.github.blockwatch.avro.DumpStats;
import io.github.blockwatch.kafka.Topics;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Notes when each dump's {@code blockwatch.stats} record becomes readable ({@code read_committed}): the
 * table has then applied every event of that dump.
 */
final class StatsWatch implements AutoCloseable {
    private final BenchPipeline pipeline;
    private final TopicFollower<String, DumpStats> follower;
    private final Thread reader;
    private final Map<String, CompletableFuture<Long>> applied = new ConcurrentHashMap<>();

    StatsWatch(BenchPipeline pipeline) {
        this.pipeline = pipeline;
        this.follower = new TopicFollower<>(pipeline.clients(), Topics.STATS, true);
        this.reader = new Thread(() -> follower.follow((id, stats) -> arrival(id).complete(System.nanoTime())),
                "bench-stats-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits until dump {@code dumpId} is applied; returns {@link System#nanoTime()} of when it was seen. */
    long awaitApplied(String dumpId, long timeoutMinutes) throws InterruptedException {
        try {
            return arrival(dumpId).get(timeoutMinutes, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            Throwable failure = pipeline.app().failure();
            throw new IllegalStateException("dump " + dumpId + " not applied within " + timeoutMinutes + " min"
                    + (failure == null ? "" : "; the streams application failed: " + failure), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private CompletableFuture<Long> arrival(String dumpId) {
        return applied.computeIfAbsent(dumpId, d -> new CompletableFuture<>());
    }

    @Override
    public void close() {
        follower.stop();
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        follower.close();
    }
}
