package dev.mlops.delivery;

import java.util.List;
import java.util.Optional;

/**
 * Everything a model's training pipeline definition refers to, resolved: the definition is a JSON document
 * written once these are known.
 *
 * @param region              the stack's region
 * @param roleArn             the training pipeline's role (the pipeline and every job run as it)
 * @param curatedBucket       where the training data is
 * @param artifactsBucket     where code, model artifacts and reports go
 * @param kmsKeyArn           encrypts job volumes and outputs
 * @param subnetIds           private subnets the jobs run in
 * @param securityGroupId     the workloads security group
 * @param modelPackageGroup   where versions are registered
 * @param ownImageRepository  the model's ECR repository URL, for own-container training
 */
public record TrainingInputs(String region, String roleArn, String curatedBucket, String artifactsBucket, String kmsKeyArn,
                             List<String> subnetIds, String securityGroupId, String modelPackageGroup,
                             Optional<String> ownImageRepository) {
    public TrainingInputs {
        subnetIds = List.copyOf(subnetIds);
    }
}
