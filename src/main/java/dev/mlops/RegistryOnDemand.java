package dev.mlops;

import dev.mlops.config.AwsTarget;
import dev.mlops.serving.lookup.ModelPackageLookup;
import dev.mlops.serving.lookup.SageMakerModelPackageLookup;
import dev.mlops.serving.lookup.Selection;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The model registry as {@code pulumi up} reads it: SageMaker in the stack's region, with the credentials the
 * engine's AWS provider uses (the {@code aws:profile} or the default chain). The client is built on the first
 * question, so a stack that never asks (it promotes from another stack, or pins every package) needs no access.
 */
final class RegistryOnDemand implements ModelPackageLookup {

    private final AwsTarget target;
    private SageMakerModelPackageLookup lookup;

    RegistryOnDemand(AwsTarget target) {
        this.target = target;
    }

    @Override
    public Selection select(String modelPackageGroupName) {
        return lookup().select(modelPackageGroupName);
    }

    @Override
    public Optional<String> modelVersion(String modelPackageArn) {
        return lookup().modelVersion(modelPackageArn);
    }

    private synchronized SageMakerModelPackageLookup lookup() {
        if (lookup == null) {
            var client = SageMakerClient.builder()
                    .region(Region.of(target.region()))
                    .credentialsProvider(target.profile().<software.amazon.awssdk.auth.credentials.AwsCredentialsProvider>map(
                            ProfileCredentialsProvider::create).orElseGet(DefaultCredentialsProvider::create))
                    .build();
            lookup = new SageMakerModelPackageLookup(client);
        }
        return lookup;
    }
}
