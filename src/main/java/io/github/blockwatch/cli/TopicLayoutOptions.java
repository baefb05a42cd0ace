package io.github.blockwatch.cli;

import io.github.blockwatch.kafka.TopicPlan;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How {@code run} and {@code ingest} lay out blockwatch's topics when they find them missing: the same
 * choices as {@code topics --create}, so a fresh cluster gets the same topics whichever verb starts first.
 */
final class TopicLayoutOptions {
    @Option(names = "--partitions", paramLabel = "N", defaultValue = "1",
            description = "Partitions of each topic created (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--replication-factor", paramLabel = "R",
            description = "Replicas of each topic created (default: 3, or the number of brokers when fewer)")
    Short replicationFactor;

    @Option(names = "--min-insync-replicas", paramLabel = "M",
            description = "min.insync.replicas of each topic created (default: 2 with 3 or more replicas, else 1)")
    Integer minInsyncReplicas;

    TopicPlan plan() {
        try {
            return new TopicPlan(partitions, Optional.ofNullable(replicationFactor), Optional.ofNullable(minInsyncReplicas));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }
}
