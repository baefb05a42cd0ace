package io.github.blockwatch.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.Optional;

/**
 * A Slack incoming webhook: {@code POST} of {@code {"text": ...}} in Slack's mrkdwn (title in bold, a bullet
 * per alert, the lookup as a link). Slack answers 200 {@code ok}; 400/403/404/410 (invalid_payload,
 * no_service, channel_is_archived) fail for good; 429 carries {@code Retry-After}.
 */
final class SlackChannel implements Channel {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChannelSpec.Slack spec;
    private final MessageText text;
    private final HttpPoster poster;

    SlackChannel(ChannelSpec.Slack spec, MessageText text, HttpPoster poster) {
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(spec.url().reveal()))
                .header("Content-Type", "application/json; charset=utf-8");
        return poster.post(request, body(message), b -> Optional.empty()).hiding(spec.url());
    }

    byte[] body(Message message) {
        try {
            return JSON.writeValueAsBytes(Map.of("text", mrkdwn(text.render(message))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String mrkdwn(MessageText.Rendered rendered) {
        StringBuilder out = new StringBuilder("*").append(escape(rendered.title())).append('*');
        for (MessageText.Line line : rendered.lines()) {
            out.append("\n• ").append(escape(line.text()));
            if (line.link() != null) {
                out.append(" <").append(line.link()).append("|lookup>");
            }
        }
        if (rendered.more() > 0) {
            out.append("\n… and ").append(rendered.more()).append(" more");
        }
        return out.toString();
    }

    /** The three characters Slack asks to be escaped in text. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
