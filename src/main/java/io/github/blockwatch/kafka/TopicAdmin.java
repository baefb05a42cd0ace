package io.github.blockwatch.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;

/** Checks the broker is there and creates blockwatch's topics when they are missing. */
public final class TopicAdmin implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;
    private final String bootstrap;

    private TopicAdmin(Admin admin, String bootstrap) {
        this.admin = admin;
        this.bootstrap = bootstrap;
    }

    public static TopicAdmin connect(ClientSettings settings) {
        Properties props = settings.copy();
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        return new TopicAdmin(Admin.create(props), settings.bootstrap());
    }

    /** Fails with a one-line {@link BrokerUnavailableException} when no broker answers in time. */
    public void requireBroker() {
        try {
            admin.describeCluster().clusterId().get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new BrokerUnavailableException("no Kafka broker answered at " + bootstrap
                    + " (start one with 'blockwatch broker', or pass --bootstrap / --config)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while connecting to " + bootstrap);
        }
    }

    /** Creates any of {@code topics} that does not exist yet, with its configs; existing ones are left alone. */
    public void createMissing(List<Topic<?, ?>> topics, int partitions) {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                if (!existing.contains(topic.name())) {
                    missing.add(new NewTopic(topic.name(), Optional.of(partitions), Optional.empty())
                            .configs(topic.configs()));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TopicExistsException) {
                return; // another blockwatch process created it at the same time
            }
            if (cause instanceof TopicAuthorizationException || cause instanceof ClusterAuthorizationException) {
                throw new BrokerUnavailableException("not allowed to create blockwatch topics at " + bootstrap
                        + ": create them first (see README, Topics) or use credentials with CREATE rights");
            }
            throw new BrokerUnavailableException("cannot create topics at " + bootstrap + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while creating topics");
        }
    }

    public Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
