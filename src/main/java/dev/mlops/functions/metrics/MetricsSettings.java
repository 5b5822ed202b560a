package dev.mlops.functions.metrics;

import dev.mlops.functions.gate.GateSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The quality metrics function's configuration, parsed once per container from the environment the Pulumi
 * program sets. Every problem is collected and reported together, each naming its variable.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Meaning</th><th>Default</th></tr>
 *   <tr><td>{@code CAPTURE_BUCKET}</td><td>bucket holding data capture and ground truth</td><td>required</td></tr>
 *   <tr><td>{@code CAPTURE_PREFIX}</td><td>key prefix of the endpoint's data capture destination (the path of
 *       {@code DestinationS3Uri})</td><td>bucket root</td></tr>
 *   <tr><td>{@code GROUND_TRUTH_PREFIX}</td><td>key prefix of the ground-truth uploads</td><td>{@code ground-truth}</td></tr>
 *   <tr><td>{@code ENDPOINT_NAME}</td><td>the monitored endpoint</td><td>required</td></tr>
 *   <tr><td>{@code PRODUCTION_VARIANT}</td><td>the production variant (champion)</td><td>required</td></tr>
 *   <tr><td>{@code SHADOW_VARIANT}</td><td>the shadow variant (challenger)</td><td>none</td></tr>
 *   <tr><td>{@code MODEL_VERSIONS}</td><td>model version served by each variant: {@code variant=version,...}</td><td>required</td></tr>
 *   <tr><td>{@code WINDOW_HOURS}</td><td>whole hours of capture evaluated per run, 1..720</td><td>24</td></tr>
 *   <tr><td>{@code POWERTOOLS_METRICS_NAMESPACE}</td><td>CloudWatch namespace of the metrics</td><td>{@code mlops/ModelQuality}</td></tr>
 * </table>
 * and the promotion gate's variables ({@link GateSettings}).
 */
