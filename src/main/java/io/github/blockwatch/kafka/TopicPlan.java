package io.github.blockwatch.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * How blockwatch's topics are laid out on a cluster: the partition count, the replication factor (empty =
 * the broker's {@code default.replication.factor}) and, on a replicated cluster, {@code min.insync.replicas}.
 * The topic-level configs are each {@link Topic#configs()}, plus {@code min.insync.replicas} when given.
 */
public record TopicPlan(int partitions, Optional<Short> replicationFactor, Optional<Integer> minInsyncReplicas) {
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

    public TopicPlan {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
        }
        replicationFactor.filter(r -> r < 1).ifPresent(r -> {
            throw new IllegalArgumentException("replication factor must be at least 1, not " + r);
        });
        minInsyncReplicas.filter(m -> m < 1).ifPresent(m -> {
            throw new IllegalArgumentException("min.insync.replicas must be at least 1, not " + m);
        });
        if (replicationFactor.isPresent() && minInsyncReplicas.isPresent()
                && minInsyncReplicas.get() > replicationFactor.get()) {
            // Every acks=all write (all of blockwatch's: they are transactional) would fail.
            throw new IllegalArgumentException("min.insync.replicas " + minInsyncReplicas.get()
                    + " is more than the replication factor " + replicationFactor.get());
        }
    }

    /** One partition, the broker's replication factor: what {@code run} and {@code ingest} create by default. */
    public static TopicPlan of(int partitions) {
        return new TopicPlan(partitions, Optional.empty(), Optional.empty());
    }

    /** The topic-level configs {@code topic} is created with, and checked against by {@code --describe}. */
    public Map<String, String> configs(Topic<?, ?> topic) {
        Map<String, String> configs = new LinkedHashMap<>(topic.configs());
        minInsyncReplicas.ifPresent(m -> configs.put(MIN_INSYNC_REPLICAS, String.valueOf(m)));
        return configs;
    }

    NewTopic newTopic(Topic<?, ?> topic) {
        return new NewTopic(topic.name(), Optional.of(partitions), replicationFactor).configs(configs(topic));
    }
}
