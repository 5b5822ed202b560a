package dev.mlops.serving.lookup;

import static dev.mlops.serving.lookup.Packages.GROUP;
import static dev.mlops.serving.lookup.Packages.arn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ListModelPackagesRequest;
import software.amazon.awssdk.services.sagemaker.model.ListModelPackagesResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSortBy;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSummary;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageType;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import software.amazon.awssdk.services.sagemaker.paginators.ListModelPackagesIterable;

@ExtendWith(MockitoExtension.class)
class SageMakerModelPackageLookupTest {

    @Mock
    SageMakerClient sageMaker;

    private SageMakerModelPackageLookup lookup;

    @BeforeEach
    void setUp() {
        // The paginator is a default method on the client; answer it the way the SDK does, over the mocked pages.
        // Lenient: it stands in for the SDK's own behaviour, and a test that fails before listing never calls it.
        lenient().when(sageMaker.listModelPackagesPaginator(any(ListModelPackagesRequest.class)))
                .thenAnswer(call -> new ListModelPackagesIterable(sageMaker, call.getArgument(0)));
        lookup = new SageMakerModelPackageLookup(sageMaker);
    }

    private static ModelPackageSummary summary(int version, ModelApprovalStatus approval) {
        return summary(version, approval, ModelPackageStatus.COMPLETED);
    }

    private static ModelPackageSummary summary(int version, ModelApprovalStatus approval, ModelPackageStatus status) {
        return ModelPackageSummary.builder()
                .modelPackageGroupName(GROUP)
                .modelPackageVersion(version)
                .modelPackageArn(arn(version))
                .modelPackageDescription("house prices, trained on curated/house-prices/")
                .creationTime(Packages.START.plusSeconds(3600L * version))
                .modelPackageStatus(status)
                .modelApprovalStatus(approval)
                .build();
    }

    private static ListModelPackagesResponse page(String nextToken, ModelPackageSummary... summaries) {
        return ListModelPackagesResponse.builder().modelPackageSummaryList(Arrays.asList(summaries)).nextToken(nextToken).build();
    }

    @Test
    void listsOnlyThisGroupsVersionedPackagesOfEveryStatusNewestFirst() {
        when(sageMaker.listModelPackages(any(ListModelPackagesRequest.class)))
                .thenReturn(page(null, summary(3, ModelApprovalStatus.PENDING_MANUAL_APPROVAL), summary(2, ModelApprovalStatus.APPROVED)));

        Selection s = lookup.select(GROUP);

        ArgumentCaptor<ListModelPackagesRequest> sent = ArgumentCaptor.forClass(ListModelPackagesRequest.class);
        verify(sageMaker).listModelPackages(sent.capture());
        ListModelPackagesRequest request = sent.getValue();
        assertThat(request.modelPackageGroupName()).isEqualTo(GROUP);
        assertThat(request.modelApprovalStatus()).as("no approval filter: the challenger is not approved").isNull();
        assertThat(request.modelPackageType()).isEqualTo(ModelPackageType.VERSIONED);
        assertThat(request.sortBy()).isEqualTo(ModelPackageSortBy.CREATION_TIME);
        assertThat(request.sortOrder()).isEqualTo(SortOrder.DESCENDING);
        assertThat(request.maxResults()).isBetween(1, 100);
        assertThat(request.nameContains()).isNull();
        assertThat(s.championArn()).contains(arn(2));
        assertThat(s.challengerArn()).contains(arn(3));
        assertThat(s.placeholder()).isFalse();
    }

    @Test
    void readsFurtherPagesUntilTheLatestApprovalAndNoFurther() {
        when(sageMaker.listModelPackages(any(ListModelPackagesRequest.class))).thenReturn(
                page("t1", summary(9, ModelApprovalStatus.REJECTED), summary(8, ModelApprovalStatus.PENDING_MANUAL_APPROVAL)),
                page("t2", summary(7, ModelApprovalStatus.PENDING_MANUAL_APPROVAL), summary(6, ModelApprovalStatus.APPROVED)),
                page(null, summary(5, ModelApprovalStatus.APPROVED)));

        Selection s = lookup.select(GROUP);

        ArgumentCaptor<ListModelPackagesRequest> sent = ArgumentCaptor.forClass(ListModelPackagesRequest.class);
        verify(sageMaker, times(2)).listModelPackages(sent.capture());
        List<ListModelPackagesRequest> requests = sent.getAllValues();
        assertThat(requests.get(0).nextToken()).isNull();
        assertThat(requests.get(1).nextToken()).isEqualTo("t1");
        assertThat(s.championArn()).contains(arn(6));
        assertThat(s.challengerArn()).contains(arn(8));
    }

    @Test
    void anEmptyGroupHasNoChampion() {
        when(sageMaker.listModelPackages(any(ListModelPackagesRequest.class))).thenReturn(page(null));
        Selection s = lookup.select(GROUP);
        assertThat(s.hasChampion()).isFalse();
        assertThat(s.reason()).contains("no model package is registered yet");
    }

    @Test
    void leavesOutPackagesWhoseRegistrationDidNotComplete() {
        when(sageMaker.listModelPackages(any(ListModelPackagesRequest.class))).thenReturn(page(null,
                summary(4, ModelApprovalStatus.PENDING_MANUAL_APPROVAL, ModelPackageStatus.IN_PROGRESS),
                summary(3, ModelApprovalStatus.APPROVED, ModelPackageStatus.FAILED),
                summary(2, ModelApprovalStatus.PENDING_MANUAL_APPROVAL),
                summary(1, ModelApprovalStatus.APPROVED)));
        Selection s = lookup.select(GROUP);
        assertThat(s.championArn()).contains(arn(1));
        assertThat(s.challengerArn()).contains(arn(2));
        assertThat(s.reason()).endsWith("(left out 2 packages whose registration is not Completed)");
    }

    @Test
    void aRegistryErrorNamesTheGroup() {
        when(sageMaker.listModelPackages(any(ListModelPackagesRequest.class))).thenThrow(SageMakerException.builder()
                .message("User is not authorized to perform: sagemaker:ListModelPackages")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").serviceName("SageMaker").build())
                .statusCode(400).build());
        assertThatThrownBy(() -> lookup.select(GROUP)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot list the model packages of group " + GROUP)
                .hasMessageContaining("not authorized");
    }

    @Test
    void rejectsAGroupNameSageMakerWouldReject() {
        assertThatThrownBy(() -> lookup.select("house prices")).isInstanceOf(IllegalArgumentException.class);
    }
}
