package dev.mlops.functions.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The inference function's environment, read once when the container starts. A wrong value stops the function at
 * initialisation with a message naming the variable and the key, rather than failing requests one by one.
 * <ul>
 *   <li>{@code MODELS} (required): JSON, model name to route, e.g.
 *       {@code {"house-prices": {"endpoint": "mlops-prod-house-prices-1a2b3c4", "features": 5,
 *       "versions": {"champion": "V1.0.2", "challenger": "V1.0.3"}}}}</li>
 *   <li>{@code MAX_BODY_BYTES} (default {@value #DEFAULT_MAX_BODY_BYTES}): larger request bodies get a 400</li>
 *   <li>{@code MAX_ROWS} (default {@value #DEFAULT_MAX_ROWS}): rows one request may score</li>
 *   <li>{@code POWERTOOLS_METRICS_NAMESPACE} (default {@value #DEFAULT_NAMESPACE}): the CloudWatch namespace</li>
 * </ul>
 *
 * @param models           model name to route, in the order given
 * @param maxBodyBytes     the largest request body accepted, in bytes after base64 decoding
 * @param maxRows          the most rows one request may hold
 * @param metricsNamespace CloudWatch namespace of the function's metrics
 */
public record InferenceConfig(Map<String, ModelRoute> models, int maxBodyBytes, int maxRows, String metricsNamespace) {

    public static final int DEFAULT_MAX_BODY_BYTES = 65_536;
    public static final int DEFAULT_MAX_ROWS = 100;
    public static final String DEFAULT_NAMESPACE = "mlops";
    // Lambda's synchronous invocation payload limit is 6 MB.
    static final int LARGEST_BODY = 6 * 1024 * 1024;
    static final int MOST_FEATURES = 10_000;

    // Lowercase, as model names are in the stack settings; at most 63 so a model name fits SageMaker names.
    private static final Pattern MODEL_NAME = Pattern.compile("[a-z0-9](?:-?[a-z0-9]){0,62}");
    // SageMaker EndpointName and VariantName: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}
    private static final Pattern SAGEMAKER_NAME = Pattern.compile("[a-zA-Z0-9](?:-*[a-zA-Z0-9]){0,62}");
    // The platform's model versions: V<Model_Tag>.<Manual_Revision>.<Auto_Revision>; package-<n> for a package the
    // versioning function has not versioned (yet), placeholder in an offline preview.
    private static final Pattern VERSION = Pattern.compile("V\\d+\\.\\d+\\.\\d+|package-[1-9]\\d{0,9}|placeholder");
    private static final Set<String> ROUTE_KEYS = Set.of("endpoint", "features", "versions");
    private static final ObjectMapper JSON = new ObjectMapper();

    public InferenceConfig {
        Objects.requireNonNull(metricsNamespace, "metricsNamespace");
        if (models.isEmpty()) {
            throw new IllegalArgumentException("no model to serve");
        }
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    /** The route of {@code model}, when this function serves it. */
    public Optional<ModelRoute> route(String model) {
        return model == null ? Optional.empty() : Optional.ofNullable(models.get(model));
    }

    /**
     * @param env the process environment ({@code System.getenv()})
     * @throws IllegalArgumentException listing every problem, each with the variable (and key) it is in
     */
    public static InferenceConfig fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Map<String, ModelRoute> models = models(env.get("MODELS"), problems);
        int maxBody = integer(env, "MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, 64, LARGEST_BODY, problems);
        int maxRows = integer(env, "MAX_ROWS", DEFAULT_MAX_ROWS, 1, 10_000, problems);
        String namespace = Optional.ofNullable(env.get("POWERTOOLS_METRICS_NAMESPACE")).filter(s -> !s.isBlank()).orElse(DEFAULT_NAMESPACE);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the inference function's environment is wrong:\n  " + String.join("\n  ", problems));
        }
        return new InferenceConfig(models, maxBody, maxRows, namespace);
    }

    private static Map<String, ModelRoute> models(String text, List<String> problems) {
        Map<String, ModelRoute> models = new LinkedHashMap<>();
        String example = "e.g. {\"house-prices\": {\"endpoint\": \"mlops-prod-house-prices-1a2b3c4\", \"features\": 5,"
                + " \"versions\": {\"champion\": \"V1.0.2\"}}}";
        if (text == null || text.isBlank()) {
            problems.add("MODELS: is required: a JSON object of model name to {endpoint, features, versions}, " + example);
            return models;
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add("MODELS: is not JSON: " + e.getOriginalMessage());
            return models;
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            problems.add("MODELS: expected a non-empty JSON object of model name to {endpoint, features, versions}, " + example);
            return models;
        }
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            ModelRoute route = route(e.getKey(), e.getValue(), problems);
            if (route != null) {
                models.put(route.model(), route);
            }
        }
        return models;
    }

    private static ModelRoute route(String model, JsonNode node, List<String> problems) {
        String at = "MODELS." + model;
        int before = problems.size();
        if (!MODEL_NAME.matcher(model).matches()) {
            problems.add(at + ": \"" + model + "\" is not a model name (lowercase letters, digits and single hyphens, at most 63)");
        }
        if (!node.isObject()) {
            problems.add(at + ": expected {\"endpoint\": ..., \"features\": ..., \"versions\": {...}}, found " + node);
            return null;
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!ROUTE_KEYS.contains(key)) {
                problems.add(at + "." + key + ": unknown key; a model has endpoint, features and versions");
            }
        });
        JsonNode endpoint = node.get("endpoint");
        if (endpoint == null || !endpoint.isTextual()) {
            problems.add(at + ".endpoint: " + (endpoint == null ? "is required: the SageMaker endpoint's name" : "expected text, found " + endpoint));
        } else if (!SAGEMAKER_NAME.matcher(endpoint.asText()).matches()) {
            problems.add(at + ".endpoint: \"" + endpoint.asText() + "\" is not a SageMaker endpoint name"
                    + " (1 to 63 letters, digits and hyphens, starting and ending with a letter or digit)");
        }
        JsonNode features = node.get("features");
        if (features == null || !features.isIntegralNumber()) {
            problems.add(at + ".features: " + (features == null ? "is required: how many features a row has" : features + " is not a whole number"));
        } else if (!features.canConvertToInt() || features.asInt() < 1 || features.asInt() > MOST_FEATURES) {
            problems.add(at + ".features: " + features + " is out of range 1.." + MOST_FEATURES);
        }
        Map<String, String> versions = new LinkedHashMap<>();
        JsonNode versionsNode = node.get("versions");
        if (versionsNode == null || !versionsNode.isObject() || versionsNode.isEmpty()) {
            problems.add(at + ".versions: " + (versionsNode == null ? "is required" : "expected a non-empty object")
                    + ": production variant name to model version, e.g. {\"champion\": \"V1.0.2\"}");
        } else {
            versionsNode.properties().forEach(v -> {
                String variantAt = at + ".versions." + v.getKey();
                if (!SAGEMAKER_NAME.matcher(v.getKey()).matches()) {
                    problems.add(variantAt + ": \"" + v.getKey() + "\" is not a SageMaker variant name");
                }
                if (!v.getValue().isTextual() || !VERSION.matcher(v.getValue().asText()).matches()) {
                    problems.add(variantAt + ": " + v.getValue() + " is not a model version such as \"V1.0.2\" (or package-<n>, placeholder)");
                } else {
                    versions.put(v.getKey(), v.getValue().asText());
                }
            });
        }
        return problems.size() > before ? null : new ModelRoute(model, endpoint.asText(), features.asInt(), versions);
    }

    private static int integer(Map<String, String> env, String name, int fallback, int min, int max, List<String> problems) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                problems.add(name + ": " + value + " is out of range " + min + ".." + max);
            }
            return value;
        } catch (NumberFormatException e) {
            problems.add(name + ": \"" + text + "\" is not a whole number");
            return fallback;
        }
    }
}
