package io.github.blockwatch.cli;

import java.util.Locale;
import io.github.blockwatch.app.StreamsApp;
import io.github.blockwatch.kafka.Topics;
import io.github.blockwatch.serve.ApiServer;
import io.github.blockwatch.serve.HttpEndpoint;
import io.github.blockwatch.serve.HttpsKeystore;
import io.github.blockwatch.serve.ServeOptions;
import io.github.blockwatch.topology.StreamsSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code blockwatch run}: the Kafka Streams application (blocked table, stats, alerts). */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Run the streams application: blocked table, stats, alerts",
        description = {"Runs the Kafka Streams application: registry events -> live blocked-IP table, per-dump stats and alerts (exactly-once). Start several with the same --application-id to share the work."})
final class RunCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @ArgGroup(validate = false, heading = "Alert rules%n")
    AlertRuleOptions alertRules = new AlertRuleOptions();

    @Option(names = "--application-id", defaultValue = StreamsSettings.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application.id (default: ${DEFAULT-VALUE})")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "blockwatch-data/streams",
            description = "Local state stores, restored from Kafka when lost (default: ${DEFAULT-VALUE})")
    Path stateDir;

    @ArgGroup(validate = false, heading = "HTTP API, dashboard and metrics%n")
    HttpOptions http = new HttpOptions();

    @ArgGroup(validate = false, heading = "Topics, when they are missing (as 'topics --create' makes them)%n")
    TopicLayoutOptions topicLayout = new TopicLayoutOptions();

    @Override
    public Integer call() throws Exception {
        ShutdownSignal shutdown = new ShutdownSignal();
        try {
            return run(shutdown);
        } finally {
            // Also when the start fails (no broker, refused credentials): else the hook would hold the JVM's exit.
            shutdown.done();
        }
    }

    private int run(ShutdownSignal shutdown) throws Exception {
        HttpEndpoint endpoint = http.endpoint();
        HttpsKeystore https = endpoint == null ? null : http.https();
        ServeOptions serving = endpoint == null ? null : http.serveOptions();
        StreamsApp app = StreamsApp.start(kafka.settings(), applicationId, stateDir, alertRules.rules(), topicLayout.plan(),
                endpoint == null ? null : endpoint.applicationServer());
        shutdown.closeFirst(app);
        ApiServer server = null;
        try {
            if (endpoint != null) {
                server = ApiServer.start(kafka.settings(), app.streams(), endpoint, true, https, serving);
            }
            // What it reads, from where, and where it answers: "processing localhost:9092" read like a host name.
            spec.commandLine().getOut().printf(Locale.ROOT, "blockwatch run: applying %s from %s to the blocked table "
                            + "(application id %s)%s; Ctrl-C to stop%n", Topics.REGISTRY_EVENTS.name(), kafka.settings().bootstrap(),
                    applicationId, server == null ? "" : "; dashboard and API at " + server.url());
            spec.commandLine().getOut().flush();
            Thread watcher = new Thread(() -> {
                try {
                    app.awaitStop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                shutdown.request();
            }, "blockwatch-run-watch");
            watcher.setDaemon(true);
            watcher.start();
            shutdown.await();
            if (app.failure() != null) {
                throw new CliException("the streams application stopped: " + OneLineErrors.message(app.failure()));
            }
            return 0;
        } finally {
            if (server != null) {
                server.close();
            }
            app.close();
        }
    }
}
