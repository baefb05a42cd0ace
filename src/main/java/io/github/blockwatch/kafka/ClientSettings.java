package io.github.blockwatch.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    /**
     * The standard client property that says how long a verb waits for a broker to answer before it gives up
     * with one line: Kafka's "default timeout for client APIs", set in the {@code --config} file.
     */
    public static final String BROKER_TIMEOUT_CONFIG = CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG;

    /**
     * The wait when {@link #BROKER_TIMEOUT_CONFIG} is not set: a broker that is there answers in milliseconds
     * (a remote one over TLS in well under a second), and a wrong {@code --bootstrap} should be said before a
     * person starts to wonder. 3 s proved too short for a broker on a machine loaded by a parallel build.
     */
    public static final Duration DEFAULT_BROKER_TIMEOUT = Duration.ofSeconds(5);

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
        ClientSettings settings = new ClientSettings(props);
        try {
            settings.brokerTimeout();
        } catch (IllegalArgumentException e) {
            throw new IOException(configFile + ": " + e.getMessage(), e);
        }
        return settings;
    }

    public static ClientSettings of(String bootstrap) {
        Properties props = new Properties();
        props.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return new ClientSettings(props);
    }

    /**
     * How long to wait for a broker to answer at all: {@link #BROKER_TIMEOUT_CONFIG} from the config file,
     * else {@link #DEFAULT_BROKER_TIMEOUT}.
     *
     * @throws IllegalArgumentException when the file's value is not a positive number of milliseconds
     */
    public Duration brokerTimeout() {
        String value = base.getProperty(BROKER_TIMEOUT_CONFIG);
        if (value == null) {
            return DEFAULT_BROKER_TIMEOUT;
        }
        try {
            long millis = Long.parseLong(value.strip());
            if (millis > 0 && millis <= Integer.MAX_VALUE) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(BROKER_TIMEOUT_CONFIG + " must be a positive number of milliseconds, not '" + value + "'");
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
