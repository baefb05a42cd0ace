package io.github.blockwatch.bench.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures a pipeline bench run produced, as {@code key=value} lines in the order they were taken
 * ({@code bench/run} and {@link io.github.blockwatch.bench.BenchReport} read them), each also shown on
 * stderr as it comes.
 */
final class Results {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final PrintStream log;

    Results(PrintStream log) {
        this.log = log;
    }

    void put(String key, double value) {
        put(key, String.format(Locale.ROOT, value == Math.rint(value) && Math.abs(value) < 1e15 ? "%.0f" : "%.3f", value));
    }

    void put(String key, String value) {
        values.put(key, value);
        log.println("  " + key + " = " + value);
    }

    void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String text = values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
