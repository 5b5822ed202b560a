package dev.mlops.delivery.pipeline;

import java.util.Optional;

/**
 * The instances a job runs on: a processing job's {@code ProcessingResources.ClusterConfig} or a training job's
 * {@code ResourceConfig}, which have the same four fields.
 *
 * @param instanceType   usually a pipeline parameter, so an execution can choose a larger instance
 * @param instanceCount  how many instances
 * @param volumeSizeInGb the storage volume attached to each instance
 * @param volumeKmsKeyId the customer-managed key that encrypts that volume
 */
public record ComputeResources(Expr instanceType, int instanceCount, int volumeSizeInGb, Optional<String> volumeKmsKeyId) {

    public ComputeResources {
        Expr.requireType(instanceType, Expr.ValueType.STRING, "InstanceType");
        Constraints.literal(instanceType, v -> Constraints.matches(v, java.util.regex.Pattern.compile("ml\\.[a-z0-9]+\\.[a-z0-9]+"),
                "InstanceType", "a SageMaker instance type such as ml.m5.large"));
        if (instanceCount < 1) {
            throw new IllegalArgumentException("InstanceCount: " + instanceCount + " is not a positive number");
        }
        if (volumeSizeInGb < 1) {
            throw new IllegalArgumentException("VolumeSizeInGB: " + volumeSizeInGb + " is not a positive number");
        }
        volumeKmsKeyId.ifPresent(key -> Constraints.matches(key, Constraints.KMS_KEY_ARN, "VolumeKmsKeyId", "a KMS key ARN"));
    }
}
