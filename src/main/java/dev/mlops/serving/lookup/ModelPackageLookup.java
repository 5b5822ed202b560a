package dev.mlops.serving.lookup;

/**
 * Answers which registered packages of a model package group an endpoint should serve: the champion and, if there is
 * one, the challenger (see {@link ChampionChallengerRule}). The real engine asks SageMaker
 * ({@link SageMakerModelPackageLookup}); the offline preview reads a fixture ({@link FixtureModelPackageLookup}) or
 * makes placeholders up ({@link PlaceholderModelPackageLookup}). A pin from settings bypasses all of them
 * ({@link ModelPackagePin}).
 */
public interface ModelPackageLookup {

    /**
     * @param modelPackageGroupName the group's name, e.g. {@code mlops-prod-house-prices}
     * @throws IllegalArgumentException when this source knows nothing of the group (a fixture without it)
     * @throws IllegalStateException    when the registry cannot be asked
     */
    Selection select(String modelPackageGroupName);

    /**
     * The version the versioning function gave a package ({@code V<tag>.<manual>.<auto>}, its customer metadata
     * {@code ModelVersion}), when this source knows it.
     *
     * @throws IllegalStateException when the registry cannot be asked
     */
    default java.util.Optional<String> modelVersion(String modelPackageArn) {
        return java.util.Optional.empty();
    }
}
