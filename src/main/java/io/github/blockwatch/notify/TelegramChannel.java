package io.github.blockwatch.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Telegram Bot API: {@code POST <api-url>/bot<token>/sendMessage} with
 * {@code {"chat_id", "text", "disable_web_page_preview": true}}, plain text (no parse mode, so nothing in an
 * alert needs escaping), cut to Telegram's 4,096 characters. A 429's wait is in the header or in the body's
 * {@code parameters.retry_after}.
 */
final class TelegramChannel implements Channel {
    static final int MAX_TEXT = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChannelSpec.Telegram spec;
    private final MessageText text;
    private final HttpPoster poster;

    TelegramChannel(ChannelSpec.Telegram spec, MessageText text, HttpPoster poster) {
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
        String base = spec.apiUrl().toString().replaceAll("/+$", "");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/bot" + spec.token().reveal() + "/sendMessage"))
                .header("Content-Type", "application/json; charset=utf-8");
        return poster.post(request, body(message), TelegramChannel::retryAfter).hiding(spec.token());
    }

    byte[] body(Message message) {
        String plain = text.render(message).plain();
        if (plain.length() > MAX_TEXT) {
            plain = plain.substring(0, MAX_TEXT - 1) + "…";
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("chat_id", spec.chatId());
        json.put("text", plain);
        json.put("disable_web_page_preview", true);
        try {
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code {"ok":false,"error_code":429,"parameters":{"retry_after":5}}}. */
    static Optional<Duration> retryAfter(String body) {
        try {
            JsonNode seconds = JSON.readTree(body).path("parameters").path("retry_after");
            return seconds.canConvertToLong() ? Optional.of(Duration.ofSeconds(seconds.asLong())) : Optional.empty();
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
