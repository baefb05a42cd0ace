package io.github.blockwatch.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;

/** Checks the broker is there, creates blockwatch's topics when they are missing, and describes them. */
public final class TopicAdmin implements AutoCloseable {
    private final Admin admin;
    private final String bootstrap;
    private final Duration brokerTimeout;
    /** After a failed {@link #requireBroker()} nothing is worth waiting for at close. */
    private volatile boolean unreachable;

    private TopicAdmin(Admin admin, String bootstrap, Duration brokerTimeout) {
        this.admin = admin;
        this.bootstrap = bootstrap;
        this.brokerTimeout = brokerTimeout;
    }

    /**
     * An admin client with the settings' properties. Creating it contacts nobody yet; a bootstrap address
     * that does not resolve fails here, with one line.
     */
    public static TopicAdmin connect(ClientSettings settings) {
        Properties props = settings.copy();
        // Kafka refuses a default.api.timeout.ms below request.timeout.ms: a short wait set in --config
        // shortens the request timeout with it.
        long requestTimeout = props.containsKey(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG)
                ? Math.min(10_000, settings.brokerTimeout().toMillis()) : 10_000;
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(requestTimeout));
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        try {
            return new TopicAdmin(Admin.create(props), settings.bootstrap(), settings.brokerTimeout());
        } catch (KafkaException e) {
            throw ConnectionErrors.unusableBootstrap(e, settings.bootstrap()).map(BrokerUnavailableException::new).orElseThrow(() -> e);
        }
    }

    /**
     * Fails with a one-line {@link BrokerUnavailableException} when no broker answers within
     * {@link ClientSettings#brokerTimeout()}, or when one answers but refuses the TLS handshake or the
     * credentials of the client settings.
     */
    public void requireBroker() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) brokerTimeout.toMillis()))
                    .clusterId().get(brokerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            unreachable = true;
            throw ConnectionErrors.explain(e.getCause(), bootstrap).map(BrokerUnavailableException::new)
                    .orElseGet(() -> noBroker());
        } catch (TimeoutException e) {
            unreachable = true;
            throw noBroker();
        } catch (InterruptedException e) {
            unreachable = true;
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while connecting to " + bootstrap);
        }
    }

    private BrokerUnavailableException noBroker() {
        return new BrokerUnavailableException("no Kafka broker answered at " + bootstrap + " within "
                + ConnectionErrors.seconds(brokerTimeout) + " (start one with 'blockwatch broker', or pass --bootstrap / --config)");
    }

    /**
     * Creates any of {@code topics} that does not exist yet, with its configs and the replication chosen
     * for the cluster; existing ones are left alone.
     */
    public void createMissing(List<Topic<?, ?>> topics, int partitions) {
        create(topics, TopicPlan.of(partitions));
    }

    /**
     * Creates any of {@code topics} that does not exist yet, laid out as {@code plan} says with what it
     * leaves open chosen for this cluster ({@link TopicPlan#forCluster(int)}); existing ones are left
     * alone (not even their configs are changed).
     *
     * @return the names of the topics this call created; the others existed already
     */
    public Set<String> create(List<Topic<?, ?>> topics, TopicPlan plan) {
        Set<String> existing = await(admin.listTopics().names(), "list topics");
        if (topics.stream().allMatch(t -> existing.contains(t.name()))) {
            return new LinkedHashSet<>();
        }
        plan = resolve(plan);
        List<NewTopic> missing = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            if (!existing.contains(topic.name())) {
                missing.add(plan.newTopic(topic));
            }
        }
        Set<String> created = new LinkedHashSet<>();
        if (missing.isEmpty()) {
            return created;
        }
        Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
        for (NewTopic topic : missing) {
            try {
                results.get(topic.name()).get();
                created.add(topic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) { // else another process was faster
                    throw translate(e.getCause(), "create blockwatch topics");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrokerUnavailableException("interrupted while creating topics");
            }
        }
        return created;
    }

    /** {@code plan} with what it leaves open chosen for the number of brokers in this cluster. */
    public TopicPlan resolve(TopicPlan plan) {
        if (plan.replicationFactor().isPresent() && plan.minInsyncReplicas().isPresent()) {
            return plan;
        }
        int brokers = await(admin.describeCluster().nodes(), "describe the cluster").size();
        try {
            return plan.forCluster(brokers);
        } catch (IllegalArgumentException e) {
            throw new BrokerUnavailableException("cannot create blockwatch topics at " + bootstrap + " ("
                    + brokers + (brokers == 1 ? " broker" : " brokers") + "): " + e.getMessage());
        }
    }

    /**
     * The cluster's view of {@code topics}, checked against {@code plan}: the configs always, the
     * partition count only when {@code checkPartitions}, the replication factor when the plan names one.
     */
    public List<TopicState> describe(List<Topic<?, ?>> topics, TopicPlan plan, boolean checkPartitions) {
        Set<String> existing = await(admin.listTopics().names(), "list topics");
        List<String> present = topics.stream().map(Topic::name).filter(existing::contains).toList();
        Map<String, TopicDescription> descriptions = present.isEmpty() ? Map.of()
                : await(admin.describeTopics(present).allTopicNames(), "describe blockwatch topics");
        Map<ConfigResource, Config> configs = present.isEmpty() ? Map.of()
                : await(admin.describeConfigs(present.stream()
                        .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList()).all(),
                        "describe blockwatch topic configs");
        List<TopicState> states = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            TopicDescription description = descriptions.get(topic.name());
            if (description == null) {
                states.add(new TopicState(topic.name(), false, 0, 0, Map.of(), List.of("missing")));
                continue;
            }
            int partitions = description.partitions().size();
            int replicas = description.partitions().get(0).replicas().size();
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
            Map<String, String> current = new LinkedHashMap<>();
            for (String name : TopicState.CHECKED_CONFIGS) {
                ConfigEntry entry = config.get(name);
                current.put(name, entry == null ? null : entry.value());
            }
            List<String> differences = new ArrayList<>();
            if (checkPartitions && partitions != plan.partitions()) {
                differences.add("partitions " + partitions + " (expected " + plan.partitions() + ")");
            }
            plan.replicationFactor().filter(r -> r != replicas).ifPresent(r ->
                    differences.add("replication factor " + replicas + " (expected " + r + ")"));
            plan.configs(topic).forEach((name, expected) -> {
                if (!expected.equals(current.get(name))) {
                    differences.add(name + "=" + current.get(name) + " (expected " + expected + ")");
                }
            });
            states.add(new TopicState(topic.name(), true, partitions, replicas, current, differences));
        }
        return states;
    }

    private <T> T await(KafkaFuture<T> future, String action) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw translate(e.getCause(), action);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while trying to " + action);
        }
    }

    /** One line a person can act on; a missing right is the usual reason on a secured cluster. */
    private BrokerUnavailableException translate(Throwable cause, String action) {
        var refused = ConnectionErrors.explain(cause, bootstrap);
        if (refused.isPresent()) {
            return new BrokerUnavailableException(refused.get());
        }
        if (cause instanceof TopicAuthorizationException || cause instanceof ClusterAuthorizationException) {
            return new BrokerUnavailableException("not allowed to " + action + " at " + bootstrap + ": "
                    + (action.startsWith("create") ? "create them first (see README, Topics) or use credentials with CREATE rights"
                            : "use credentials with DESCRIBE and DESCRIBE_CONFIGS rights on the blockwatch.* topics"));
        }
        return new BrokerUnavailableException("cannot " + action + " at " + bootstrap + ": " + cause.getMessage());
    }

    public Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        if (unreachable) {
            // Closing waits for the client's network thread, which may sit in a connection attempt to an
            // address that never answers for socket.connection.setup.timeout.ms (10 s): let it finish on its
            // own (the thread is a daemon) rather than hold a command that has already said what is wrong.
            Thread closer = new Thread(() -> admin.close(Duration.ZERO), "blockwatch-admin-close");
            closer.setDaemon(true);
            closer.start();
            return;
        }
        admin.close(Duration.ofSeconds(5));
    }
}
