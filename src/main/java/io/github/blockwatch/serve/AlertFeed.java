package io.github.blockwatch.serve;

import io.github.blockwatch.alerts.AlertJson;
import io.github.blockwatch.avro.RangeAlert;
import io.javalin.http.sse.SseClient;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Alert history (from {@code blockwatch.alerts}, followed by this instance, so no forwarding) and the live
 * feed: every alert committed after a client connects is pushed to it as an SSE event {@code alert}.
 */
final class AlertFeed implements AutoCloseable {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final TopicHistory<RangeAlert> alerts;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();

    AlertFeed(TopicHistory<RangeAlert> alerts) {
        this.alerts = alerts;
    }

    /** Alerts of registry time at or after {@code since} (ISO instant or date; null: all), newest first. */
    Map<String, Object> history(String since, int limit) {
        Instant from = parseSince(since);
        List<RangeAlert> all = new ArrayList<>(alerts.values());
        Collections.reverse(all);
        List<Map<String, Object>> shown = all.stream()
                .filter(a -> from == null || !a.getRegistryTime().isBefore(from))
                .limit(limit)
                .map(AlertJson::toMap)
                .toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", alerts.count());
        answer.put("alerts", shown);
        return answer;
    }

    /** Keeps {@code client} open and sends it each new alert until it goes away. */
    void stream(SseClient client) {
        client.keepAlive();
        Consumer<RangeAlert> push = alert -> {
            if (!client.terminated()) {
                client.sendEvent("alert", text(alert));
            }
        };
        client.onClose(() -> {
            alerts.removeListener(push);
            clients.remove(client);
        });
        clients.add(client);
        alerts.onValue(push);
        // A first comment tells the client (and proxies) the stream is open before any alert comes.
        client.sendComment("connected");
    }

    /** Ends every open stream, so the server can stop without waiting for clients to leave. */
    @Override
    public void close() {
        clients.forEach(SseClient::close);
        clients.clear();
    }

    private static String text(RangeAlert alert) {
        return AlertJson.toJson(alert);
    }

    private static Instant parseSince(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return since.length() == 10
                    ? LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("since: not an ISO-8601 date or instant '" + since + "'");
        }
    }
}
