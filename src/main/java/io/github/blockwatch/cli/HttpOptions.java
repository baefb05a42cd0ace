package io.github.blockwatch.cli;

import io.github.blockwatch.serve.HttpEndpoint;
import io.github.blockwatch.serve.HttpsKeystore;
import io.github.blockwatch.serve.ServeOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where {@code run} and {@code demo} serve the API, dashboard and metrics. */
final class HttpOptions {
    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
            description = "HTTP port of the API, dashboard and /metrics; 0 = any free port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--http-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Interface to listen on; 0.0.0.0 for all (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--no-http", description = "Serve no HTTP at all")
    boolean disabled;

    @Option(names = "--https-keystore", paramLabel = "FILE",
            description = "Serve HTTPS only, with the key and certificate in this PKCS12 (or JKS) keystore")
    Path httpsKeystore;

    @Option(names = "--https-keystore-password-file", paramLabel = "FILE",
            description = "File whose first line is the keystore password (default: the environment variable "
                    + PASSWORD_VARIABLE + ")")
    Path httpsPasswordFile;

    @Option(names = "--http-allowed-hosts", paramLabel = "HOST", split = ",",
            description = "Host names the API answers for (the Host header), besides localhost and IP addresses; "
                    + "'*' for any. Default: any when --http-bind is not a loopback address, else none more "
                    + "(a web page cannot reach a local API by DNS rebinding)")
    List<String> allowedHosts = List.of();

    @Option(names = "--http-max-streams", paramLabel = "N", defaultValue = "" + ServeOptions.DEFAULT_MAX_STREAMS,
            description = "Open /api/alerts/stream connections at most; one more is answered 503 (default: ${DEFAULT-VALUE})")
    int maxStreams;

    static final String PASSWORD_VARIABLE = "BLOCKWATCH_HTTPS_KEYSTORE_PASSWORD";

    /** The keystore to serve TLS with, or null for plain HTTP. */
    HttpsKeystore https() {
        if (httpsKeystore == null) {
            if (httpsPasswordFile != null) {
                throw new CliException("--https-keystore-password-file needs --https-keystore");
            }
            return null;
        }
        String password;
        try {
            if (httpsPasswordFile != null) {
                password = Files.readAllLines(httpsPasswordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            } else {
                password = System.getenv(PASSWORD_VARIABLE);
                if (password == null) {
                    throw new CliException("--https-keystore needs its password: --https-keystore-password-file FILE or "
                            + PASSWORD_VARIABLE);
                }
            }
            return HttpsKeystore.load(httpsKeystore, password);
        } catch (IOException e) {
            throw new CliException(e instanceof java.nio.file.NoSuchFileException
                    ? "password file not found: " + e.getMessage() : e.getMessage());
        }
    }

    /** What the server admits: allowed host names, open streams. */
    ServeOptions serveOptions() {
        if (maxStreams < 1) {
            throw new CliException("--http-max-streams: at least 1, not " + maxStreams);
        }
        return ServeOptions.defaults().withAllowedHosts(allowedHosts).withMaxStreams(maxStreams);
    }

    /**
     * The endpoint with a free port chosen for 0, or null with --no-http. A port in use is refused here, with
     * one line, before anything starts: else Kafka Streams would start, restore its state and only then fail
     * on the bind.
     */
    HttpEndpoint endpoint() {
        return endpoint(false);
    }

    /**
     * As {@link #endpoint()}; with {@code freeWhenBusy} a port in use is replaced by a free one instead (the
     * demo, which says where it serves).
     */
    HttpEndpoint endpoint(boolean freeWhenBusy) {
        if (disabled) {
            return null;
        }
        if (port < 0 || port > 65535) {
            throw new CliException("--http-port: not a port: " + port);
        }
        HttpEndpoint endpoint = new HttpEndpoint(bind, port);
        if (port != 0 && !isFree(endpoint)) {
            if (!freeWhenBusy) {
                throw new CliException("--http-port " + port + ": " + bind + ":" + port
                        + " is already in use (pass another port, or 0 for any free one)");
            }
            endpoint = new HttpEndpoint(bind, 0);
        }
        return endpoint.resolve();
    }

    /** Whether the server could listen there now (another process may still take it first). */
    static boolean isFree(HttpEndpoint endpoint) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as Jetty binds: a port in TIME_WAIT is free
            probe.bind(new InetSocketAddress(endpoint.bind(), endpoint.port()));
            return true;
        } catch (java.net.BindException e) {
            if (e.getMessage() != null && e.getMessage().contains("in use")) {
                return false;
            }
            throw new CliException("--http-bind " + endpoint.bind() + ": cannot listen there: " + e.getMessage());
        } catch (IOException e) {
            throw new CliException("--http-bind " + endpoint.bind() + ": cannot listen there: " + e.getMessage());
        }
    }
}
