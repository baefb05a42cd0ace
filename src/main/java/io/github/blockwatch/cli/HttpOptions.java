package io.github.blockwatch.cli;

import io.github.blockwatch.serve.HttpEndpoint;
import io.github.blockwatch.serve.HttpsKeystore;
import io.github.blockwatch.serve.ServeOptions;
import java.io.IOException;
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

    /** The endpoint with a free port chosen for 0, or null with --no-http. */
    HttpEndpoint endpoint() {
        if (disabled) {
            return null;
        }
        if (port < 0 || port > 65535) {
            throw new CliException("--http-port: not a port: " + port);
        }
        return new HttpEndpoint(bind, port).resolve();
    }
}
