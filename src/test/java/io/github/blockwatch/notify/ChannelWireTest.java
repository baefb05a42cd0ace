package io.github.blockwatch.notify;

import io.github.blockwatch.alerts.AlertJsonSchema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.blockwatch.avro.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each HTTP channel against a real local receiver that checks the request as the service documents it:
 * the generic webhook (JSON, HMAC-SHA256 signature, Idempotency-Key), Slack's incoming webhook
 * ({@code {"text"}} in mrkdwn) and Telegram's {@code sendMessage} ({@code /bot<token>/sendMessage}).
 */
class ChannelWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "s3cret-signing-key";

    @TempDir
    Path dir;

    private final NotifyAlert big = TestAlerts.notifyAlert("LARGE_RANGE-00000000000000a1", "34.192.0.0/10", 4_194_304, Severity.CRITICAL);
    private final NotifyAlert small = TestAlerts.notifyAlert("LARGE_RANGE-00000000000000a2", "52.58.0.0/15", 131_072, Severity.LOW);

    private Map<String, Channel> channels(String channelsYaml) throws Exception {
        Files.writeString(dir.resolve("hook.secret"), SECRET + "\n");
        Files.writeString(dir.resolve("notify.yaml"), "dashboard-url: http://127.0.0.1:8080\nchannels:\n" + channelsYaml + "routes: []\n");
        return Channels.open(NotifyConfigReader.read(dir.resolve("notify.yaml"), Map.of("BOT_TOKEN", "123456:ABC-def")::get));
    }

    @Test
    void shouldPostTheWebhookSignedWithTheAlertIdAsIdempotencyKey() throws Exception {
        try (Receiver receiver = Receiver.accepting("")) {
            Channel ops = channels("  ops: {type: webhook, url: \"" + receiver.url("/hook") + "\", secret-file: hook.secret, "
                    + "headers: {X-Team: network}}\n").get("ops");

            assertThat(ops.send(Message.of(TestAlerts.DUMP_2018, List.of(big)))).isInstanceOf(Attempt.Accepted.class);

            Receiver.Request request = receiver.requests().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/hook");
            assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(request.header("Idempotency-Key")).isEqualTo(big.id());
            assertThat(request.header("X-Team")).isEqualTo("network");
            assertThat(request.header("X-Blockwatch-Signature")).isEqualTo("sha256=" + hmac(request.body()));
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.get("key").asText()).isEqualTo(big.id());
            assertThat(body.get("count").asInt()).isEqualTo(1);
            assertThat(body.get("dump").asText()).isEqualTo(TestAlerts.DUMP_2018);
            assertThat(body.get("alerts").get(0)).isEqualTo(JSON.readTree(big.json())); // the alert's own JSON form
            AlertJsonSchema.assertAllValid(body.get("alerts"));
            assertThat(body.get("text").asText()).isEqualTo("""
                    blockwatch CRITICAL LARGE_RANGE
                    • 34.192.0.0/10 newly blocked — Amazon: 4.2 M addresses by Генпрокуратура 27-31-2015/Ид4082-15 (2015-12-04)
                      http://127.0.0.1:8080/?ip=34.192.0.0""");
        }
    }

    @Test
    void shouldPostADigestAsOneRequestWithEveryAlert() throws Exception {
        try (Receiver receiver = Receiver.accepting("")) {
            Channel ops = channels("  ops: {type: webhook, url: \"" + receiver.url("/hook") + "\", secret-file: hook.secret}\n").get("ops");
            Message digest = Message.of(TestAlerts.DUMP_2018, List.of(small, big));

            assertThat(ops.send(digest)).isInstanceOf(Attempt.Accepted.class);
            assertThat(ops.send(Message.of(TestAlerts.DUMP_2018, List.of(big, small)))).isInstanceOf(Attempt.Accepted.class);

            List<Receiver.Request> requests = receiver.requests();
            assertThat(requests.get(0).header("Idempotency-Key")).startsWith("digest-").hasSize(23)
                    .isEqualTo(requests.get(1).header("Idempotency-Key")); // the same alerts, the same key
            JsonNode body = JSON.readTree(requests.get(0).body());
            assertThat(body.get("count").asInt()).isEqualTo(2);
            assertThat(body.get("alerts")).extracting(alert -> alert.get("id").asText()).containsExactly(small.id(), big.id());
            assertThat(body.get("text").asText()).startsWith(
                    "blockwatch: 2 alerts (2 LARGE_RANGE) up to CRITICAL, dump of 2018-05-05T13:25:00Z\n• CRITICAL LARGE_RANGE: 34.192.0.0/10");
        }
    }

    @Test
    void shouldPostSlackItsTextInMrkdwn() throws Exception {
        try (Receiver receiver = Receiver.accepting("ok")) {
            Files.writeString(dir.resolve("slack.url"), receiver.url("/services/T000/B000/XXXX"));
            Channel slack = channels("  chat: {type: slack, url-file: slack.url}\n").get("chat");

            assertThat(slack.send(Message.of(TestAlerts.DUMP_2018, List.of(big)))).isInstanceOf(Attempt.Accepted.class);

            Receiver.Request request = receiver.requests().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/services/T000/B000/XXXX");
            assertThat(request.header("Content-Type")).startsWith("application/json");
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.fieldNames()).toIterable().containsExactly("text");
            assertThat(body.get("text").asText()).isEqualTo("*blockwatch CRITICAL LARGE_RANGE*\n"
                    + "• 34.192.0.0/10 newly blocked — Amazon: 4.2 M addresses by Генпрокуратура 27-31-2015/Ид4082-15 (2015-12-04)"
                    + " <http://127.0.0.1:8080/?ip=34.192.0.0|lookup>");
        }
    }

    @Test
    void shouldFailSlackForGoodOnInvalidPayloadAndNeverShowItsUrl() throws Exception {
        try (Receiver receiver = Receiver.start(n -> Receiver.Answer.of(404, "no_service"))) {
            Files.writeString(dir.resolve("slack.url"), receiver.url("/services/T000/B000/SECRETPART"));
            Channel slack = channels("  chat: {type: slack, url-file: slack.url}\n").get("chat");

            Attempt attempt = slack.send(Message.of(TestAlerts.DUMP_2018, List.of(big)));

            assertThat(attempt).isEqualTo(new Attempt.Failed("HTTP 404: no_service"));
        }
    }

    @Test
    void shouldCallTelegramSendMessageWithTheBotToken() throws Exception {
        try (Receiver receiver = Receiver.accepting("{\"ok\":true,\"result\":{\"message_id\":1}}")) {
            Channel bot = channels("  bot: {type: telegram, token-env: BOT_TOKEN, chat-id: \"-1001234567890\", api-url: \""
                    + receiver.url("") + "\"}\n").get("bot");

            assertThat(bot.send(Message.of(TestAlerts.DUMP_2018, List.of(big, small)))).isInstanceOf(Attempt.Accepted.class);

            Receiver.Request request = receiver.requests().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/bot123456:ABC-def/sendMessage");
            assertThat(request.header("Content-Type")).startsWith("application/json");
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.get("chat_id").asText()).isEqualTo("-1001234567890");
            assertThat(body.get("disable_web_page_preview").asBoolean()).isTrue();
            assertThat(body.has("parse_mode")).isFalse(); // plain text: nothing in an alert needs escaping
            assertThat(body.get("text").asText()).startsWith("blockwatch: 2 alerts (2 LARGE_RANGE) up to CRITICAL")
                    .contains("\n• LOW LARGE_RANGE: 52.58.0.0/15 newly blocked", "http://127.0.0.1:8080/?ip=52.58.0.0");
        }
    }

    @Test
    void shouldReadTelegramsRetryAfterFromItsBodyAndHideTheToken() throws Exception {
        try (Receiver receiver = Receiver.start(n -> Receiver.Answer.of(429,
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\",\"parameters\":{\"retry_after\":7}}"))) {
            Channel bot = channels("  bot: {type: telegram, token-env: BOT_TOKEN, chat-id: 1, api-url: \"" + receiver.url("") + "\"}\n")
                    .get("bot");

            Attempt attempt = bot.send(Message.of(TestAlerts.DUMP_2018, List.of(big)));

            assertThat(attempt).isInstanceOf(Attempt.Retry.class);
            assertThat(((Attempt.Retry) attempt).retryAfter()).hasSeconds(7);
            assertThat(((Attempt.Retry) attempt).reason()).startsWith("HTTP 429").doesNotContain("ABC-def");
        }
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
