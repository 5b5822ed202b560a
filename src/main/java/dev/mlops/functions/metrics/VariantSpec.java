package dev.mlops.functions.metrics;

import java.util.Objects;

/**
 * A variant of the monitored endpoint and the model version it serves (the {@code ModelVersion} dimension).
 *
 * @param name         the endpoint variant name, as in the data capture path
 * @param role         production (the champion) or shadow (the challenger)
 * @param modelVersion the model version the variant serves, as published in the metrics' dimension
 */
public record VariantSpec(String name, Role role, String modelVersion) {

    /** Production variants serve responses; a shadow variant gets a copy of the traffic and is only observed. */
    public enum Role { PRODUCTION, SHADOW }

    public VariantSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(modelVersion, "modelVersion");
    }
}
