package io.github.blockwatch.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic webhook: a JSON POST of
 * {@code {"key", "text", "dump", "count", "alerts": [each alert's JSON form]}} with headers
 * {@code Idempotency-Key} (the message key: the alert id, or the digest's key), the HMAC-SHA256 of the body
 * under the shared secret as {@code <signature-header>: sha256=<hex>} (as GitHub signs its webhooks), and the
 * configured extra headers.
 */
final class WebhookChannel implements Channel {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChannelSpec.Webhook spec;
    private final MessageText text;
    private final HttpPoster poster;

    WebhookChannel(ChannelSpec.Webhook spec, MessageText text, HttpPoster poster) {
        this.spec = spec;
        this.text = text;
        this.poster = poster;
    }

    @Override
    public ChannelSpec spec() {
        return spec;
    }

    @Override
    public Attempt send(Message message) throws InterruptedException {
        byte[] body = body(message);
        HttpRequest.Builder request = HttpRequest.newBuilder(spec.url())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "blockwatch-notify")
                .header(IDEMPOTENCY_KEY, message.key());
        spec.headers().forEach(request::header);
        if (spec.secret() != null) {
            request.header(spec.signatureHeader(), "sha256=" + hmacSha256(spec.secret(), body));
        }
        return poster.post(request, body, b -> Optional.empty());
    }

    byte[] body(Message message) {
        ObjectNode json = JSON.createObjectNode();
        json.put("key", message.key());
        json.put("text", text.render(message).plain());
        json.put("dump", message.dumpId());
        json.put("count", message.alerts().size());
        ArrayNode alerts = json.putArray("alerts");
        try {
            for (NotifyAlert alert : message.alerts()) {
                alerts.add(JSON.readTree(alert.json()));
            }
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert's JSON form did not parse: " + e.getOriginalMessage(), e);
        }
    }

    /** Hex HMAC-SHA256 of {@code body} under the secret, as the receiver recomputes it. */
    static String hmacSha256(Secret secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
