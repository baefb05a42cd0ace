package io.github.blockwatch.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * How blockwatch's topics are laid out on a cluster: the partition count, the replication factor and
 * {@code min.insync.replicas}. Empty values are chosen for the cluster at creation time
 * ({@link #forCluster(int)}); {@code topics --describe} checks only the values given. The topic-level
 * configs are each {@link Topic#configs()}, plus {@code min.insync.replicas} when given.
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

    /** The largest replication factor chosen without being asked: Kafka's usual production setting. */
    public static final short CHOSEN_REPLICATION_LIMIT = 3;

    /** {@code partitions} partitions, the replication factor and min ISR chosen for the cluster. */
    public static TopicPlan of(int partitions) {
        return new TopicPlan(partitions, Optional.empty(), Optional.empty());
    }

    /**
     * This plan with what it leaves open chosen for a cluster of {@code brokers}: the replication factor
     * 3, or every broker when there are fewer; {@code min.insync.replicas} 2 when there are at least 3
     * replicas (an {@code acks=all} write is then on two nodes, and one node may be down without stopping
     * writes), else 1. The same choice whichever verb creates the topics, so {@code run} and {@code ingest}
     * on a fresh cluster lay them out as {@code topics --create} would.
     *
     * @throws IllegalArgumentException if a given {@code min.insync.replicas} exceeds the chosen factor
     */
    public TopicPlan forCluster(int brokers) {
        short replicas = replicationFactor.orElse((short) Math.max(1, Math.min(CHOSEN_REPLICATION_LIMIT, brokers)));
        int minInsync = minInsyncReplicas.orElse(replicas >= 3 ? 2 : 1);
        return new TopicPlan(partitions, Optional.of(replicas), Optional.of(minInsync));
    }

    /** E.g. {@code 6 partitions, replication factor 3, min.insync.replicas 2}; "chosen per cluster" when open. */
    public String describe() {
        return partitions + (partitions == 1 ? " partition" : " partitions")
                + ", replication factor " + replicationFactor.map(String::valueOf).orElse("chosen per cluster")
                + ", min.insync.replicas " + minInsyncReplicas.map(String::valueOf).orElse("chosen per cluster");
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
