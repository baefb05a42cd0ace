package io.github.blockwatch.bench.pipeline;

import io.github.blockwatch.avro.TableTotals;
import io.github.blockwatch.ingest.IngestOutcome;
import io.github.blockwatch.ingest.Ingestor;
import io.github.blockwatch.topology.StoreNames;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The whole pipeline in one JVM — embedded KRaft broker, Streams application with exactly_once_v2, HTTP
 * API — measured from outside as a user sees it. {@code latency}: delta → alert latency and HTTP lookups
 * on a real table; {@code throughput}: events/s through the topology next to what the broker alone takes;
 * {@code listing}: the range listings ({@code /api/ranges?within=}, {@code /api/ranges/recent}) on a large
 * table; {@code present}: a dump of the registry's 2025 size, split in parts, until applied ({@link PresentDayRun}).
 * Each records peak memory and the state store's size. Figures go to stderr as they come and to
 * {@code --results} as {@code key=value} lines for {@code bench/run}.
 */
@Command(name = "pipeline-bench", mixinStandardHelpOptions = true,
        subcommands = {PipelineBench.LatencyRun.class, PipelineBench.ThroughputRun.class, PipelineBench.ListingRun.class,
            PresentDayRun.class})
public final class PipelineBench {
    private PipelineBench() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new PipelineBench()).execute(args));
    }

    static void memory(Results results, String prefix, BenchPipeline pipeline) {
        ProcessMemory memory = ProcessMemory.now();
        results.put(prefix + ".peakRssMiB", memory.peakRssBytes() / 1048576.0);
        results.put(prefix + ".peakHeapMiB", memory.peakHeapBytes() / 1048576.0);
        results.put(prefix + ".liveHeapMiB", memory.liveHeapBytes() / 1048576.0);
        results.put(prefix + ".stateStoreMiB", ProcessMemory.directorySize(pipeline.stateDir()) / 1048576.0);
        results.put(prefix + ".brokerLogMiB", ProcessMemory.directorySize(pipeline.broker().dataDir()) / 1048576.0);
    }

    @Command(name = "latency", mixinStandardHelpOptions = true,
            description = "Delta -> alert latency over one-row deltas on a real dump, then HTTP /api/ip lookups.")
    static final class LatencyRun implements Callable<Integer> {
        @Option(names = "--base", defaultValue = "data/zi-2018-05-05.csv.gz", description = "base dump (default: ${DEFAULT-VALUE})")
        Path base;
        @Option(names = "--deltas", defaultValue = "50", description = "one-row deltas to time (default: ${DEFAULT-VALUE})")
        int deltas;
        @Option(names = "--lookups", defaultValue = "20000", description = "timed HTTP lookups (default: ${DEFAULT-VALUE})")
        int lookups;
        @Mixin
        PipelineRunOptions run;

        @Override
        public Integer call() throws Exception {
            Results results = new Results(System.err);
            Path dir = run.freshWork();
            List<Path> deltaFiles = DeltaDumps.from(base).write(dir.resolve("deltas"), deltas);
            try (BenchPipeline pipeline = run.start(dir, true);
                 StatsWatch stats = new StatsWatch(pipeline);
                 Ingestor ingestor = Ingestor.open(pipeline.clients())) {
                System.err.println("ingesting " + base + " ...");
                long started = System.nanoTime();
                IngestOutcome outcome = ingestor.ingest(base);
                long applied = stats.awaitApplied(outcome.dumpId(), 10);
                long events = outcome.added() + outcome.removed() + outcome.updated();
                results.put("base.dump", base.getFileName().toString());
                results.put("base.events", events);
                results.put("base.seconds", (applied - started) / 1e9);
                memory(results, "base", pipeline);

                System.err.println("timing " + deltas + " one-row deltas ...");
                Latencies fromCommit = new Latencies();
                Latencies fromStart = new Latencies();
                new AlertLatency(pipeline).run(ingestor, deltaFiles, fromCommit, fromStart);
                put(results, "alert.fromCommit", fromCommit);
                put(results, "alert.fromIngestStart", fromStart);

                System.err.println("timing " + lookups + " HTTP lookups ...");
                HttpLookups http = HttpLookups.sample(pipeline, Math.max(lookups, 1000), 7);
                http.sequential(Math.max(1000, lookups / 10), new Latencies()); // warm-up: JIT, connection
                Latencies sequential = new Latencies();
                double sequentialRate = http.sequential(lookups, sequential);
                put(results, "http.sequential", sequential);
                results.put("http.sequential.perSecond", sequentialRate);
                http.sequentialBlocking(Math.max(1000, lookups / 10), new Latencies()); // its own warm-up
                Latencies blocking = new Latencies();
                double blockingRate = http.sequentialBlocking(lookups, blocking);
                put(results, "http.blocking", blocking);
                results.put("http.blocking.perSecond", blockingRate);
                for (int clients : new int[] {2, 4}) {
                    results.put("http.clients" + clients + ".perSecond", http.throughput(clients, lookups / clients));
                }
                memory(results, "end", pipeline);
            }
            run.save(results);
            return 0;
        }

        static void put(Results results, String key, Latencies latencies) {
            results.put(key + ".n", latencies.count());
            results.put(key + ".p50ms", latencies.millis(50));
            results.put(key + ".p99ms", latencies.millis(99));
            results.put(key + ".p999ms", latencies.millis(99.9));
            results.put(key + ".maxms", latencies.maxMillis());
        }
    }

    @Command(name = "throughput", mixinStandardHelpOptions = true,
            description = "Events/s through the topology (exactly_once_v2) for one dump, next to kcat and the Java producer.")
    static final class ThroughputRun implements Callable<Integer> {
        @Option(names = "--dump", required = true, description = "dump to ingest into an empty pipeline")
        Path dump;
        @Option(names = "--topology-only", description = "skip the broker and Streams baselines (an A/B of two builds' topologies)")
        boolean topologyOnly;
        @Mixin
        PipelineRunOptions run;

        @Override
        public Integer call() throws Exception {
            Results results = new Results(System.err);
            Path dir = run.freshWork();
            try (BenchPipeline pipeline = run.start(dir, false);
                 StatsWatch stats = new StatsWatch(pipeline)) {
                System.err.println("ingesting " + dump + " ...");
                IngestOutcome outcome;
                long started;
                long committed;
                try (Ingestor ingestor = Ingestor.open(pipeline.clients())) {
                    started = System.nanoTime();
                    outcome = ingestor.ingest(dump);
                    committed = System.nanoTime();
                }
                CpuTime atCommit = CpuTime.now();
                long applied = stats.awaitApplied(outcome.dumpId(), 30);
                CpuTime topologyCpu = CpuTime.now().since(atCommit);
                long events = outcome.added() + outcome.removed() + outcome.updated();
                results.put("dump", dump.getFileName().toString());
                results.put("events", events);
                results.put("ingest.seconds", (committed - started) / 1e9);
                results.put("topology.seconds", (applied - committed) / 1e9);
                results.put("topology.eventsPerSecond", events / ((applied - committed) / 1e9));
                results.put("pipeline.eventsPerSecond", events / ((applied - started) / 1e9));
                // From the commit to the stats record: CPU per event does not depend on how busy the machine is.
                results.put("topology.streamThreadCpuSeconds", topologyCpu.streamThreadNanos() / 1e9);
                results.put("topology.streamThreadCpuMicrosPerEvent", topologyCpu.streamThreadNanos() / 1e3 / events);
                results.put("topology.processCpuSeconds", topologyCpu.processNanos() / 1e9);
                memory(results, "table", pipeline);
                RecordCounts.put(results, pipeline.app().streams(), events);
                if (topologyOnly) {
                    run.save(results);
                    return 0;
                }

                System.err.println("broker baseline: the same records again, kcat and the Java producer ...");
                BrokerBaseline baseline = BrokerBaseline.ofEvents(pipeline.clients());
                results.put("baseline.records", baseline.count());
                results.put("baseline.averageBytes", baseline.averageBytes());
                results.put("baseline.java.recordsPerSecond", baseline.javaProducer("bench.baseline.java"));
                double kcat = baseline.kcat("bench.baseline.kcat", dir);
                results.put("baseline.kcat.recordsPerSecond", Double.isNaN(kcat) ? "kcat not installed" : String.valueOf(Math.round(kcat)));

                System.err.println("Streams baseline: the same records through trivial exactly-once applications ...");
                StreamsBaseline floor = new StreamsBaseline(pipeline.clients(), dir.resolve("floor"));
                results.put("baseline.streams.passThrough.eventsPerSecond",
                        Math.round(floor.run("bench.baseline.java", baseline.count(), false)));
                results.put("baseline.streams.oneStore.eventsPerSecond",
                        Math.round(floor.run("bench.baseline.java", baseline.count(), true)));
            }
            run.save(results);
            return 0;
        }
    }

    @Command(name = "listing", mixinStandardHelpOptions = true,
            description = "HTTP range listings (/api/ranges?within=52.0.0.0/8&limit=3, /api/ranges/recent?limit=3) on the table of one large dump.")
    static final class ListingRun implements Callable<Integer> {
        static final String WITHIN = "/api/ranges?within=52.0.0.0/8&limit=3";
        static final String RECENT = "/api/ranges/recent?limit=3";

        @Option(names = "--dump", required = true, description = "dump to ingest into an empty pipeline (about 2M ranges: generate --rows 1500000 --subnets 30000)")
        Path dump;
        @Option(names = "--requests", defaultValue = "2000", description = "timed requests per listing (default: ${DEFAULT-VALUE})")
        int requests;
        @Mixin
        PipelineRunOptions run;

        @Override
        public Integer call() throws Exception {
            Results results = new Results(System.err);
            Path dir = run.freshWork();
            try (BenchPipeline pipeline = run.start(dir, true);
                 StatsWatch stats = new StatsWatch(pipeline)) {
                System.err.println("ingesting " + dump + " ...");
                IngestOutcome outcome;
                try (Ingestor ingestor = Ingestor.open(pipeline.clients())) {
                    outcome = ingestor.ingest(dump);
                }
                stats.awaitApplied(outcome.dumpId(), 60);
                results.put("listing.dump", dump.getFileName().toString());
                results.put("listing.ranges", tableRanges(pipeline));
                memory(results, "listing.table", pipeline);
                for (String[] listing : new String[][] {{"within", WITHIN}, {"recent", RECENT}}) {
                    System.err.println("timing " + requests + " x GET " + listing[1] + " ...");
                    HttpListings http = new HttpListings(pipeline.apiUrl(), listing[1]);
                    http.sequential(Math.max(200, requests / 10), new Latencies()); // warm-up: JIT, connection
                    Latencies latencies = new Latencies();
                    double rate = http.sequential(requests, latencies);
                    LatencyRun.put(results, "listing." + listing[0], latencies);
                    results.put("listing." + listing[0] + ".perSecond", rate);
                }
            }
            run.save(results);
            return 0;
        }

        /** Live ranges in the table, from the totals store the API reads. */
        private static long tableRanges(BenchPipeline pipeline) {
            TableTotals totals = pipeline.app().streams().store(StoreQueryParameters.fromNameAndType(StoreNames.TABLE_TOTALS,
                    QueryableStoreTypes.<String, TableTotals>keyValueStore())).get(StoreNames.TOTALS_KEY);
            return totals == null ? 0 : totals.getRangesIpv4() + totals.getRangesIpv6();
        }
    }
}
