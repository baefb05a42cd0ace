package io.github.blockwatch.kafka;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * One line for a client that reached a broker but was refused: on a secured cluster a wrong password or
 * truststore is the usual first problem, and "no broker answered" would send the operator looking in
 * the wrong place.
 */
public final class ConnectionErrors {
    private ConnectionErrors() {}

    /** What went wrong, if {@code error} or one of its causes is an authentication failure. */
    public static Optional<String> explain(Throwable error, String bootstrap) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SslAuthenticationException ssl) {
                return Optional.of("TLS handshake failed with " + bootstrap + ": " + rootMessage(ssl)
                        + " (check ssl.truststore.* / ssl.keystore.* in --config)");
            }
            if (t instanceof SaslAuthenticationException sasl) {
                return Optional.of("authentication failed at " + bootstrap + ": " + sasl.getMessage()
                        + " (check sasl.mechanism and sasl.jaas.config in --config)");
            }
            if (t instanceof AuthenticationException auth) {
                return Optional.of("authentication failed at " + bootstrap + ": " + rootMessage(auth));
            }
        }
        return Optional.empty();
    }

    /**
     * One line for a client that could not even be created from {@code bootstrap}: a host name that does not
     * resolve, a malformed address. Kafka says so in a cause of its "Failed to create new KafkaAdminClient".
     */
    public static Optional<String> unusableBootstrap(KafkaException error, String bootstrap) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConfigException config) {
                return Optional.of("cannot use --bootstrap " + bootstrap + ": " + config.getMessage());
            }
        }
        return Optional.empty();
    }

    /** {@code 5 s}, {@code 2.5 s}: a timeout as people read it. */
    public static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
