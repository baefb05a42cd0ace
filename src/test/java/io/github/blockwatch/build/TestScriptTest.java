package io.github.blockwatch.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./test}, the README's test command, knows what the tests run beside blockwatch: it finds what is
 * missing from {@code PATH} (checked here with a {@code PATH} holding only some of the programs) and the Python
 * modules Debian's python3 lacks (here: no python3 at all), and its list
 * names every program a test requires, with the same Debian package the test's own hint names.
 */
class TestScriptTest {
    private static final Path SCRIPT = Path.of("test");
    /** {@code program|package|why} in the script's list. */
    private static final Pattern ENTRY = Pattern.compile("^\\s*\"([^|\"]+)\\|([^|\"]+)\\|[^\"]*\"\\s*$");
    /** {@code Tools.require("program", "package")} in a test. */
    private static final Pattern REQUIRE = Pattern.compile("Tools\\.require\\(\"([^\"]+)\", \"([^\"]+)\"\\)");

    @TempDir
    Path dir;

    @Test
    void shouldListThePackagesOfTheProgramsMissingFromPath() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        // What the script itself needs, and two of the programs the tests run (fakes: only their presence counts).
        for (String tool : List.of("bash", "sort", "dirname")) {
            Files.createSymbolicLink(bin.resolve(tool), which(tool));
        }
        for (String present : List.of("iprange", "kcat")) {
            Files.writeString(bin.resolve(present), "#!/bin/sh\n");
            Files.setPosixFilePermissions(bin.resolve(present), PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        List<String> missing = run(bin, "--list-missing");

        Set<String> expected = new TreeSet<>(packagesByProgram().values());
        expected.remove("iprange");
        expected.remove("kcat");
        assertThat(missing).containsExactlyElementsOf(expected).contains("chromium", "chromium-driver", "curl", "jq", "python3-aiosmtpd");
    }

    @Test
    void shouldNameEveryProgramATestRequiresWithTheSamePackage() throws IOException {
        java.util.Map<String, String> listed = packagesByProgram();
        List<String> required = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/test/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith("TestScriptTest.java")).toList()) { // its own Javadoc shows the call
                Matcher m = REQUIRE.matcher(Files.readString(source, StandardCharsets.UTF_8));
                while (m.find()) {
                    required.add(m.group(1) + " " + m.group(2));
                }
            }
        }

        assertThat(required).as("Tools.require calls in src/test/java").isNotEmpty()
                .contains("iprange iprange", "chromium chromium", "chromedriver chromium-driver", "git git");
        for (String requirement : required) {
            String[] programAndPackage = requirement.split(" ");
            assertThat(listed).as("./test's list, for a test's Tools.require(%s)", requirement)
                    .containsEntry(programAndPackage[0], programAndPackage[1]);
        }
    }

    private static java.util.Map<String, String> packagesByProgram() throws IOException {
        java.util.Map<String, String> packages = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(SCRIPT, StandardCharsets.UTF_8)) {
            Matcher m = ENTRY.matcher(line);
            if (m.matches()) {
                packages.put(m.group(1), m.group(2));
            }
        }
        assertThat(packages).as("the programs listed in ./test").hasSizeGreaterThanOrEqualTo(8);
        return packages;
    }

    private static List<String> run(Path bin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(bin.resolve("bash").toString(), SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", bin.toString());
        // No Python with aiosmtpd either, whatever this machine has.
        builder.environment().put("BLOCKWATCH_TEST_PYTHON", bin.resolve("python3").toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    private static Path which(String tool) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new AssertionError(tool + " is not on PATH");
    }
}
