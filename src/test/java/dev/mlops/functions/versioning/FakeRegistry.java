package dev.mlops.functions.versioning;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AddTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.AddTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ListModelPackagesRequest;
import software.amazon.awssdk.services.sagemaker.model.ListModelPackagesResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.UpdateModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateModelPackageResponse;

/**
 * One model package group held in memory and served through a mocked {@link SageMakerClient}, so tests can
 * replay events against a registry that changes as the function writes to it. Requests are still recorded by
 * the mock for {@code verify} and {@code ArgumentCaptor}s. Thread-safe, for the concurrency tests.
 */
final class FakeRegistry {

    static final String GROUP = "house-prices";
    static final Instant FIRST_REGISTRATION = Instant.parse("2026-01-05T06:00:00Z");

    private final Map<Integer, Map<String, String>> metadata = new ConcurrentSkipListMap<>();
    private final Map<Integer, Map<String, String>> tags = new ConcurrentSkipListMap<>();
    private final Map<Integer, ModelPackageStatus> statuses = new ConcurrentSkipListMap<>();
    private volatile int pageSize = ModelPackageRegistry.PAGE_SIZE;
    private volatile Runnable onList = () -> { };

    static String arn(int number) {
        return "arn:aws:sagemaker:eu-west-1:111122223333:model-package/" + GROUP + "/" + number;
    }

    private static int number(String arn) {
        return Integer.parseInt(arn.substring(arn.lastIndexOf('/') + 1));
    }

    /** A package the training pipeline registered, not versioned yet. */
    FakeRegistry registered(int number, int modelTag, String trigger) {
        return withMetadata(number, Map.of("ModelTag", String.valueOf(modelTag), "TriggerType", trigger));
    }

    /** A package this function already versioned (metadata and tag). */
    FakeRegistry versioned(int number, int modelTag, String trigger, String version) {
        withMetadata(number, Map.of("ModelTag", String.valueOf(modelTag), "TriggerType", trigger,
                "ModelVersion", version));
        tags.put(number, new ConcurrentHashMap<>(Map.of("model-version", version, "project", "mlops")));
        return this;
    }

    FakeRegistry withMetadata(int number, Map<String, String> properties) {
        metadata.put(number, new ConcurrentHashMap<>(properties));
        tags.putIfAbsent(number, new ConcurrentHashMap<>(Map.of("project", "mlops")));
        statuses.put(number, ModelPackageStatus.COMPLETED);
        return this;
    }

    FakeRegistry deleted(int number) {
        metadata.remove(number);
        tags.remove(number);
        statuses.remove(number);
        return this;
    }

    FakeRegistry status(int number, ModelPackageStatus status) {
        statuses.put(number, status);
        return this;
    }

    FakeRegistry pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    /** Runs before every ListModelPackages answer (the concurrency tests hold invocations there). */
    FakeRegistry onList(Runnable hook) {
        this.onList = hook;
        return this;
    }

    String versionOf(int number) {
        return metadata.get(number).get("ModelVersion");
    }

    String tagOf(int number) {
        return tags.get(number).get("model-version");
    }

    Map<String, String> metadataOf(int number) {
        return Map.copyOf(metadata.get(number));
    }

    /** Makes {@code sageMaker} answer from this group; lenient, since each test uses only some calls. */
    FakeRegistry serve(SageMakerClient sageMaker) {
        lenient().when(sageMaker.describeModelPackage(any(DescribeModelPackageRequest.class)))
                .thenAnswer(call -> describe(call.getArgument(0)));
        lenient().when(sageMaker.listModelPackages(any(ListModelPackagesRequest.class)))
                .thenAnswer(call -> list(call.getArgument(0)));
        lenient().when(sageMaker.listTags(any(ListTagsRequest.class)))
                .thenAnswer(call -> listTags(call.getArgument(0)));
        lenient().when(sageMaker.updateModelPackage(any(UpdateModelPackageRequest.class)))
                .thenAnswer(call -> update(call.getArgument(0)));
        lenient().when(sageMaker.addTags(any(AddTagsRequest.class)))
                .thenAnswer(call -> addTags(call.getArgument(0)));
        return this;
    }

    private DescribeModelPackageResponse describe(DescribeModelPackageRequest request) {
        int number = number(request.modelPackageName());
        Map<String, String> properties = metadata.get(number);
        if (properties == null) {
            throw (SageMakerException) SageMakerException.builder().statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException")
                            .errorMessage("ModelPackage " + request.modelPackageName() + " does not exist.").build())
                    .build();
        }
        return DescribeModelPackageResponse.builder()
                .modelPackageName(GROUP)
                .modelPackageGroupName(GROUP)
                .modelPackageVersion(number)
                .modelPackageArn(arn(number))
                .creationTime(FIRST_REGISTRATION.plusSeconds(86_400L * number))
                .modelPackageStatus(statuses.get(number))
                .modelApprovalStatus(ModelApprovalStatus.PENDING_MANUAL_APPROVAL)
                .customerMetadataProperties(Map.copyOf(properties))
                .build();
    }

    private ListModelPackagesResponse list(ListModelPackagesRequest request) {
        onList.run();
        List<ModelPackageSummary> all = new ArrayList<>();
        statuses.forEach((number, status) -> all.add(ModelPackageSummary.builder()
                .modelPackageName(GROUP)
                .modelPackageGroupName(GROUP)
                .modelPackageVersion(number)
                .modelPackageArn(arn(number))
                .creationTime(FIRST_REGISTRATION.plusSeconds(86_400L * number))
                .modelPackageStatus(status)
                .modelApprovalStatus(ModelApprovalStatus.PENDING_MANUAL_APPROVAL)
                .build()));
        int from = request.nextToken() == null ? 0 : Integer.parseInt(request.nextToken().substring("page-".length()));
        int size = Math.min(pageSize, request.maxResults());
        int to = Math.min(all.size(), from + size);
        return ListModelPackagesResponse.builder()
                .modelPackageSummaryList(all.subList(from, to))
                .nextToken(to < all.size() ? "page-" + to : null)
                .build();
    }

    private ListTagsResponse listTags(ListTagsRequest request) {
        List<Tag> list = new ArrayList<>();
        tags.getOrDefault(number(request.resourceArn()), Map.of())
                .forEach((k, v) -> list.add(Tag.builder().key(k).value(v).build()));
        return ListTagsResponse.builder().tags(list).build();
    }

    private UpdateModelPackageResponse update(UpdateModelPackageRequest request) {
        metadata.get(number(request.modelPackageArn())).putAll(request.customerMetadataProperties());
        return UpdateModelPackageResponse.builder().modelPackageArn(request.modelPackageArn()).build();
    }

    private AddTagsResponse addTags(AddTagsRequest request) {
        Map<String, String> current = tags.get(number(request.resourceArn()));
        request.tags().forEach(t -> current.put(t.key(), t.value()));
        return AddTagsResponse.builder().tags(request.tags()).build();
    }
}
