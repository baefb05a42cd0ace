package io.github.blockwatch.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blockwatch.avro.Watchlist;
import java.util.LinkedHashMap;
import java.util.Map;

/** A watchlist as JSON, the same for {@code watch list --format json} and {@code /api/watchlists}. */
public final class WatchlistJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WatchlistJson() {}

    /** name, prefixes, asns (numbers), owners, channel (null when none), updated (ISO-8601 UTC). */
    public static Map<String, Object> toMap(Watchlist w) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", w.getName());
        json.put("prefixes", w.getPrefixes());
        json.put("asns", w.getAsns());
        json.put("owners", w.getOwners());
        json.put("channel", w.getChannel());
        json.put("updated", w.getUpdated().toString());
        return json;
    }

    public static String toJson(Watchlist w) {
        try {
            return MAPPER.writeValueAsString(toMap(w));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("watchlist " + w.getName() + " cannot be written as JSON", e);
        }
    }
}
