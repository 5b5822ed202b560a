package dev.mlops.verify;

import java.util.List;
import java.util.Objects;

/**
 * What the stack deployed for one model, from its {@code endpoints} output.
 *
 * @param model              the model's name, the key in {@code endpoints}
 * @param endpointName       the SageMaker endpoint
 * @param endpointConfigName the endpoint configuration the last {@code pulumi up} put on it
 * @param variants           the variants it must have (production and shadow alike), e.g. champion, challenger
 */
public record ExpectedEndpoint(String model, String endpointName, String endpointConfigName, List<String> variants) {

    public ExpectedEndpoint {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(endpointName, "endpointName");
        Objects.requireNonNull(endpointConfigName, "endpointConfigName");
        variants = List.copyOf(variants);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException(model + ": an endpoint needs at least one variant");
        }
    }
}
