package dev.mlops.delivery.pipeline;

/**
 * The resolved values a data source's validation and preparation pipeline runs against.
 *
 * @param namePrefix      the stack's naming prefix, e.g. {@code mlops-staging} (pipeline {@code <prefix>-<source>-data})
 * @param region          the stack's region; chooses the built-in image registry
 * @param roleArn         the data-pipeline role the processing jobs run with
 * @param rawBucket       where batches land ({@code <source>/batch=<id>/}), with bookkeeping and quarantine
 * @param curatedBucket   where validated batches are published ({@code <source>/batch=<id>/})
 * @param artifactsBucket where the scripts and the expectations document are uploaded
 * @param rawKeyArn       the raw bucket's key: encrypts the volumes of jobs that hold raw data and their raw outputs
 * @param platformKeyArn  the curated bucket's key: encrypts the published batch
 * @param vpc             the private subnets and security groups every job runs in
 * @param code            the digests of this repository's pipeline scripts
 */
public record DataPipelineInputs(String namePrefix, String region, String roleArn, String rawBucket, String curatedBucket,
                                 String artifactsBucket, String rawKeyArn, String platformKeyArn, VpcConfig vpc, PipelineCode code) {

    public DataPipelineInputs {
        Constraints.notBlank(namePrefix, "namePrefix");
        Constraints.matches(region, Constraints.REGION, "region", "an AWS region such as eu-west-1");
        Constraints.matches(roleArn, Constraints.ROLE_ARN, "roleArn", "an IAM role ARN");
        Constraints.matches(rawBucket, Constraints.BUCKET, "rawBucket", "an S3 bucket name");
        Constraints.matches(curatedBucket, Constraints.BUCKET, "curatedBucket", "an S3 bucket name");
        Constraints.matches(artifactsBucket, Constraints.BUCKET, "artifactsBucket", "an S3 bucket name");
        Constraints.matches(rawKeyArn, Constraints.KMS_KEY_ARN, "rawKeyArn", "a KMS key ARN");
        Constraints.matches(platformKeyArn, Constraints.KMS_KEY_ARN, "platformKeyArn", "a KMS key ARN");
        if (vpc == null || code == null) {
            throw new IllegalArgumentException("the data pipeline needs the VPC configuration and the pipeline code digests");
        }
    }
}
