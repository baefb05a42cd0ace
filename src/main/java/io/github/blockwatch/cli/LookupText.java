package io.github.blockwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** The API's lookup answers as a few lines for people. */
final class LookupText {
    private LookupText() {}

    /** {@code /api/ip/IP} (now) or {@code /api/ip/IP?at=T}. */
    static String answer(JsonNode a) {
        StringBuilder s = new StringBuilder();
        String ip = a.path("ip").asText();
        boolean past = a.has("at");
        boolean blocked = a.path("blocked").asBoolean();
        s.append(ip).append(past ? (blocked ? " was blocked" : " was not blocked") : (blocked ? " is blocked" : " is not blocked"));
        if (past) {
            s.append(" at ").append(a.path("at").asText());
            JsonNode dump = a.path("dump");
            s.append(dump.isNull() || dump.isMissingNode() ? " (before the first dump applied)"
                    : " (dump of " + dump.path("registryTime").asText() + ")");
            if (blocked) {
                s.append("; blocked since ").append(a.path("blockedSince").asText())
                        .append(a.path("blockedUntil").isNull() ? ", still blocked" : ", until " + a.path("blockedUntil").asText());
            } else {
                if (!a.path("lastUnblocked").isNull()) {
                    s.append("; unblocked ").append(a.path("lastUnblocked").asText());
                }
                if (!a.path("nextBlocked").isNull()) {
                    // "again" only after an unblocking: an address first blocked later was never blocked before
                    boolean neverUnblocked = a.path("lastUnblocked").isNull() || a.path("lastUnblocked").isMissingNode();
                    s.append(neverUnblocked ? "; first blocked " : "; blocked again from ")
                            .append(a.path("nextBlocked").asText());
                }
            }
        }
        s.append('\n');
        for (JsonNode r : a.path("ranges")) {
            s.append(String.format(Locale.ROOT, "  %-20s %,15d addresses  first blocked %s", r.path("cidr").asText(),
                    r.path("addresses").asLong(), r.path("firstBlocked").asText()));
            if (r.has("unblocked") && !r.path("unblocked").isNull()) {
                s.append("  unblocked ").append(r.path("unblocked").asText());
            }
            s.append("  ").append(decisions(r)).append('\n');
        }
        return s.toString();
    }

    /** {@code /api/ip/IP/history}. */
    static String history(JsonNode a) {
        StringBuilder s = new StringBuilder();
        JsonNode intervals = a.path("intervals");
        s.append(a.path("ip").asText()).append(intervals.isEmpty() ? ": never blocked in the retained history"
                : ": blocked in " + intervals.size() + (intervals.size() == 1 ? " interval" : " intervals")
                + (a.path("blockedNow").asBoolean() ? ", blocked now" : ", not blocked now")).append('\n');
        for (JsonNode i : intervals) {
            s.append("  ").append(i.path("from").asText()).append(" → ")
                    .append(i.path("until").isNull() ? "now" : i.path("until").asText()).append('\n');
            for (JsonNode r : i.path("ranges")) {
                s.append(String.format(Locale.ROOT, "      %-20s %s → %s  %s%n", r.path("cidr").asText(),
                        r.path("from").asText(), r.path("until").isNull() ? "now" : r.path("until").asText(), decisions(r)));
            }
        }
        return s.toString();
    }

    /** The decisions of a range (point in time) or of its entries (now), each once. */
    private static String decisions(JsonNode range) {
        Set<String> shown = new LinkedHashSet<>();
        for (JsonNode d : range.path("decisions")) {
            shown.add(decision(d));
        }
        for (JsonNode e : range.path("entries")) {
            if (!e.path("decision").isNull()) {
                shown.add(decision(e.path("decision")));
            }
        }
        return String.join("; ", shown);
    }

    private static String decision(JsonNode d) {
        return (d.path("org").asText() + " " + d.path("number").asText()).strip()
                + (d.path("date").asText().isEmpty() ? "" : " (" + d.path("date").asText() + ")");
    }
}
