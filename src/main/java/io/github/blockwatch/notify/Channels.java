package io.github.blockwatch.notify;

import java.util.LinkedHashMap;
import java.util.Map;

/** Makes the channels of a config ready to send. */
public final class Channels {
    private Channels() {}

    public static Map<String, Channel> open(NotifyConfig config) {
        MessageText text = new MessageText(config.dashboardUrl(), config.digest().maxLines());
        HttpPoster poster = new HttpPoster(config.retry().timeout());
        Map<String, Channel> channels = new LinkedHashMap<>();
        config.channels().forEach((name, spec) -> channels.put(name, open(spec, text, poster, config)));
        return channels;
    }

    private static Channel open(ChannelSpec spec, MessageText text, HttpPoster poster, NotifyConfig config) {
        if (spec instanceof ChannelSpec.Webhook webhook) {
            return new WebhookChannel(webhook, text, poster);
        }
        if (spec instanceof ChannelSpec.Slack slack) {
            return new SlackChannel(slack, text, poster);
        }
        if (spec instanceof ChannelSpec.Telegram telegram) {
            return new TelegramChannel(telegram, text, poster);
        }
        return new EmailChannel((ChannelSpec.Email) spec, text, config.retry().timeout());
    }
}
