package io.github.blockwatch.serve;

import io.github.blockwatch.alerts.AlertJson;
import io.github.blockwatch.avro.RangeAlert;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alert history (from {@code blockwatch.alerts}, followed by this instance, so no forwarding), and the JSON
 * text of one alert for the live feed ({@link AlertStream}).
 */
final class AlertFeed {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final TopicHistory<RangeAlert> alerts;

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

    /** One alert as the JSON text of an SSE {@code alert} event: the form {@code /api/alerts} lists. */
    String text(RangeAlert alert) {
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
