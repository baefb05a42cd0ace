package io.github.blockwatch.broker;

import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.kafka.TopicAdmin;
import io.github.blockwatch.kafka.Topics;
import java.io.IOException;
import java.nio.file.Path;

/**
 * For tests that publish and read blockwatch's topics without the Streams application (which would create
 * them): an embedded broker with every topic of {@link Topics#ALL} made, one partition each.
 */
public final class BrokerWithTopics {
    private BrokerWithTopics() {}

    /** A broker with its data in {@code dataDir} on a free port; closed again if the topics cannot be made. */
    public static EmbeddedBroker start(Path dataDir) throws IOException {
        EmbeddedBroker broker = EmbeddedBroker.start(dataDir, 0);
        try (TopicAdmin admin = TopicAdmin.connect(ClientSettings.of(broker.bootstrapServers()))) {
            admin.createMissing(Topics.ALL, 1);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }
}
