package dev.mlops.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What verify needs from {@code pulumi stack output --json}: the {@code endpoints} output,
 * <pre>{@code
 * {"house-prices": {"endpointName": "mlops-prod-house-prices-1a2b3c4",
 *                   "endpointConfigName": "mlops-prod-house-prices-config-9f8e7d6",
 *                   "variants": ["champion", "challenger"]}}
 * }</pre>
 * and the {@code region} output.
 *
 * @param endpoints the endpoints, in the file's order
 * @param region    the region output, when there is one
 */
public record StackOutputsFile(List<ExpectedEndpoint> endpoints, Optional<String> region) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "[secret]";

    public StackOutputsFile {
        endpoints = List.copyOf(endpoints);
    }

    /**
     * @throws IllegalArgumentException naming the file and every problem with it
     */
    public static StackOutputsFile read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + " is not JSON stack outputs: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + " is not a JSON object of stack outputs, as `pulumi stack output --json` writes");
        }
        List<String> problems = new ArrayList<>();
        Optional<String> region = Optional.empty();
        JsonNode regionNode = root.get("region");
        if (regionNode != null && !regionNode.isNull()) {
            if (!regionNode.isTextual() || regionNode.asText().isBlank()) {
                problems.add("region: expected a region name such as eu-west-1, found " + regionNode);
            } else if (!regionNode.asText().equals(SECRET)) {
                region = Optional.of(regionNode.asText());
            }
        }
        List<ExpectedEndpoint> endpoints = new ArrayList<>();
        JsonNode endpointsNode = root.get("endpoints");
        if (endpointsNode == null) {
            problems.add("endpoints: the stack has no `endpoints` output (outputs found: " + String.join(", ", names(root)) + ")");
        } else if (endpointsNode.isTextual() && endpointsNode.asText().equals(SECRET)) {
            problems.add("endpoints: is a secret in this file; write it with `pulumi stack output --json --show-secrets`");
        } else if (!endpointsNode.isObject()) {
            problems.add("endpoints: expected an object of model name to {endpointName, endpointConfigName, variants}, found " + endpointsNode);
        } else {
            for (Map.Entry<String, JsonNode> e : endpointsNode.properties()) {
                endpoint(e.getKey(), e.getValue(), problems).ifPresent(endpoints::add);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + " lacks what verify needs:\n  " + String.join("\n  ", problems));
        }
        return new StackOutputsFile(endpoints, region);
    }

    private static Optional<ExpectedEndpoint> endpoint(String model, JsonNode node, List<String> problems) {
        String at = "endpoints." + model;
        if (!node.isObject()) {
            problems.add(at + ": expected {endpointName, endpointConfigName, variants}, found " + node);
            return Optional.empty();
        }
        int before = problems.size();
        String name = text(node, "endpointName", at, problems);
        String config = text(node, "endpointConfigName", at, problems);
        List<String> variants = new ArrayList<>();
        JsonNode list = node.get("variants");
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add(at + ".variants: expected a non-empty list of variant names, e.g. [\"champion\", \"challenger\"]");
        } else {
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isTextual() || list.get(i).asText().isBlank()) {
                    problems.add(at + ".variants[" + i + "]: expected a variant name, found " + list.get(i));
                } else {
                    variants.add(list.get(i).asText());
                }
            }
        }
        return problems.size() > before ? Optional.empty() : Optional.of(new ExpectedEndpoint(model, name, config, variants));
    }

    private static String text(JsonNode node, String field, String at, List<String> problems) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            problems.add(at + "." + field + ": " + (v == null ? "is missing" : "expected a name, found " + v));
            return null;
        }
        if (v.asText().equals(SECRET)) {
            problems.add(at + "." + field + ": is a secret in this file; write it with `pulumi stack output --json --show-secrets`");
            return null;
        }
        return v.asText();
    }

    private static List<String> names(JsonNode root) {
        List<String> names = new ArrayList<>();
        root.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? List.of("none") : names;
    }
}
