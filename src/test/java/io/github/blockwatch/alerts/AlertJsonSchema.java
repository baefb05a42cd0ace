package io.github.blockwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The published JSON Schema of an alert ({@value #FILE}), for every test that reads alert JSON: the topic
 * {@code blockwatch.alerts.json}, {@code /api/alerts}, the SSE feed, {@code alerts --format json}. An alert
 * passes when the schema accepts it and it has exactly the fields the schema lists, so neither the code nor
 * the schema can grow a field the other does not know.
 */
public final class AlertJsonSchema {
    /** Relative to the project directory, where surefire and failsafe run. */
    public static final String FILE = "schemas/alert.schema.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SCHEMA_TREE = read(Path.of(FILE));
    private static final Schema SCHEMA =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(SCHEMA_TREE.toString());

    private AlertJsonSchema() {}

    /** Parses one alert and asserts it is valid; returns it for further assertions. */
    public static JsonNode assertValid(String json) {
        try {
            return assertValid(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** Asserts {@code alert} is valid; returns it. */
    public static JsonNode assertValid(JsonNode alert) {
        assertThat(violations(alert)).as("alert %s against %s", alert.path("id").asText(), FILE).isEmpty();
        return alert;
    }

    /** Asserts every element of a JSON array of alerts is valid; returns the array. */
    public static JsonNode assertAllValid(JsonNode alerts) {
        assertThat(alerts.isArray()).as("an array of alerts").isTrue();
        alerts.forEach(AlertJsonSchema::assertValid);
        return alerts;
    }

    /** What is wrong with {@code alert}: schema errors and fields the schema does not list; empty if nothing. */
    public static List<String> violations(JsonNode alert) {
        List<String> problems = new ArrayList<>();
        for (Error error : SCHEMA.validate(alert)) {
            problems.add(error.toString());
        }
        Set<String> listed = new TreeSet<>();
        SCHEMA_TREE.path("properties").fieldNames().forEachRemaining(listed::add);
        alert.fieldNames().forEachRemaining(name -> {
            if (!listed.contains(name)) {
                problems.add("field '" + name + "' is not in " + FILE);
            }
        });
        return problems;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
    }
}
