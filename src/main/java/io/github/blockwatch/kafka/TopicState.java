package io.github.blockwatch.kafka;

import java.util.List;
import java.util.Map;

/**
 * One blockwatch topic as the cluster has it, next to what blockwatch expects.
 *
 * @param exists            false when the topic is missing (the other fields are then empty or 0)
 * @param configs           the current values of {@link #CHECKED_CONFIGS}, in that order
 * @param differences       human-readable differences from the plan, e.g. {@code cleanup.policy=delete (expected compact)}
 */
public record TopicState(String name, boolean exists, int partitions, int replicationFactor,
                         Map<String, String> configs, List<String> differences) {
    /** The topic-level configs blockwatch relies on; {@code blockwatch topics --describe} prints these. */
    public static final List<String> CHECKED_CONFIGS = List.of("cleanup.policy", "retention.ms",
            "max.message.bytes", "message.timestamp.type", TopicPlan.MIN_INSYNC_REPLICAS);

    public boolean matches() {
        return exists && differences.isEmpty();
    }
}
