package dev.mlops.config;

import java.util.Optional;

/**
 * One regression model the platform ships.
 *
 * @param name        lowercase name used in resource names and S3 prefixes, unique per stack
 * @param tag         the {@code Model_Tag} of {@code V<Model_Tag>.<Manual_Revision>.<Auto_Revision>}
 * @param description what the model predicts, shown in the model registry
 */
public record ModelSettings(String name, int tag, Optional<String> description) {
}
