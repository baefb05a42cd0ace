package io.github.blockwatch.serve;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client as a browser's EventSource reads the stream: events of {@code id:},
 * {@code event:} and {@code data:} lines ended by a blank line, comments apart. Reads in a daemon thread
 * until closed.
 */
final class SseClientForTest implements AutoCloseable {
    /** One event: its id (null if none), type and data. */
    record Event(String id, String type, String data) {}

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final HttpResponse<Stream<String>> response;
    private final Thread reader;

    private SseClientForTest(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(() -> read(response.body()), "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects to {@code uri} with no {@code Accept} header, sending {@code lastEventId} when not null. */
    static SseClientForTest connect(HttpClient http, URI uri, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseClientForTest(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                .get(30, TimeUnit.SECONDS));
    }

    private void read(Stream<String> lines) {
        String id = null;
        String type = "message";
        StringBuilder data = null;
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, type, data.toString()));
                    }
                    id = null;
                    type = "message";
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).strip());
                }
            }
        } catch (RuntimeException e) {
            // closed under the reader
        }
    }

    HttpResponse<Stream<String>> response() {
        return response;
    }

    List<Event> events() {
        return new ArrayList<>(events);
    }

    List<String> comments() {
        return new ArrayList<>(comments);
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
