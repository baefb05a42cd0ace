package io.github.blockwatch.notify;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** A channel as the config describes it; {@link Channels} turns it into one that sends. */
public sealed interface ChannelSpec {
    String name();

    /** {@code webhook}, {@code slack}, {@code telegram} or {@code email}. */
    String type();

    /** Where it sends, for people: never a secret (a Slack URL and a bot token are secrets). */
    String target();

    /**
     * A JSON POST of the alerts to {@code url}, signed with HMAC-SHA256 over the body when a secret is set.
     *
     * @param signatureHeader the header that carries {@code sha256=<hex>}
     */
    record Webhook(String name, URI url, Secret secret, String signatureHeader, Map<String, String> headers)
            implements ChannelSpec {
        public String type() {
            return "webhook";
        }

        public String target() {
            return url.getScheme() + "://" + url.getAuthority() + (url.getPath() == null ? "" : url.getPath());
        }
    }

    /** A Slack incoming webhook; its URL is the credential. */
    record Slack(String name, Secret url) implements ChannelSpec {
        public String type() {
            return "slack";
        }

        public String target() {
            return "Slack incoming webhook (URL " + url + ")";
        }
    }

    /** The Telegram Bot API's {@code sendMessage} to one chat. */
    record Telegram(String name, Secret token, String chatId, URI apiUrl) implements ChannelSpec {
        public String type() {
            return "telegram";
        }

        public String target() {
            return "chat " + chatId + " via " + apiUrl.getAuthority() + " (token " + token + ")";
        }
    }

    /** Mail over SMTP. */
    record Email(String name, String host, int port, Security security, String username, Secret password,
                 String from, List<String> to, Map<String, String> properties) implements ChannelSpec {
        public String type() {
            return "email";
        }

        public String target() {
            return String.join(", ", to) + " via " + host + ":" + port + " (" + security.name().toLowerCase() + ")";
        }
    }

    /** How an SMTP connection is protected. */
    enum Security {
        /** Plain connection upgraded with STARTTLS, which must succeed (port 587). */
        STARTTLS,
        /** TLS from the first byte (port 465). */
        SMTPS,
        /** No TLS: only for a relay on the same host. */
        NONE
    }
}
