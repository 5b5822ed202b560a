package dev.mlops.functions.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;

/**
 * Captures the Embedded Metric Format documents Powertools writes to stdout. Selects the EMF library's
 * Lambda environment (stdout sink) up front, as {@code AWS_EMF_ENVIRONMENT=Lambda} would, so the library
 * never probes for an agent or EC2 metadata during tests.
 */
final class EmfOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EmfOutput() {
    }

    /** Call before the first Powertools metrics instance is created. */
    static void useLambdaEnvironment() {
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
    }

    /** Runs {@code action} with stdout captured and returns the EMF documents written meanwhile. */
    static List<JsonNode> capture(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        List<JsonNode> documents = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                try {
                    documents.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (!line.isBlank()) {
                original.println(line);
            }
        }
        return documents;
    }

    /** The document whose dimension {@code name} has {@code value}. */
    static JsonNode document(List<JsonNode> documents, String name, String value) {
        return documents.stream().filter(d -> value.equals(d.path(name).asText(null))).findFirst()
                .orElseThrow(() -> new AssertionError("no EMF document with " + name + "=" + value + " in " + documents));
    }

    /** Metric name to unit, as declared in the document's metadata. */
    static java.util.Map<String, String> units(JsonNode document) {
        java.util.Map<String, String> units = new java.util.LinkedHashMap<>();
        document.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics")
                .forEach(metric -> units.put(metric.path("Name").asText(), metric.path("Unit").asText()));
        return units;
    }

    /** The dimension sets declared in the document's metadata. */
    static List<List<String>> dimensions(JsonNode document) {
        List<List<String>> sets = new ArrayList<>();
        document.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").forEach(set -> {
            List<String> names = new ArrayList<>();
            set.forEach(name -> names.add(name.asText()));
            sets.add(names);
        });
        return sets;
    }
}
