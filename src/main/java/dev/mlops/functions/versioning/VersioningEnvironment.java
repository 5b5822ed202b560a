package dev.mlops.functions.versioning;

import java.util.Map;
import software.amazon.awssdk.regions.Region;

/**
 * The function's configuration, read once per container from its environment.
 *
 * @param region           {@code AWS_REGION}, set by Lambda: where the model registry is
 * @param metricsNamespace {@code POWERTOOLS_METRICS_NAMESPACE}, the CloudWatch namespace of the EMF metrics
 *                         (default {@value #DEFAULT_METRICS_NAMESPACE})
 */
public record VersioningEnvironment(Region region, String metricsNamespace) {

    public static final String DEFAULT_METRICS_NAMESPACE = "mlops";

    public VersioningEnvironment {
        if (region == null) {
            throw new IllegalArgumentException("region is required");
        }
        if (metricsNamespace == null || metricsNamespace.isBlank()) {
            throw new IllegalArgumentException("metricsNamespace is required");
        }
    }

    /**
     * Parses the environment.
     *
     * @throws IllegalStateException naming the variable, when a required one is missing
     */
    public static VersioningEnvironment from(Map<String, String> env) {
        String region = env.get("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set; Lambda sets it, elsewhere set it to the"
                    + " region of the model registry (e.g. eu-west-1)");
        }
        String namespace = env.getOrDefault("POWERTOOLS_METRICS_NAMESPACE", "");
        return new VersioningEnvironment(Region.of(region.trim()),
                namespace.isBlank() ? DEFAULT_METRICS_NAMESPACE : namespace.trim());
    }
}
