package io.github.blockwatch.bench.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import picocli.CommandLine.Option;

/**
 * What every {@link PipelineBench} mode starts from: a scratch directory emptied first, a pipeline started
 * in it, and a file its figures are saved to. Defaults are named after the mode (picocli fills in
 * {@code COMMAND-NAME}), so runs of different modes never share a directory or overwrite each other's figures.
 */
final class PipelineRunOptions {
    @Option(names = "--work", defaultValue = "bench/target/pipeline-${COMMAND-NAME}",
            description = "scratch directory, emptied first (default: ${DEFAULT-VALUE})")
    Path work;
    @Option(names = "--results", defaultValue = "bench/target/pipeline-${COMMAND-NAME}.properties",
            description = "figures as key=value lines (default: ${DEFAULT-VALUE})")
    Path resultsFile;
    @Option(names = "--config", description = "Kafka client / Streams properties for every client, e.g. commit.interval.ms=100")
    Path config;

    /** The scratch directory, emptied: a run never starts on an earlier run's broker log or state. */
    Path freshWork() throws IOException {
        if (Files.exists(work)) {
            try (var paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(work);
    }

    /** Broker and Streams application (and the HTTP API when {@code http}) with their data in {@code dir}. */
    BenchPipeline start(Path dir, boolean http) throws IOException {
        return BenchPipeline.start(dir, http, config);
    }

    void save(Results results) throws IOException {
        results.save(resultsFile);
    }
}
