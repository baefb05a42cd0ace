package io.github.blockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.notify.Receiver;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blockwatch notify} without a broker: config errors, {@code --check}, {@code --test}. */
class NotifyCommandTest {
    @TempDir
    Path dir;

    private Path config(String url) throws Exception {
        Files.writeString(dir.resolve("hook.secret"), "a-shared-secret-5d2\n");
        return Files.writeString(dir.resolve("notify.yaml"), """
                channels:
                  ops: {type: webhook, url: "%s", secret-file: hook.secret}
                routes:
                  - {types: [LARGE_RANGE, UNBLOCKED, WATCHED_BLOCKED, WATCHED_UNBLOCKED], min-severity: LOW, channels: [ops]}
                """.formatted(url));
    }

    @Test
    void shouldExitTwoWithOneLineOnABadConfig() throws Exception {
        Path yaml = config("http://127.0.0.1:9000/hook");
        Files.writeString(yaml, Files.readString(yaml).replace("min-severity: LOW", "min-severity: SEVERE"));

        CliRun run = CliRun.of("notify", "--config", yaml.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("blockwatch notify: error: " + yaml
                + ": routes[0].min-severity: 'SEVERE' is not LOW, MEDIUM, HIGH or CRITICAL");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldPrintTheCheckedConfigWithoutItsSecret() throws Exception {
        Path yaml = config("http://127.0.0.1:9000/hook");

        CliRun run = CliRun.of("notify", "--config", yaml.toString(), "--check");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).containsExactly(
                yaml + ": 1 channel(s), 1 route(s), group blockwatch-notify, digest hold 30 s, 6 tries per message",
                "  channel ops: webhook http://127.0.0.1:9000/hook",
                "  route 1: LARGE_RANGE, UNBLOCKED, WATCHED_BLOCKED, WATCHED_UNBLOCKED; LOW and up -> ops");
        assertThat(run.out() + run.err()).doesNotContain("a-shared-secret-5d2");
    }

    @Test
    void shouldSendATestMessage() throws Exception {
        try (Receiver receiver = Receiver.accepting("")) {
            Path yaml = config(receiver.url("/hook"));

            CliRun run = CliRun.of("notify", "--config", yaml.toString(), "--test", "ops");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.outLines()).containsExactly("test message delivered to ops (webhook, " + receiver.url("/hook") + ") in 1 try");
            Receiver.Request request = receiver.requests().get(0);
            assertThat(request.header("Idempotency-Key")).startsWith("test-");
            assertThat(request.header("X-Blockwatch-Signature")).startsWith("sha256=");
            assertThat(request.text()).contains("\"text\":\"blockwatch notify: test message to channel ops (webhook) at ");
        }
    }

    @Test
    void shouldSayWhyATestMessageWasRefused() throws Exception {
        try (Receiver receiver = Receiver.start(n -> Receiver.Answer.of(401, "bad signature"))) {
            Path yaml = config(receiver.url("/hook"));

            CliRun run = CliRun.of("notify", "--config", yaml.toString(), "--test", "ops");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.errLines()).containsExactly(
                    "blockwatch notify: error: test message to ops (webhook) not delivered after 1 try: HTTP 401: bad signature");
        }
        CliRun unknown = CliRun.of("notify", "--config", dir.resolve("notify.yaml").toString(), "--test", "pager");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errLines()).containsExactly("blockwatch notify: error: " + dir.resolve("notify.yaml")
                + ": no channel 'pager' (channels: ops)");
    }
}
