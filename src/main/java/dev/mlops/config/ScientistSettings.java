package dev.mlops.config;

import java.util.Optional;

/** A data scientist who gets a Studio user profile; {@code userName} is the SageMaker user profile name. */
public record ScientistSettings(String userName, Optional<String> email) {
}
