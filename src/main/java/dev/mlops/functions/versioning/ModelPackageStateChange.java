package dev.mlops.functions.versioning;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The parts of an EventBridge "SageMaker Model Package State Change" event this function uses. SageMaker sends
 * one when a package is created and again whenever it changes (approval status, metadata, ...), possibly several
 * per change; the {@code detail} mirrors {@code DescribeModelPackage} at the time of the change. Only the identity
 * of the package is taken from it: everything versioning decides on is read fresh from the registry.
 *
 * @param eventId        EventBridge's event id, for the logs
 * @param modelPackageArn the package the event is about
 * @param groupName      its model package group; empty for an unversioned package
 * @param status         {@code ModelPackageStatus} at the time of the event, e.g. {@code Completed}
 * @param approvalStatus {@code ModelApprovalStatus} at the time of the event, for the logs
 */
public record ModelPackageStateChange(String eventId, String modelPackageArn, Optional<String> groupName,
                                      Optional<String> status, Optional<String> approvalStatus) {

    public static final String SOURCE = "aws.sagemaker";
    public static final String DETAIL_TYPE = "SageMaker Model Package State Change";

    /**
     * Reads an event.
     *
     * @throws IllegalArgumentException when it is not a model package state change with a package ARN: the
     *                                  EventBridge rule routed something it should not have
     */
    public static ModelPackageStateChange from(JsonNode event) {
        String source = text(event, "source").orElse("");
        String detailType = text(event, "detail-type").orElse("");
        if (!SOURCE.equals(source) || !DETAIL_TYPE.equals(detailType)) {
            throw new IllegalArgumentException("expected an event with source '" + SOURCE + "' and detail-type '"
                    + DETAIL_TYPE + "', got source '" + source + "' and detail-type '" + detailType + "'");
        }
        JsonNode detail = event.path("detail");
        String arn = text(detail, "ModelPackageArn")
                .or(() -> Optional.ofNullable(event.path("resources").path(0).textValue()))
                .filter(a -> a.contains(":model-package/"))
                .orElseThrow(() -> new IllegalArgumentException(
                        "the event names no model package: neither detail.ModelPackageArn nor resources[0] is one"));
        return new ModelPackageStateChange(text(event, "id").orElse("unknown"), arn,
                text(detail, "ModelPackageGroupName"), text(detail, "ModelPackageStatus"),
                text(detail, "ModelApprovalStatus"));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.textValue().isBlank() ? Optional.of(value.textValue()) : Optional.empty();
    }
}
