package io.github.blockwatch.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blockwatch.avro.DeadLetter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Dead letters for people and scripts: one line of text ({@code source:line  reason  | raw…}) or one
 * JSON object per letter.
 */
public final class DeadLetterText {
    /** How much of the raw row the text form shows; the JSON form carries all that was kept (64 KiB). */
    public static final int RAW_CHARS = 80;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DeadLetterText() {}

    /** {@code zi-2017-07-01.csv.gz:6688  truncated row: …  | 1.2.3.4;;;Суд… (312 chars)}. */
    public static String format(DeadLetter letter) {
        return String.format(Locale.ROOT, "%s:%d  %s  | %s", letter.getSource(), letter.getLine(),
                letter.getReason(), abbreviate(letter.getRaw(), letter.getRawLength()));
    }

    /** The raw row on one line, cut to {@link #RAW_CHARS}, with its full length when it was cut. */
    static String abbreviate(String raw, long rawLength) {
        String flat = raw.replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
        if (flat.length() <= RAW_CHARS && rawLength <= RAW_CHARS) {
            return flat;
        }
        return flat.substring(0, Math.min(flat.length(), RAW_CHARS)) + String.format(Locale.ROOT, "… (%,d chars)", rawLength);
    }

    /** Field names as in the Avro schema; {@code rejectedAt} as ISO-8601 UTC. */
    public static String toJson(DeadLetter letter) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", letter.getSource());
        json.put("line", letter.getLine());
        json.put("reason", letter.getReason());
        json.put("raw", letter.getRaw());
        json.put("rawLength", letter.getRawLength());
        json.put("dumpId", letter.getDumpId());
        json.put("rejectedAt", letter.getRejectedAt().toString());
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dead letter " + letter.getSource() + ":" + letter.getLine()
                    + " cannot be written as JSON", e);
        }
    }
}
