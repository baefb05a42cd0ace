package io.github.blockwatch.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What one channel is sent at once: one alert, or a digest of the alerts of one dump, or a test note.
 *
 * @param key     the idempotency key: the alert's id for one alert; for a digest {@code digest-} and 16 hex
 *                digits of the SHA-256 of its alert ids, so the same digest sent again has the same key
 * @param dumpId  the dump the alerts came from (null for a test message)
 * @param alerts  in the order they were raised
 * @param note    the text of a test message, else null
 */
public record Message(String key, String dumpId, List<NotifyAlert> alerts, String note) {

    public static Message of(String dumpId, List<NotifyAlert> alerts) {
        return new Message(keyOf(alerts), dumpId, List.copyOf(alerts), null);
    }

    public static Message test(String key, String note) {
        return new Message(key, null, List.of(), note);
    }

    public boolean isDigest() {
        return alerts.size() > 1;
    }

    static String keyOf(List<NotifyAlert> alerts) {
        if (alerts.size() == 1) {
            return alerts.get(0).id();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            alerts.stream().map(NotifyAlert::id).sorted().forEach(id -> sha.update((id + "\n").getBytes(StandardCharsets.UTF_8)));
            return "digest-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
