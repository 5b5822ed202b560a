package dev.mlops.delivery.pipeline;

import java.util.Optional;

/**
 * The resolved values a model's training pipeline runs against: plain values the caller takes from the other
 * components' outputs once Pulumi has resolved them.
 *
 * @param namePrefix            the stack's naming prefix, e.g. {@code mlops-staging} (pipeline {@code <prefix>-<model>-training})
 * @param region                the stack's region; chooses the built-in image registry
 * @param roleArn               the SageMaker execution role the processing and training jobs run with
 * @param curatedBucket         where the model's training data lives ({@code curated/<data source>/})
 * @param artifactsBucket       where scripts, splits, model artifacts and evaluation reports go
 * @param kmsKeyArn             the customer-managed key of the curated and artifacts buckets; encrypts job volumes and outputs
 * @param vpc                   the private subnets and security groups every job runs in
 * @param modelPackageGroupName the model's package group in the registry
 * @param modelImageRepository  the model's ECR repository URI without a tag, for {@code own-container} models,
 *                              e.g. {@code 111111111111.dkr.ecr.eu-west-1.amazonaws.com/house-prices}
 * @param code                  the digests of this repository's pipeline scripts
 */
public record TrainingPipelineInputs(String namePrefix, String region, String roleArn, String curatedBucket, String artifactsBucket,
                                     String kmsKeyArn, VpcConfig vpc, String modelPackageGroupName,
                                     Optional<String> modelImageRepository, PipelineCode code) {

    private static final java.util.regex.Pattern REPOSITORY_URI = java.util.regex.Pattern.compile(
            "\\d{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[a-z0-9]+(?:[._/-][a-z0-9]+)*");

    public TrainingPipelineInputs {
        Constraints.notBlank(namePrefix, "namePrefix");
        Constraints.matches(region, Constraints.REGION, "region", "an AWS region such as eu-west-1");
        Constraints.matches(roleArn, Constraints.ROLE_ARN, "roleArn", "an IAM role ARN");
        Constraints.matches(curatedBucket, Constraints.BUCKET, "curatedBucket", "an S3 bucket name");
        Constraints.matches(artifactsBucket, Constraints.BUCKET, "artifactsBucket", "an S3 bucket name");
        Constraints.matches(kmsKeyArn, Constraints.KMS_KEY_ARN, "kmsKeyArn", "a KMS key ARN");
        if (vpc == null || code == null) {
            throw new IllegalArgumentException("the training pipeline needs the VPC configuration and the pipeline code digests");
        }
        Constraints.matches(modelPackageGroupName, Constraints.MODEL_PACKAGE_GROUP, "modelPackageGroupName",
                "a model package group name (1 to 63 letters, digits and hyphens)");
        modelImageRepository.ifPresent(uri -> Constraints.matches(uri, REPOSITORY_URI, "modelImageRepository",
                "an ECR repository URI without a tag, such as 111111111111.dkr.ecr.eu-west-1.amazonaws.com/house-prices"));
    }
}
