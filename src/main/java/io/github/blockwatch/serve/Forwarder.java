package io.github.blockwatch.serve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Sends a request on to the instance that holds the data, marked so that the receiver answers from its
 * own stores and never forwards again (two instances disagreeing during a rebalance cannot loop).
 */
final class Forwarder {
    static final String HEADER = "X-Blockwatch-Forwarded";

    private final HttpClient http;
    private final String scheme;

    /** Plain HTTP between instances. */
    Forwarder() {
        this(null);
    }

    /** HTTPS between instances when {@code tls} is given, trusting the certificates of that keystore. */
    Forwarder(HttpsKeystore tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            builder.sslContext(tls.peerTrust());
        }
        this.http = builder.build();
        this.scheme = tls == null ? "http" : "https";
    }

    record Reply(int status, String body) {}

    Reply get(HostInfo host, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(scheme + "://" + host.host() + ":" + host.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header(HEADER, "1")
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new ApiException(502, "instance " + host + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted while asking " + host);
        }
    }
}
