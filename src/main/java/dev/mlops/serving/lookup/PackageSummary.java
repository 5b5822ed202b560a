package dev.mlops.serving.lookup;

import java.time.Instant;
import java.util.Objects;

/**
 * What the selection rule needs of one registered model package: the fields of a ListModelPackages summary.
 *
 * @param arn       the package's ARN, {@code ...:model-package/<group>/<version>}
 * @param version   its version in the group; the registry hands versions out in the order packages are registered
 * @param status    its approval status
 * @param createdAt when it was registered
 */
public record PackageSummary(String arn, int version, ApprovalStatus status, Instant createdAt) {

    public PackageSummary {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        ModelPackageArn parsed = ModelPackageArn.parse(arn);
        if (parsed.version() != version) {
            throw new IllegalArgumentException("model package " + arn + " is listed as version " + version
                    + " but its ARN ends in version " + parsed.version());
        }
    }

    /** {@code <group>/<version>}, for messages. */
    public String shortName() {
        return ModelPackageArn.parse(arn).shortName();
    }
}
