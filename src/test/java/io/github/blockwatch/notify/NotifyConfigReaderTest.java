package io.github.blockwatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyConfigReaderTest {
    /** The minimal form issue 16 gives, byte for byte: scripts depend on it. */
    static final String MINIMAL = """
            channels:
              ops: {type: webhook, url: "http://127.0.0.1:9000/hook", secret-file: hook.secret}
            routes:
              - {types: [LARGE_RANGE, UNBLOCKED, WATCHED_BLOCKED, WATCHED_UNBLOCKED], min-severity: LOW, channels: [ops]}
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private NotifyConfig read(String yaml) throws IOException {
        return NotifyConfigReader.read(write("notify.yaml", yaml), Map.of("SLACK_URL", "https://hooks.slack.com/services/T0/B0/xyz",
                "BOT_TOKEN", "123456:ABC-token")::get);
    }

    @Test
    void shouldReadTheMinimalFormAsWritten() throws IOException {
        write("hook.secret", "s3cret-signing-key\n");
        NotifyConfig config = read(MINIMAL);

        assertThat(config.groupId()).isEqualTo("blockwatch-notify");
        assertThat(config.dashboardUrl()).isNull();
        assertThat(config.digest()).isEqualTo(NotifyConfig.DigestSettings.DEFAULT);
        assertThat(config.retry()).isEqualTo(RetryPolicy.DEFAULT);
        var ops = (ChannelSpec.Webhook) config.channels().get("ops");
        assertThat(ops.url()).hasToString("http://127.0.0.1:9000/hook");
        assertThat(ops.secret().reveal()).isEqualTo("s3cret-signing-key"); // the file's newline is not part of the key
        assertThat(ops.signatureHeader()).isEqualTo("X-Blockwatch-Signature");
        assertThat(config.routes()).singleElement().satisfies(route -> {
            assertThat(route.types()).containsExactlyInAnyOrder("LARGE_RANGE", "UNBLOCKED", "WATCHED_BLOCKED", "WATCHED_UNBLOCKED");
            assertThat(route.minSeverity()).isEqualTo(NotifyAlert.Level.LOW);
            assertThat(route.channels()).containsExactly("ops");
        });
    }

    @Test
    void shouldReadEveryChannelTypeAndSelector() throws IOException {
        write("hook.secret", "k");
        write("smtp.password", "mail-pass");
        NotifyConfig config = read("""
                group-id: noc-notify
                dashboard-url: http://127.0.0.1:8080/
                digest: {hold: 10s, max-lines: 5}
                retry: {attempts: 4, backoff: 500ms, max-backoff: 30s, timeout: 5s, max-retry-after: 2m}
                channels:
                  ops: {type: webhook, url: "https://hooks.example.org/blockwatch", secret-file: hook.secret,
                        signature-header: X-Signature, headers: {X-Team: network}}
                  chat: {type: slack, url-env: SLACK_URL}
                  bot: {type: telegram, token-env: BOT_TOKEN, chat-id: -1001234567890, api-url: "http://127.0.0.1:8081"}
                  mail:
                    type: email
                    host: smtp.example.org
                    username: blockwatch
                    password-file: smtp.password
                    from: blockwatch@example.org
                    to: noc@example.org
                    properties: {mail.smtp.ssl.trust: smtp.example.org}
                routes:
                  - {types: [WATCHED_BLOCKED], watchlists: [hetzner], channels: [ops, mail]}
                  - {min-severity: high, owners: [Amazon], asns: [AS16509, 14618], decisions: ["27-31-2015/Ид4082-15"], channels: [chat, bot]}
                """);

        assertThat(config.groupId()).isEqualTo("noc-notify");
        assertThat(config.dashboardUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(config.digest()).isEqualTo(new NotifyConfig.DigestSettings(Duration.ofSeconds(10), 5));
        assertThat(config.retry()).isEqualTo(new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofMinutes(2)));
        assertThat(((ChannelSpec.Webhook) config.channels().get("ops")).headers()).containsEntry("X-Team", "network");
        assertThat(((ChannelSpec.Slack) config.channels().get("chat")).url().reveal()).startsWith("https://hooks.slack.com/");
        var bot = (ChannelSpec.Telegram) config.channels().get("bot");
        assertThat(bot.chatId()).isEqualTo("-1001234567890");
        assertThat(bot.token().reveal()).isEqualTo("123456:ABC-token");
        var mail = (ChannelSpec.Email) config.channels().get("mail");
        assertThat(mail.port()).isEqualTo(587);
        assertThat(mail.security()).isEqualTo(ChannelSpec.Security.STARTTLS);
        assertThat(mail.to()).containsExactly("noc@example.org");
        assertThat(mail.password().reveal()).isEqualTo("mail-pass");
        Route second = config.routes().get(1);
        assertThat(second.minSeverity()).isEqualTo(NotifyAlert.Level.HIGH);
        assertThat(second.asns()).isEqualTo(Set.of(16509L, 14618L));
        assertThat(second.decisions()).containsExactly("27-31-2015/Ид4082-15");
    }

    @Test
    void shouldNameTheFileTheKeyAndWhatIsWrong() throws IOException {
        write("hook.secret", "k");
        String file = dir.resolve("notify.yaml").toString();
        assertThatThrownBy(() -> read(MINIMAL.replace("url: \"http://127.0.0.1:9000/hook\", ", "")))
                .hasMessage(file + ": channels.ops.url: missing");
        assertThatThrownBy(() -> read(MINIMAL.replace("type: webhook", "type: webhok")))
                .hasMessage(file + ": channels.ops.type: unknown channel type 'webhok' (webhook, slack, telegram, email)");
        assertThatThrownBy(() -> read(MINIMAL.replace("min-severity: LOW", "min_severity: LOW")))
                .hasMessageStartingWith(file + ": routes[0].min_severity: unknown key (expected one of types, min-severity,");
        assertThatThrownBy(() -> read(MINIMAL.replace("channels: [ops]", "channels: [opz]")))
                .hasMessage(file + ": routes[0].channels: no channel 'opz' (channels: ops)");
        assertThatThrownBy(() -> read(MINIMAL.replace("LARGE_RANGE,", "LARGE_RANGES,")))
                .hasMessageStartingWith(file + ": routes[0].types: unknown alert type 'LARGE_RANGES' (LARGE_RANGE, SURGE,");
        assertThatThrownBy(() -> read(MINIMAL.replace("LOW", "URGENT")))
                .hasMessage(file + ": routes[0].min-severity: 'URGENT' is not LOW, MEDIUM, HIGH or CRITICAL");
        assertThatThrownBy(() -> read(MINIMAL.replace("hook.secret", "missing.secret")))
                .hasMessage(file + ": channels.ops.secret-file: " + dir.resolve("missing.secret") + ": no such file");
        assertThatThrownBy(() -> read(MINIMAL.replace("http://127.0.0.1:9000/hook", "ftp://x/hook")))
                .hasMessage(file + ": channels.ops.url: 'ftp://x/hook' is not an http:// or https:// URL");
        assertThatThrownBy(() -> read("channels:\n  ops: {type: webhook\n"))
                .hasMessageStartingWith(file + ": not valid YAML (line ");
        assertThatThrownBy(() -> read("routes: []\n")).hasMessage(file + ": channels: missing");
        assertThatThrownBy(() -> read("""
                channels: {chat: {type: slack, url-env: NOT_SET_ANYWHERE}}
                routes: []
                """)).hasMessage(file + ": channels.chat.url-env: environment variable NOT_SET_ANYWHERE is not set");
        assertThatThrownBy(() -> read("""
                channels: {bot: {type: telegram, chat-id: 1}}
                routes: []
                """)).hasMessage(file + ": channels.bot.token-file: missing: give the bot token in token-file or token-env");
        assertThatThrownBy(() -> NotifyConfigReader.read(dir.resolve("nowhere.yaml")))
                .hasMessage(dir.resolve("nowhere.yaml") + ": no such file");
    }

    @Test
    void shouldNeverPutASecretInAMessage() throws IOException {
        write("hook.secret", "k");
        // A wrong key next to a secret given by variable: the message names the key, not the value.
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> read("""
                channels: {chat: {type: slack, url-env: SLACK_URL, colour: red}}
                routes: []
                """));
        assertThat(thrown).isInstanceOf(NotifyConfigException.class).hasMessageNotContaining("hooks.slack.com");
        NotifyConfig config = read("""
                channels: {chat: {type: slack, url-env: SLACK_URL}, bot: {type: telegram, token-env: BOT_TOKEN, chat-id: 7}}
                routes: []
                """);
        for (ChannelSpec spec : config.channels().values()) {
            assertThat(spec.target()).doesNotContain("hooks.slack.com", "ABC-token");
            assertThat(spec.toString()).doesNotContain("hooks.slack.com", "ABC-token");
        }
    }
}