public record MetricsSettings(String captureBucket, CaptureLayout layout, List<VariantSpec> variants, int windowHours,
                              String namespace, GateSettings gate) {

    public static final String DEFAULT_GROUND_TRUTH_PREFIX = "ground-truth";
    public static final String DEFAULT_NAMESPACE = "mlops/ModelQuality";
    public static final int DEFAULT_WINDOW_HOURS = 24;
    public static final int MAX_WINDOW_HOURS = 720;

    // SageMaker endpoint and variant names; S3 bucket names; CloudWatch namespaces.
    private static final Pattern SAGEMAKER_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]");
    private static final Pattern NAMESPACE = Pattern.compile("[a-zA-Z0-9._#:/\\-]{1,255}");
    // A CloudWatch dimension value: printable ASCII, no whitespace; ',' and '=' separate the list.
    private static final Pattern MODEL_VERSION = Pattern.compile("[\\x21-\\x7E&&[^,=]]{1,256}");

    public MetricsSettings {
        variants = List.copyOf(variants);
    }

    /** The production variant; always configured. */
    public VariantSpec production() {
        return variants.get(0);
    }

    /**
     * Parses the environment.
     *
     * @throws IllegalArgumentException listing every missing or bad variable
     */
    public static MetricsSettings fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String bucket = required(env, "CAPTURE_BUCKET", BUCKET, "an S3 bucket name", problems);
        String capturePrefix = env.getOrDefault("CAPTURE_PREFIX", "");
        String groundTruthPrefix = optional(env, "GROUND_TRUTH_PREFIX", DEFAULT_GROUND_TRUTH_PREFIX);
        if (CaptureLayout.trimSlashes(groundTruthPrefix).isEmpty()) {
            problems.add("GROUND_TRUTH_PREFIX: '" + groundTruthPrefix + "' must name a folder, not the bucket root");
        }
        String endpoint = required(env, "ENDPOINT_NAME", SAGEMAKER_NAME, "a SageMaker endpoint name", problems);
        String production = required(env, "PRODUCTION_VARIANT", SAGEMAKER_NAME, "a SageMaker variant name", problems);
        String shadow = optional(env, "SHADOW_VARIANT", null);
        if (shadow != null && !SAGEMAKER_NAME.matcher(shadow).matches()) {
            problems.add("SHADOW_VARIANT: '" + shadow + "' is not a SageMaker variant name");
        } else if (shadow != null && shadow.equals(production)) {
            problems.add("SHADOW_VARIANT: '" + shadow + "' is also PRODUCTION_VARIANT");
        }
        Map<String, String> versions = modelVersions(env, problems);
        List<VariantSpec> variants = new ArrayList<>();
        if (production != null) {
            variants.add(variant(production, VariantSpec.Role.PRODUCTION, versions, problems));
        }
        if (shadow != null) {
            variants.add(variant(shadow, VariantSpec.Role.SHADOW, versions, problems));
        }
        versions.keySet().stream()
                .filter(name -> !name.equals(production) && !name.equals(shadow))
                .forEach(name -> problems.add("MODEL_VERSIONS: names variant '" + name
                        + "', which is neither PRODUCTION_VARIANT nor SHADOW_VARIANT"));
        int windowHours = windowHours(env, problems);
        String namespace = optional(env, "POWERTOOLS_METRICS_NAMESPACE", DEFAULT_NAMESPACE);
        if (!NAMESPACE.matcher(namespace).matches()) {
            problems.add("POWERTOOLS_METRICS_NAMESPACE: '" + namespace + "' is not a CloudWatch namespace");
        }
        GateSettings gate = GateSettings.parse(env, problems);
        if (gate.enabled() && shadow == null) {
            problems.add("SHADOW_VARIANT: required when GATE_MODE is " + gate.mode().name().toLowerCase()
                    + " (the gate promotes the shadow variant's model)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the quality metrics function's environment is invalid:\n  - "
                    + String.join("\n  - ", problems));
        }
        return new MetricsSettings(bucket, new CaptureLayout(capturePrefix, groundTruthPrefix, endpoint), variants,
                windowHours, namespace, gate);
    }

    private static VariantSpec variant(String name, VariantSpec.Role role, Map<String, String> versions, List<String> problems) {
        String version = versions.get(name);
        if (version == null) {
            problems.add("MODEL_VERSIONS: has no entry for " + role.name().toLowerCase() + " variant '" + name + "'");
            version = "unknown";
        }
        return new VariantSpec(name, role, version);
    }

    private static Map<String, String> modelVersions(Map<String, String> env, List<String> problems) {
        Map<String, String> versions = new LinkedHashMap<>();
        String text = optional(env, "MODEL_VERSIONS", null);
        if (text == null) {
            problems.add("MODEL_VERSIONS: required, e.g. AllTraffic=1.4.0,Shadow=1.5.0");
            return versions;
        }
        for (String entry : text.split(",", -1)) {
            String[] parts = entry.split("=", -1);
            String variant = parts[0].strip();
            String version = parts.length == 2 ? parts[1].strip() : "";
            if (parts.length != 2 || !SAGEMAKER_NAME.matcher(variant).matches() || !MODEL_VERSION.matcher(version).matches()) {
                problems.add("MODEL_VERSIONS: entry '" + entry.strip() + "' is not variant=version"
                        + " (a variant name, and a version of printable characters without spaces, ',' or '=')");
            } else if (versions.put(variant, version) != null) {
                problems.add("MODEL_VERSIONS: variant '" + variant + "' appears twice");
            }
        }
        return versions;
    }

    private static int windowHours(Map<String, String> env, List<String> problems) {
        String text = optional(env, "WINDOW_HOURS", null);
        if (text == null) {
            return DEFAULT_WINDOW_HOURS;
        }
        try {
            int hours = Integer.parseInt(text);
            if (hours >= 1 && hours <= MAX_WINDOW_HOURS) {
                return hours;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problems.add("WINDOW_HOURS: '" + text + "' is not a whole number of hours in 1.." + MAX_WINDOW_HOURS);
        return DEFAULT_WINDOW_HOURS;
    }

    private static String required(Map<String, String> env, String name, Pattern pattern, String what, List<String> problems) {
        String value = optional(env, name, null);
        if (value == null) {
            problems.add(name + ": required (" + what + ")");
        } else if (!pattern.matcher(value).matches()) {
            problems.add(name + ": '" + value + "' is not " + what);
        }
        return value;
    }

    private static String optional(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
