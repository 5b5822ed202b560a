package dev.mlops.delivery.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Arguments of a RegisterModel step: a CreateModelPackage request that adds a version to a model package
 * group (no ModelPackageName: the group numbers its versions). Field names and limits follow the API reference
 * (CreateModelPackage, InferenceSpecification, ModelPackageContainerDefinition, ModelMetrics, MetricsSource).
 *
 * @param groupName               {@code ModelPackageGroupName}
 * @param description             {@code ModelPackageDescription}
 * @param containers              {@code InferenceSpecification.Containers}
 * @param contentTypes            {@code InferenceSpecification.SupportedContentTypes}
 * @param responseTypes           {@code InferenceSpecification.SupportedResponseMIMETypes}
 * @param approvalStatus          {@code ModelApprovalStatus}: Approved, Rejected or PendingManualApproval
 * @param modelQualityStatistics  {@code ModelMetrics.ModelQuality.Statistics}
 * @param customerMetadata        {@code CustomerMetadataProperties}
 * @param domain                  {@code Domain}, e.g. MACHINE_LEARNING
 * @param task                    {@code Task}, e.g. REGRESSION
 */
public record ModelPackage(String groupName, Optional<String> description, List<Container> containers, List<String> contentTypes,
                           List<String> responseTypes, Expr approvalStatus, Optional<MetricsSource> modelQualityStatistics,
                           Map<String, Expr> customerMetadata, Optional<String> domain, Optional<String> task) {

    /** The approval states CreateModelPackage accepts. */
    public static final Set<String> APPROVAL_STATUSES = Set.of("Approved", "Rejected", "PendingManualApproval");

    /**
     * One inference container.
     *
     * @param image        {@code Image}: the inference image
     * @param modelDataUrl {@code ModelDataUrl}: the model.tar.gz the training job wrote
     */
    public record Container(Expr image, Expr modelDataUrl) {
        public Container {
            Expr.requireType(image, Expr.ValueType.STRING, "Containers.Image");
            Constraints.literal(image, v -> Constraints.maxLength(v, Constraints.MAX_IMAGE, "Containers.Image"));
            ProcessingJob.checkS3Uri(modelDataUrl, "Containers.ModelDataUrl");
        }
    }

    /**
     * A metrics file ({@code MetricsSource}).
     *
     * @param contentType {@code ContentType}, e.g. application/json
     * @param s3Uri       {@code S3Uri}: the file itself
     */
    public record MetricsSource(String contentType, Expr s3Uri) {
        public MetricsSource {
            Constraints.notBlank(contentType, "MetricsSource.ContentType");
            ProcessingJob.checkS3Uri(s3Uri, "MetricsSource.S3Uri");
        }
    }

    public ModelPackage {
        Constraints.matches(groupName, Constraints.MODEL_PACKAGE_GROUP, "ModelPackageGroupName",
                "1 to 63 letters, digits and hyphens, starting with a letter or digit and not ending in '-'");
        description.ifPresent(d -> Constraints.matches(d, Constraints.ENTITY_DESCRIPTION, "ModelPackageDescription",
                "at most 1024 letters, digits, spaces, symbols and punctuation"));
        containers = List.copyOf(containers);
        Constraints.size(containers, 1, Constraints.MAX_PACKAGE_CONTAINERS, "InferenceSpecification.Containers");
        contentTypes = List.copyOf(contentTypes);
        responseTypes = List.copyOf(responseTypes);
        Constraints.size(contentTypes, 1, 10, "InferenceSpecification.SupportedContentTypes");
        Constraints.size(responseTypes, 1, 10, "InferenceSpecification.SupportedResponseMIMETypes");
        responseTypes.forEach(t -> Constraints.matches(t, java.util.regex.Pattern.compile("[-\\w]+/.+"),
                "SupportedResponseMIMETypes item", "a MIME type such as text/csv"));
        Expr.requireType(approvalStatus, Expr.ValueType.STRING, "ModelApprovalStatus");
        Constraints.literal(approvalStatus, v -> {
            if (!APPROVAL_STATUSES.contains(v)) {
                throw new IllegalArgumentException("ModelApprovalStatus: " + Constraints.quote(v) + " is not one of " + APPROVAL_STATUSES);
            }
        });
        customerMetadata = java.util.Collections.unmodifiableMap(new TreeMap<>(customerMetadata));
        if (!customerMetadata.isEmpty()) {
            Constraints.size(customerMetadata, Constraints.MAX_CUSTOMER_METADATA, "CustomerMetadataProperties");
        }
        customerMetadata.forEach((key, value) -> {
            Constraints.matches(key, Constraints.CUSTOMER_METADATA_KEY, "CustomerMetadataProperties key",
                    "1 to 128 letters, digits, spaces and _ . : / = + - @");
            Expr.requireType(value, Expr.ValueType.STRING, "CustomerMetadataProperties " + key);
            Constraints.literal(value, v -> Constraints.matches(v, Constraints.CUSTOMER_METADATA_VALUE,
                    "CustomerMetadataProperties " + key, "1 to 256 letters, digits, spaces and _ . : / = + - @"));
        });
    }

    /** Every value in the request, for reference checks. */
    List<Expr> values() {
        List<Expr> all = new ArrayList<>();
        containers.forEach(c -> {
            all.add(c.image());
            all.add(c.modelDataUrl());
        });
        all.add(approvalStatus);
        modelQualityStatistics.ifPresent(m -> all.add(m.s3Uri()));
        all.addAll(customerMetadata.values());
        return all;
    }
}
