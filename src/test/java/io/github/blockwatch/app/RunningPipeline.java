package io.github.blockwatch.app;

import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.serve.ApiServer;
import io.github.blockwatch.serve.HttpEndpoint;
import io.github.blockwatch.topology.AlertRules;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the integration tests run against: an embedded broker in {@code work/broker}, the Streams
 * application with its state in {@code work/streams}, and, when asked, the HTTP API on a free port.
 * Closed in the reverse order.
 */
public final class RunningPipeline implements AutoCloseable {
    private final EmbeddedBroker broker;
    private final ClientSettings clients;
    private final StreamsApp app;
    private final ApiServer server;

    private RunningPipeline(EmbeddedBroker broker, ClientSettings clients, StreamsApp app, ApiServer server) {
        this.broker = broker;
        this.clients = clients;
        this.app = app;
        this.server = server;
    }

    /** Broker and Streams application, no HTTP. */
    public static RunningPipeline start(Path work, String applicationId) throws IOException {
        return start(work, applicationId, AlertRules.defaults());
    }

    /** Broker and Streams application with these alert rules, no HTTP. */
    public static RunningPipeline start(Path work, String applicationId, AlertRules rules) throws IOException {
        EmbeddedBroker broker = EmbeddedBroker.start(work.resolve("broker"), 0);
        ClientSettings clients = ClientSettings.of(broker.bootstrapServers());
        StreamsApp app = StreamsApp.start(clients, applicationId, work.resolve("streams"), rules, 1);
        return new RunningPipeline(broker, clients, app, null);
    }

    /** Broker, Streams application and the HTTP API on 127.0.0.1 and a free port. */
    public static RunningPipeline startServing(Path work, String applicationId) throws IOException {
        EmbeddedBroker broker = EmbeddedBroker.start(work.resolve("broker"), 0);
        ClientSettings clients = ClientSettings.of(broker.bootstrapServers());
        HttpEndpoint endpoint = new HttpEndpoint("127.0.0.1", 0).resolve();
        StreamsApp app = StreamsApp.start(clients, applicationId, work.resolve("streams"), AlertRules.defaults(), 1,
                endpoint.applicationServer());
        ApiServer server = ApiServer.start(clients, app.streams(), endpoint, true);
        return new RunningPipeline(broker, clients, app, server);
    }

    public EmbeddedBroker broker() {
        return broker;
    }

    public ClientSettings clients() {
        return clients;
    }

    public StreamsApp app() {
        return app;
    }

    /** The HTTP API, or null when started without it. */
    public ApiServer server() {
        return server;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        app.close();
        broker.close();
    }
}
