package io.github.blockwatch.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of JMH's JSON results ({@code -rf json}): the benchmark method, its parameters, the score with
 * its error and unit.
 *
 * @param benchmark e.g. {@code io.github.blockwatch.bench.CoverageBenchmark.lookup}
 */
record JmhResult(String benchmark, Map<String, String> params, double score, double error, String unit) {

    static List<JmhResult> read(Path json) throws IOException {
        List<JmhResult> results = new ArrayList<>();
        for (JsonNode row : new ObjectMapper().readTree(json.toFile())) {
            Map<String, String> params = new LinkedHashMap<>();
            row.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            JsonNode metric = row.path("primaryMetric");
            double error = metric.path("scoreError").asDouble(Double.NaN);
            results.add(new JmhResult(row.path("benchmark").asText(), params, metric.path("score").asDouble(),
                    error, metric.path("scoreUnit").asText()));
        }
        return results;
    }

    /** {@code CoverageBenchmark.lookup}. */
    String shortName() {
        String[] parts = benchmark.split("\\.");
        return parts.length < 2 ? benchmark : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    /** The table size it ran at, or -1 for a benchmark without the {@code ranges} parameter. */
    long ranges() {
        String value = params.get("ranges");
        return value == null ? -1 : Long.parseLong(value);
    }

    /** The series it belongs to: its short name and every parameter but {@code ranges}. */
    String series() {
        StringBuilder s = new StringBuilder(shortName());
        params.forEach((k, v) -> {
            if (!"ranges".equals(k)) {
                s.append(" ").append(k).append('=').append(v);
            }
        });
        return s.toString();
    }

    /** A one-entry delta, timed as operations per second. */
    boolean isDelta() {
        return benchmark.contains("addAndRemove") || benchmark.contains("Delta");
    }

    boolean isLookup() {
        return benchmark.endsWith(".lookup") || benchmark.endsWith(".lookupGeneric");
    }
}
