package io.github.blockwatch.cli;

import io.github.blockwatch.serve.HttpEndpoint;
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
