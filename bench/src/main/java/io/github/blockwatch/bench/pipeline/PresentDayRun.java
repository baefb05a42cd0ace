package io.github.blockwatch.bench.pipeline;

import io.github.blockwatch.ingest.DumpFiles;
import io.github.blockwatch.ingest.IngestOutcome;
import io.github.blockwatch.ingest.Ingestor;
import io.github.blockwatch.registry.DumpSource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Issue 18's present-day target: a dump of the registry's 2025 size ({@code generate --shape 2025 --rows 1203340
 * --parts 20}), split as the mirror splits it, ingested into an empty pipeline and applied to the table. Timed
 * as a user waits for it: from the start of ingest (reading the parts, diffing, publishing) to the moment the
 * dump's {@code blockwatch.stats} record is readable, with the ingest commit in between.
 */
@Command(name = "present", mixinStandardHelpOptions = true,
        description = "Ingest a present-day dump (a split dump's directory, or a file) into an empty pipeline; time until applied.")
final class PresentDayRun implements Callable<Integer> {
    @Option(names = "--dump", required = true, description = "the dump: a file, or the directory of a split dump's parts")
    Path dump;
    @Option(names = "--churn", description = "a next day's dump of the same registry (generate --deltas 1: the -d01 directory),"
            + " ingested once the first is applied; times its commit until applied, which is when its alerts are out")
    Path churn;
    @Mixin
    PipelineRunOptions run;

    @Override
    public Integer call() throws Exception {
        Results results = new Results(System.err);
        List<DumpFiles.DumpFile> dumps = DumpFiles.select(List.of(dump)).dumps();
        if (dumps.size() != 1) {
            throw new IllegalArgumentException(dump + " holds " + dumps.size() + " dumps, not one");
        }
        DumpSource source = dumps.get(0).source();
        Path dir = run.freshWork();
        try (BenchPipeline pipeline = run.start(dir, false);
             StatsWatch stats = new StatsWatch(pipeline)) {
            System.err.println("ingesting " + source + " ...");
            try (Ingestor ingestor = Ingestor.open(pipeline.clients())) {
                long started = System.nanoTime();
                IngestOutcome outcome = ingestor.ingest(source);
                long committed = System.nanoTime();
                long applied = stats.awaitApplied(outcome.dumpId(), 60);
                long events = outcome.added() + outcome.removed() + outcome.updated();
                results.put("present.dump", source.name());
                results.put("present.parts", source.files().size());
                results.put("present.megabytes", source.size() / 1e6);
                results.put("present.rows", outcome.rowsRead());
                results.put("present.events", events);
                results.put("present.ingest.seconds", (committed - started) / 1e9);
                results.put("present.apply.seconds", (applied - committed) / 1e9);
                results.put("present.total.seconds", (applied - started) / 1e9);
                results.put("present.eventsPerSecond", events / ((applied - started) / 1e9));
                PipelineBench.memory(results, "present", pipeline);
                RecordCounts.put(results, pipeline.app().streams(), events);
                if (churn != null) {
                    churn(results, ingestor, stats);
                }
            }
        }
        run.save(results);
        return 0;
    }

    /**
     * Issue 18's "a day of churn raises its alerts within 1 s of the ingest commit": the table applies a dump
     * and publishes its alerts (per range as it goes, per dump at its end) before its stats record, so the
     * time from the commit to that record bounds the alerts' latency. The ingestor stays open from the first
     * dump, as under {@code ingest --watch}: its state is in memory.
     */
    private void churn(Results results, Ingestor ingestor, StatsWatch stats) throws Exception {
        DumpSource next = DumpFiles.select(List.of(churn)).dumps().get(0).source();
        System.err.println("ingesting the next day's dump " + next + " ...");
        long started = System.nanoTime();
        IngestOutcome outcome = ingestor.ingest(next);
        long committed = System.nanoTime();
        long applied = stats.awaitApplied(outcome.dumpId(), 10);
        results.put("churn.events", outcome.added() + outcome.removed() + outcome.updated());
        results.put("churn.ingest.seconds", (committed - started) / 1e9);
        results.put("churn.commitToApplied.seconds", (applied - committed) / 1e9);
    }
}
