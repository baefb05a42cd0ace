package io.github.blockwatch.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A real HTTP receiver on 127.0.0.1 and a free port (the JDK's server), for the channels' wire tests: it
 * records every request as it came (method, path, headers, body, time) and answers as the test scripts it,
 * by the request's number (0 first).
 */
public final class Receiver implements AutoCloseable {
    /** One request as received. Header names are lower case. */
    public record Request(String method, String path, Map<String, List<String>> headers, byte[] body, Instant at) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An answer: status, extra headers, body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public static Answer of(int status, String body) {
            return new Answer(status, Map.of(), body);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile BiFunction<Integer, Request, Answer> script;

    private Receiver(BiFunction<Integer, Request, Answer> script) throws IOException {
        this.script = script;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    public static Receiver start(IntFunction<Answer> script) throws IOException {
        return new Receiver((n, request) -> script.apply(n));
    }

    /** Answers by what the request holds. */
    public static Receiver byRequest(Function<Request, Answer> script) throws IOException {
        return new Receiver((n, request) -> script.apply(request));
    }

    /** Answers 200 with {@code body} to everything. */
    public static Receiver accepting(String body) throws IOException {
        return new Receiver((n, request) -> Answer.of(200, body));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
            String path = exchange.getRequestURI().getRawPath();
            int number;
            Request request = new Request(exchange.getRequestMethod(), path, headers, body, Instant.now());
            synchronized (requests) {
                number = requests.size();
                requests.add(request);
            }
            Answer answer = script.apply(number, request);
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            byte[] out = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(out);
                }
            }
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
