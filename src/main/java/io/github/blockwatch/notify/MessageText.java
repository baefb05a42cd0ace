package io.github.blockwatch.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A message in words, the same for every channel that people read: a title, one line per alert (its
 * one-line summary, the most severe first, at most {@code maxLines}), how many more there are, and a
 * link to the dashboard's lookup of each alert's first range when a dashboard URL is configured.
 * Channels only dress it (Slack markup, a mail subject).
 */
public final class MessageText {
    private final String dashboardUrl;
    private final int maxLines;

    /** @param dashboardUrl base URL without a trailing slash, or null for no links */
    public MessageText(String dashboardUrl, int maxLines) {
        this.dashboardUrl = dashboardUrl;
        this.maxLines = maxLines;
    }

    /** One line of a message: an alert's summary and where to look it up (null when no dashboard is set). */
    public record Line(String text, String link) {}

    /** @param more alerts not listed */
    public record Rendered(String title, List<Line> lines, int more) {
        /** Plain text: the title, a bullet per line with its link beneath, then the count of the rest. */
        public String plain() {
            StringBuilder text = new StringBuilder(title);
            for (Line line : lines) {
                text.append("\n• ").append(line.text());
                if (line.link() != null) {
                    text.append("\n  ").append(line.link());
                }
            }
            if (more > 0) {
                text.append("\n… and ").append(more).append(" more");
            }
            return text.toString();
        }
    }

    public Rendered render(Message message) {
        List<NotifyAlert> alerts = message.alerts();
        if (alerts.isEmpty()) {
            return new Rendered(message.note(), List.of(), 0);
        }
        if (alerts.size() == 1) {
            NotifyAlert alert = alerts.get(0);
            return new Rendered("blockwatch " + alert.severity() + " " + alert.type(),
                    List.of(new Line(alert.summary(), link(alert))), 0);
        }
        List<Line> lines = alerts.stream()
                .sorted(Comparator.comparing(NotifyAlert::severity).reversed()) // stable: raised order within a level
                .limit(maxLines)
                .map(a -> new Line(a.severity() + " " + a.type() + ": " + a.summary(), link(a)))
                .toList();
        return new Rendered(digestTitle(message), lines, alerts.size() - lines.size());
    }

    /** {@code blockwatch: 46 alerts (43 LARGE_RANGE, 1 SURGE, ...) up to CRITICAL, dump of 2018-05-05T13:25:00Z}. */
    private static String digestTitle(Message message) {
        Map<String, Long> byType = message.alerts().stream()
                .collect(Collectors.groupingBy(NotifyAlert::type, LinkedHashMap::new, Collectors.counting()));
        String types = byType.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        NotifyAlert.Level highest = message.alerts().stream().map(NotifyAlert::severity)
                .max(Comparator.naturalOrder()).orElseThrow();
        String dump = message.dumpId() == null ? "" : ", dump of " + message.dumpId().split("/", 2)[0];
        return "blockwatch: " + message.alerts().size() + " alerts (" + types + ") up to " + highest + dump;
    }

    /** The dashboard's lookup of the alert's first range (its first address), or null. */
    String link(NotifyAlert alert) {
        if (dashboardUrl == null || alert.ranges().isEmpty()) {
            return null;
        }
        String first = alert.ranges().get(0).split("/", 2)[0];
        return dashboardUrl + "/?ip=" + URLEncoder.encode(first, StandardCharsets.UTF_8);
    }
}
