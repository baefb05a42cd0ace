package io.github.blockwatch.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.blockwatch.Tools;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml is a file docker-compose accepts: {@code docker-compose config} parses and validates it
 * (services, healthcheck conditions, volumes) without a Docker engine, which CI does not have. The stack itself
 * is not started here; ScaleOutIT and SecureClientsIT run what it runs on in-process brokers.
 */
class ComposeFileTest {
    @Test
    void shouldBeAValidComposeFile() throws Exception {
        Process check = new ProcessBuilder(Tools.require("docker-compose", "docker-compose").toString(),
                "-f", "docker-compose.yml", "config", "--quiet").redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(check.waitFor(2, TimeUnit.MINUTES)).as("docker-compose config finished").isTrue();
        assertThat(check.exitValue()).as("docker-compose config: %s", output).isZero();
    }
}
