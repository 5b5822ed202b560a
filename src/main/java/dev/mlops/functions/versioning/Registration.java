package dev.mlops.functions.versioning;

import java.util.Optional;

/**
 * One model package of a group, as far as versioning is concerned.
 *
 * @param number         SageMaker's {@code ModelPackageVersion}: the registration order within the group
 * @param arn            the model package ARN
 * @param lineage        model tag and trigger, when the package carries valid ones
 * @param lineageProblem why {@code lineage} is empty (present exactly when it is)
 * @param recorded       the {@code ModelVersion} this function already wrote into the package, if any
 */
public record Registration(int number, String arn, Optional<Lineage> lineage, Optional<String> lineageProblem,
                           Optional<ModelVersion> recorded) {

    public Registration {
        if (number < 1) {
            throw new IllegalArgumentException("ModelPackageVersion must be positive, got " + number);
        }
        if (lineage.isPresent() == lineageProblem.isPresent()) {
            throw new IllegalArgumentException("exactly one of lineage and lineageProblem must be present");
        }
    }

    /** A package the training pipeline registered with valid metadata. */
    public static Registration of(int number, String arn, Lineage lineage, Optional<ModelVersion> recorded) {
        return new Registration(number, arn, Optional.of(lineage), Optional.empty(), recorded);
    }

    /** A package whose ModelTag/TriggerType metadata is missing or invalid. */
    public static Registration withoutLineage(int number, String arn, String problem, Optional<ModelVersion> recorded) {
        return new Registration(number, arn, Optional.empty(), Optional.of(problem), recorded);
    }
}
