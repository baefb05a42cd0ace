package io.github.blockwatch.cli;

import io.github.blockwatch.kafka.ClientSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --bootstrap} and {@code --config}, shared by every verb that talks to Kafka. */
final class KafkaOptions {
    @Option(names = {"-b", "--bootstrap"}, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: the config file's bootstrap.servers, else "
                    + ClientSettings.DEFAULT_BOOTSTRAP + ", where 'blockwatch broker' listens)")
    String bootstrap;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Kafka client properties (standard keys: security.protocol, sasl.*, ssl.*, ...; "
                    + "default.api.timeout.ms: how long to wait for a broker to answer, default 5000)")
    Path config;

    ClientSettings settings() {
        try {
            return ClientSettings.load(bootstrap, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
