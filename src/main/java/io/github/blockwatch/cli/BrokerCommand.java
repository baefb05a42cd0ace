package io.github.blockwatch.cli;

import java.util.Locale;
import io.github.blockwatch.broker.EmbeddedBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code blockwatch broker}: a single-node KRaft Kafka broker in this process. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        header = "Run a single-node Kafka broker (KRaft) in this process",
        description = {"Runs a single-node Kafka broker (KRaft) in this process, on 127.0.0.1. Every other verb connects to it by default. For production use a real cluster (docker-compose.yml)."})
final class BrokerCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "blockwatch-data/broker",
            description = "Where the broker keeps its logs; reused across restarts (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--port", defaultValue = "9092", description = "Client port (default: ${DEFAULT-VALUE})")
    int port;

    @Override
    public Integer call() throws Exception {
        ShutdownSignal shutdown = new ShutdownSignal();
        try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir, port)) {
            spec.commandLine().getOut().printf(Locale.ROOT, "blockwatch broker: listening on %s (data in %s); Ctrl-C to stop%n",
                    broker.bootstrapServers(), broker.dataDir());
            spec.commandLine().getOut().flush();
            shutdown.await();
            spec.commandLine().getOut().println("blockwatch broker: stopping");
        } finally {
            shutdown.done();
        }
        return 0;
    }
}
