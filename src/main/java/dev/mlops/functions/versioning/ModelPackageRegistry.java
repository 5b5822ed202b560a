package dev.mlops.functions.versioning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AddTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ListModelPackagesRequest;
import software.amazon.awssdk.services.sagemaker.model.ListModelPackagesResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSortBy;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageType;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.UpdateModelPackageRequest;

/** The SageMaker model registry calls versioning needs, one method per call (pages followed). */
final class ModelPackageRegistry {

    /** ListModelPackages' largest page. */
    static final int PAGE_SIZE = 100;

    private final SageMakerClient sageMaker;

    ModelPackageRegistry(SageMakerClient sageMaker) {
        this.sageMaker = sageMaker;
    }

    DescribeModelPackageResponse describe(String modelPackageArn) {
        return sageMaker.describeModelPackage(DescribeModelPackageRequest.builder()
                .modelPackageName(modelPackageArn)
                .build());
    }

    /** A described package as a registration (its ModelPackageVersion, metadata and recorded version). */
    static Registration registrationOf(DescribeModelPackageResponse described) {
        Integer number = described.modelPackageVersion();
        if (number == null) {
            throw new IllegalStateException("model package " + described.modelPackageArn()
                    + " has no ModelPackageVersion although it is in group " + described.modelPackageGroupName());
        }
        Map<String, String> properties = described.hasCustomerMetadataProperties()
                ? described.customerMetadataProperties() : Map.of();
        return PackageMetadata.read(number, described.modelPackageArn(), properties);
    }

    /**
     * Every package of the group that is not being deleted, in registration order. ModelPackageType must be
     * given: ListModelPackages lists only unversioned packages by default.
     */
    List<ModelPackageSummary> versionsOf(String groupName) {
        List<ModelPackageSummary> versions = new ArrayList<>();
        String nextToken = null;
        do {
            ListModelPackagesResponse page = sageMaker.listModelPackages(ListModelPackagesRequest.builder()
                    .modelPackageGroupName(groupName)
                    .modelPackageType(ModelPackageType.VERSIONED)
                    .sortBy(ModelPackageSortBy.CREATION_TIME)
                    .sortOrder(SortOrder.ASCENDING)
                    .maxResults(PAGE_SIZE)
                    .nextToken(nextToken)
                    .build());
            for (ModelPackageSummary summary : page.modelPackageSummaryList()) {
                if (summary.modelPackageVersion() != null
                        && summary.modelPackageStatus() != ModelPackageStatus.DELETING) {
                    versions.add(summary);
                }
            }
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        // Creation times can tie at millisecond precision; the version number is SageMaker's registration order.
        versions.sort(Comparator.comparing(ModelPackageSummary::modelPackageVersion));
        return versions;
    }

    /** The value of the package's {@code model-version} tag, if it has one. */
    Optional<String> versionTag(String modelPackageArn) {
        String nextToken = null;
        do {
            ListTagsResponse page = sageMaker.listTags(ListTagsRequest.builder()
                    .resourceArn(modelPackageArn)
                    .nextToken(nextToken)
                    .build());
            for (Tag tag : page.tags()) {
                if (PackageMetadata.VERSION_TAG.equals(tag.key())) {
                    return Optional.ofNullable(tag.value());
                }
            }
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        return Optional.empty();
    }

    /**
     * Writes the version into the package's customer metadata (the source of truth). UpdateModelPackage's
     * {@code CustomerMetadataProperties} adds and updates keys (removal is the separate
     * {@code CustomerMetadataPropertiesToRemove}); the package's current properties are sent along all the same,
     * so ModelTag and TriggerType survive even if the call were to replace the whole map.
     */
    void recordVersion(String modelPackageArn, Map<String, String> currentProperties, ModelVersion version) {
        Map<String, String> properties = new TreeMap<>(currentProperties);
        properties.put(PackageMetadata.MODEL_VERSION, version.toString());
        sageMaker.updateModelPackage(UpdateModelPackageRequest.builder()
                .modelPackageArn(modelPackageArn)
                .customerMetadataProperties(properties)
                .build());
    }

    /** Mirrors the version into the package's {@code model-version} tag (AddTags overwrites an existing value). */
    void tagVersion(String modelPackageArn, ModelVersion version) {
        sageMaker.addTags(AddTagsRequest.builder()
                .resourceArn(modelPackageArn)
                .tags(Tag.builder().key(PackageMetadata.VERSION_TAG).value(version.toString()).build())
                .build());
    }
}
