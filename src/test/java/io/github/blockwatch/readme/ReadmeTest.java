package io.github.blockwatch.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of README.md is run by {@link ReadmeIT} or listed there with the reason it is not: checked
 * here, with the unit tests, so that a README section with a new kind of command fails the build at once.
 */
class ReadmeTest {
    @TempDir
    Path dir;

    @Test
    void shouldRunOrListEveryCommandOfTheReadme() throws IOException {
        Readme readme = Readme.read(Path.of("README.md"));

        List<String> unhandled = new ArrayList<>();
        for (Readme.Example example : readme.examples()) {
            if (!ReadmeIT.NOT_RUN.containsKey(example.command()) && ReadmeIT.phaseOf(example.command()).isEmpty()) {
                unhandled.add(example.toString());
            }
        }
        assertThat(unhandled).as("README commands that ReadmeIT neither runs nor lists in NOT_RUN with a reason").isEmpty();
        assertThat(readme.examples()).extracting(Readme.Example::command)
                .as("NOT_RUN lists commands the README has").containsAll(ReadmeIT.NOT_RUN.keySet())
                .as("the walkthrough").containsAll(ReadmeIT.WALKTHROUGH);
        assertThat(readme.examples().get(0).command()).as("the README's first command").isEqualTo(ReadmeIT.DEMO);
        assertThat(readme.examples().get(1).command()).as("the README's second command").isEqualTo("./test");
        assertThat(readme.examples()).filteredOn(e -> ReadmeIT.phaseOf(e.command()).orElse(null) == ReadmeIT.Phase.API)
                .as("the API table's curl examples").hasSizeGreaterThanOrEqualTo(10);
        assertThat(readme.transcriptUnder("## What the demo shows")).as("the demo's transcript").hasSizeGreaterThan(10);
    }

    @Test
    void shouldReadCommandsTheirOutputAndTheApiTable() throws IOException {
        Path file = Files.writeString(dir.resolve("README.md"), String.join("\n",
                "# Title",
                "```sh",
                "./blockwatch lookup 1.2.3.4   # ask",
                "1.2.3.4 is blocked",
                "  1.2.3.0/24  256 addresses",
                "./blockwatch count data/",
                "```",
                "## API",
                "| endpoint | example |",
                "|---|---|",
                "| `GET /metrics` | `curl -s localhost:8080/metrics \\| grep ^blockwatch_` |",
                "```",
                "./blockwatch not a command here",
                "```",
                ""));

        Readme readme = Readme.read(file);

        assertThat(readme.examples()).extracting(Readme.Example::command).containsExactly(
                "./blockwatch lookup 1.2.3.4", "./blockwatch count data/", "curl -s localhost:8080/metrics | grep ^blockwatch_");
        assertThat(readme.examples().get(0).output()).containsExactly("1.2.3.4 is blocked", "  1.2.3.0/24  256 addresses");
        assertThat(readme.examples().get(2).section()).isEqualTo("API");
    }

    @Test
    void shouldReadAnUnknownProgramAsAFailureNotAsNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("README.md"), "```sh\npython3 -m smtpd\n```\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Readme.read(file))
                .hasMessageContaining("README.md:2: neither a command ReadmeIT knows");
    }
}
