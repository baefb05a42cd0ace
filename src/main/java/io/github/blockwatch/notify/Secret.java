package io.github.blockwatch.notify;

/**
 * A credential read from a file or an environment variable (a webhook's signing key, a Slack webhook URL,
 * a bot token, an SMTP password). {@link #toString()} never shows it, so it cannot leak into a log line or
 * an error by accident; {@link #reveal()} is called only where it goes on the wire.
 *
 * @param origin where it came from ({@code file hook.secret}, {@code $SLACK_URL}), safe to print
 */
public record Secret(String value, String origin) {

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "secret from " + origin;
    }
}
