package dev.mlops.serving;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one model's endpoint serves, decided before any resource is declared (the registry or the stack this
 * stack promotes from is read once, at program start).
 *
 * @param model       the model's name
 * @param champion    the production variant's package; empty when there is nothing to serve yet (no endpoint)
 * @param challenger  the shadow variant's package, in a shadow stack with a newer package than the champion
 * @param placeholder whether the packages are stand-ins of an offline preview
 * @param source      where the decision came from, for people: the registry, a pin, the promoting stack
 * @param reason      one sentence saying why these packages (or none)
 */
public record ServedModel(String model, Optional<Variant> champion, Optional<Variant> challenger, boolean placeholder,
                          String source, String reason) {

    /** The production variant's name; stable across updates, as deployment guardrails require. */
    public static final String CHAMPION = "champion";
    /** The shadow variant's name. */
    public static final String CHALLENGER = "challenger";

    /**
     * @param name            the variant's name ({@link #CHAMPION} or {@link #CHALLENGER})
     * @param modelPackageArn the versioned package it serves
     * @param modelVersion    the package's {@code V<tag>.<manual>.<auto>}, or {@code package-<n>} when unknown
     */
    public record Variant(String name, String modelPackageArn, String modelVersion) {
        public Variant {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(modelPackageArn, "modelPackageArn");
            Objects.requireNonNull(modelVersion, "modelVersion");
        }
    }

    public ServedModel {
        Objects.requireNonNull(champion, "champion");
        Objects.requireNonNull(challenger, "challenger");
        if (challenger.isPresent() && champion.isEmpty()) {
            throw new IllegalArgumentException(model + ": a challenger needs a champion");
        }
    }

    public boolean hasEndpoint() {
        return champion.isPresent();
    }

    /** Model version per variant name, champion first. */
    public Map<String, String> versions() {
        Map<String, String> versions = new LinkedHashMap<>();
        champion.ifPresent(v -> versions.put(v.name(), v.modelVersion()));
        challenger.ifPresent(v -> versions.put(v.name(), v.modelVersion()));
        return versions;
    }
}
