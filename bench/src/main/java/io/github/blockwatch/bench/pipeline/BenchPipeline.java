package io.github.blockwatch.bench.pipeline;

import io.github.blockwatch.app.StreamsApp;
import io.github.blockwatch.broker.EmbeddedBroker;
import io.github.blockwatch.kafka.ClientSettings;
import io.github.blockwatch.serve.ApiServer;
import io.github.blockwatch.serve.HttpEndpoint;
import io.github.blockwatch.topology.AlertRules;
import io.github.blockwatch.topology.StreamsSettings;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the pipeline bench measures: the embedded KRaft broker, the Streams application (exactly_once_v2,
 * default alert rules) and the HTTP API, wired as {@code blockwatch demo} wires them, in this JVM.
 */
final class BenchPipeline implements AutoCloseable {
    private final EmbeddedBroker broker;
    private final ClientSettings clients;
    private final StreamsApp app;
    private final ApiServer server;
    private final Path stateDir;

    private BenchPipeline(EmbeddedBroker broker, ClientSettings clients, StreamsApp app, ApiServer server, Path stateDir) {
        this.broker = broker;
        this.clients = clients;
        this.app = app;
        this.server = server;
        this.stateDir = stateDir;
    }

    /**
     * @param config a properties file of Kafka client and Streams settings applied to every client (as
     *               {@code --config} does for {@code blockwatch run}), e.g. {@code commit.interval.ms=100}
     *               to time a tuning; null for blockwatch's defaults
     */
    static BenchPipeline start(Path work, boolean http, Path config) throws IOException {
        EmbeddedBroker broker = EmbeddedBroker.start(work.resolve("broker"), 0);
        try {
            ClientSettings clients = ClientSettings.load(broker.bootstrapServers(), config);
            Path stateDir = work.resolve("streams");
            HttpEndpoint endpoint = http ? new HttpEndpoint("127.0.0.1", 0).resolve() : null;
            StreamsApp app = StreamsApp.start(clients, StreamsSettings.DEFAULT_APPLICATION_ID, stateDir,
                    AlertRules.defaults(), 1, endpoint == null ? null : endpoint.applicationServer());
            ApiServer server = http ? ApiServer.start(clients, app.streams(), endpoint, true) : null;
            return new BenchPipeline(broker, clients, app, server, stateDir);
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    EmbeddedBroker broker() {
        return broker;
    }

    ClientSettings clients() {
        return clients;
    }

    StreamsApp app() {
        return app;
    }

    /** The API's base URL (no trailing slash), or null without HTTP. */
    String apiUrl() {
        return server == null ? null : "http://127.0.0.1:" + server.port();
    }

    Path stateDir() {
        return stateDir;
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
