package dev.mlops.functions.inference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one model's predictions come from.
 *
 * @param model             the model's name in the path, {@code /models/<model>/predictions}
 * @param endpointName      the SageMaker endpoint serving it
 * @param featureCount      how many features one row has, in the order the model was trained on
 * @param versionsByVariant the model version each production variant serves, e.g. {@code champion -> V1.0.2}; the
 *                          response names the version of the variant SageMaker actually invoked
 */
public record ModelRoute(String model, String endpointName, int featureCount, Map<String, String> versionsByVariant) {

    public ModelRoute {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(endpointName, "endpointName");
        if (featureCount < 1) {
            throw new IllegalArgumentException(model + ": a row needs at least one feature, not " + featureCount);
        }
        versionsByVariant = Collections.unmodifiableMap(new LinkedHashMap<>(versionsByVariant));
    }

    /** The version the variant serves, when the configuration names it. */
    public Optional<String> versionOf(String variant) {
        return variant == null ? Optional.empty() : Optional.ofNullable(versionsByVariant.get(variant));
    }
}
