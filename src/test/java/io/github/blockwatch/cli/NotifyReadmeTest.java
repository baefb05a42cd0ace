package io.github.blockwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.notify.NotifyConfig;
import io.github.blockwatch.notify.NotifyConfigReader;
import io.github.blockwatch.notify.Receiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Get told" notify.yaml, as printed there, with the secrets its commands create. */
class NotifyReadmeTest {
    @TempDir
    Path dir;

    private String readmeConfig() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Get told"));
        int start = section.indexOf("```yaml\n") + "```yaml\n".length();
        return section.substring(start, section.indexOf("```\n", start));
    }

    private Path writeWithSecrets(String yaml) throws Exception {
        Files.writeString(dir.resolve("hook.secret"), "9f2c7e\n");
        Files.writeString(dir.resolve("slack.url"), "https://hooks.slack.com/services/T000/B000/XXXX\n");
        Files.writeString(dir.resolve("smtp.password"), "change-me\n");
        return Files.writeString(dir.resolve("notify.yaml"), yaml);
    }

    @Test
    void shouldAcceptTheReadmeConfigWithEveryChannelType() throws Exception {
        Path yaml = writeWithSecrets(readmeConfig());

        NotifyConfig config = NotifyConfigReader.read(yaml, Map.of("TELEGRAM_BOT_TOKEN", "123456:ABC-change-me")::get);

        assertThat(config.channels().values()).extracting(c -> c.type()).containsExactly("webhook", "slack", "telegram", "email");
        assertThat(config.routes()).hasSize(6);
        assertThat(config.dashboardUrl()).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void shouldSendTheReadmesTestMessageToOps() throws Exception {
        try (Receiver receiver = Receiver.accepting("")) {
            // The README's receiver listens on 9000; here on a free port. Telegram's token by file, as the
            // environment cannot be set from a test.
            Path yaml = writeWithSecrets(readmeConfig().replace("http://127.0.0.1:9000/hook", receiver.url("/hook"))
                    .replace("token-env: TELEGRAM_BOT_TOKEN", "token-file: slack.url"));

            CliRun check = CliRun.of("notify", "--config", yaml.toString(), "--check");
            CliRun test = CliRun.of("notify", "--config", yaml.toString(), "--test", "ops");

            assertThat(check.exitCode()).as(check.err()).isZero();
            assertThat(check.outLines()).hasSize(1 + 4 + 6);
            assertThat(test.exitCode()).as(test.err()).isZero();
            assertThat(receiver.requests()).singleElement().satisfies(r -> assertThat(r.header("X-Team")).isEqualTo("network"));
        }
    }
}
