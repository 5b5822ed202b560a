package dev.mlops.serving.lookup;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ListModelPackagesRequest;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSortBy;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageType;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;

/**
 * Asks the SageMaker model registry, at {@code pulumi up} time: one ListModelPackages listing of the group (all
 * approval statuses, versioned packages only, newest first), read page by page until the latest Approved package,
 * since nothing older can change the answer.
 * <p>
 * Packages whose registration did not complete ({@code ModelPackageStatus} Failed, Deleting, InProgress, Pending)
 * are left out: SageMaker cannot create a model from them. The reason says how many were left out.
 */
public final class SageMakerModelPackageLookup implements ModelPackageLookup {

    // ListModelPackages' MaxResults is 1..100.
    static final int PAGE_SIZE = 100;

    /** The customer metadata property the versioning function writes. */
    static final String MODEL_VERSION_PROPERTY = "ModelVersion";

    private final SageMakerClient sageMaker;

    /** @param sageMaker a client for the registry's region; the caller owns it (and closes it) */
    public SageMakerModelPackageLookup(SageMakerClient sageMaker) {
        this.sageMaker = Objects.requireNonNull(sageMaker, "sageMaker");
    }

    @Override
    public Selection select(String modelPackageGroupName) {
        if (!ModelPackageArn.isGroupName(modelPackageGroupName)) {
            throw new IllegalArgumentException("\"" + modelPackageGroupName + "\" is not a model package group name");
        }
        ListModelPackagesRequest request = ListModelPackagesRequest.builder()
                .modelPackageGroupName(modelPackageGroupName)
                // Without a type, ListModelPackages documents UNVERSIONED as the default; registry versions are VERSIONED.
                .modelPackageType(ModelPackageType.VERSIONED)
                .sortBy(ModelPackageSortBy.CREATION_TIME)
                .sortOrder(SortOrder.DESCENDING)
                .maxResults(PAGE_SIZE)
                .build();
        List<PackageSummary> packages = new ArrayList<>();
        int incomplete = 0;
        try {
            for (ModelPackageSummary s : sageMaker.listModelPackagesPaginator(request).modelPackageSummaryList()) {
                if (s.modelPackageStatus() != null && s.modelPackageStatus() != ModelPackageStatus.COMPLETED) {
                    incomplete++;
                    continue;
                }
                PackageSummary summary = toSummary(s);
                packages.add(summary);
                if (summary.status() == ApprovalStatus.APPROVED) {
                    break; // the champion; everything after it is older
                }
            }
        } catch (SdkException e) {
            throw new IllegalStateException("cannot list the model packages of group " + modelPackageGroupName + ": " + e.getMessage(), e);
        }
        Selection selection = ChampionChallengerRule.select(modelPackageGroupName, packages);
        if (incomplete == 0) {
            return selection;
        }
        return new Selection(selection.championArn(), selection.challengerArn(), false, selection.reason() + " (left out "
                + incomplete + (incomplete == 1 ? " package whose" : " packages whose") + " registration is not Completed)");
    }

    @Override
    public java.util.Optional<String> modelVersion(String modelPackageArn) {
        ModelPackageArn.parse(modelPackageArn);
        try {
            var described = sageMaker.describeModelPackage(b -> b.modelPackageName(modelPackageArn));
            return java.util.Optional.ofNullable(described.customerMetadataProperties().get(MODEL_VERSION_PROPERTY));
        } catch (SdkException e) {
            throw new IllegalStateException("cannot describe model package " + modelPackageArn + ": " + e.getMessage(), e);
        }
    }

    private static PackageSummary toSummary(ModelPackageSummary s) {
        try {
            return new PackageSummary(s.modelPackageArn(), s.modelPackageVersion() == null ? 0 : s.modelPackageVersion(),
                    ApprovalStatus.fromApiName(s.modelApprovalStatusAsString()), s.creationTime());
        } catch (RuntimeException e) {
            throw new IllegalStateException("SageMaker listed a model package this program cannot read ("
                    + s.modelPackageArn() + "): " + e.getMessage(), e);
        }
    }
}
