package io.github.blockwatch.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Standard Kafka client properties for every blockwatch client: those of a {@code --config} file
 * (security, timeouts, anything Kafka accepts) with {@code --bootstrap} on top. Each client then adds
 * its own defaults with {@code putIfAbsent}, so the file can override them too.
 */
public final class ClientSettings {
    /** Where {@code blockwatch broker} listens by default. */
    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";

    private final Properties base;

    private ClientSettings(Properties base) {
        this.base = base;
    }

    /**
     * @param bootstrap  the {@code --bootstrap} value, or null to take the file's or the default
     * @param configFile a properties file with standard Kafka client keys, or null
     */
    public static ClientSettings load(String bootstrap, Path configFile) throws IOException {
        Properties props = new Properties();
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) {
                throw new IOException("client config file not found: " + configFile);
            }
            try (InputStream in = Files.newInputStream(configFile)) {
                props.load(in);
            }
        }
        if (bootstrap != null) {
            props.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        }
        props.putIfAbsent(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP);
        return new ClientSettings(props);
    }

    public static ClientSettings of(String bootstrap) {
        Properties props = new Properties();
        props.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new ClientSettings(props);
    }

    public String bootstrap() {
        return base.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }

    /** A fresh copy to add client-specific settings to. */
    public Properties copy() {
        Properties copy = new Properties();
        copy.putAll(base);
        return copy;
    }
}
