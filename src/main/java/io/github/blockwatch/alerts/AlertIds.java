package io.github.blockwatch.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic alert ids: {@code TYPE-} + 16 hex digits of SHA-256 over rule, subject and dump id. The same
 * alert raised twice (a replay, a retried run) has the same id, so consumers can drop duplicates (the
 * notifier sends it as the {@code Idempotency-Key}). {@link AlertBuilder} sets it; the format is an interface.
 */
public final class AlertIds {
    private AlertIds() {}

    /** The id of the alert of {@code type} about {@code subject} (a range, "ipv4", a watchlist…) in dump {@code dumpId}. */
    public static String of(io.github.blockwatch.avro.AlertType type, String subject, String dumpId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] hash = sha.digest((type + "\u001f" + subject + "\u001f" + dumpId).getBytes(StandardCharsets.UTF_8));
            return type + "-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
