package io.github.blockwatch.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where the HTTP server listens, resolved before Kafka Streams starts: Streams needs the port for its
 * {@code application.server} (how other instances reach this one), so port 0 is turned into a free
 * port first.
 *
 * @param bind interface to listen on ({@code 127.0.0.1}, {@code 0.0.0.0})
 */
public record HttpEndpoint(String bind, int port) {

    /** This endpoint with port 0 replaced by a port free right now. */
    public HttpEndpoint resolve() {
        if (port != 0) {
            return this;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(bind, 0));
            return new HttpEndpoint(bind, probe.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + bind + ": " + e.getMessage(), e);
        }
    }

    /** How other instances reach this one: the bind address, or this host's name for a wildcard bind. */
    public HostInfo advertised() {
        String host = bind;
        try {
            if (InetAddress.getByName(bind).isAnyLocalAddress()) {
                host = InetAddress.getLocalHost().getCanonicalHostName();
            }
        } catch (UnknownHostException e) {
            // Keep the bind text: the other instances resolve it or say so.
        }
        return new HostInfo(host, port);
    }

    /** {@code host:port} for Streams' {@code application.server}. */
    public String applicationServer() {
        HostInfo info = advertised();
        return info.host() + ":" + info.port();
    }

    /** The dashboard's address for people. */
    public String url() {
        HostInfo info = advertised();
        String host = info.host().contains(":") ? "[" + info.host() + "]" : info.host();
        return "http://" + host + ":" + info.port() + "/";
    }
}
