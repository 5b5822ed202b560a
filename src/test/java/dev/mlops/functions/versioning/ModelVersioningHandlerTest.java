package dev.mlops.functions.versioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.functions.FakeLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AddTagsRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.ListModelPackagesRequest;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageSortBy;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageStatus;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageType;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.UpdateModelPackageRequest;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

@ExtendWith(MockitoExtension.class)
class ModelVersioningHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mock
    SageMakerClient sageMaker;
    @Mock
    Metrics metrics;

    private FakeRegistry group;
    private ModelVersioningHandler handler;

    @BeforeEach
    void setUp() {
        group = new FakeRegistry().serve(sageMaker);
        handler = new ModelVersioningHandler(sageMaker, metrics);
    }

    private JsonNode invoke(byte[] event) {
        return invoke(handler, event);
    }

    private JsonNode invoke(String fixture) {
        return invoke(handler, Events.bytes(fixture));
    }

    private static JsonNode invoke(ModelVersioningHandler handler, byte[] event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, new FakeLambdaContext("mlops-staging-model-versioning", "111122223333", "req-" + System.nanoTime(), 512, 60_000));
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UpdateModelPackageRequest theUpdate() {
        ArgumentCaptor<UpdateModelPackageRequest> update = ArgumentCaptor.forClass(UpdateModelPackageRequest.class);
        verify(sageMaker).updateModelPackage(update.capture());
        return update.getValue();
    }

    private AddTagsRequest theTagging() {
        ArgumentCaptor<AddTagsRequest> tagging = ArgumentCaptor.forClass(AddTagsRequest.class);
        verify(sageMaker).addTags(tagging.capture());
        return tagging.getValue();
    }

    private void verifyNoWrites() {
        verify(sageMaker, never()).updateModelPackage(any(UpdateModelPackageRequest.class));
        verify(sageMaker, never()).addTags(any(AddTagsRequest.class));
    }

    @Nested
    class NewPackages {

        @Test
        void theFirstPackageOfAGroupIsTagDotZeroDotZero() {
            group.registered(1, 1, "code-change");

            JsonNode result = invoke(Events.about(Events.CREATED, 1));

            assertThat(result.path("outcome").asText()).isEqualTo("ASSIGNED");
            assertThat(result.path("modelVersion").asText()).isEqualTo("V1.0.0");
            UpdateModelPackageRequest update = theUpdate();
            assertThat(update.modelPackageArn()).isEqualTo(FakeRegistry.arn(1));
            assertThat(update.customerMetadataProperties()).containsEntry("ModelVersion", "V1.0.0");
            AddTagsRequest tagging = theTagging();
            assertThat(tagging.resourceArn()).isEqualTo(FakeRegistry.arn(1));
            assertThat(tagging.tags()).containsExactly(Tag.builder().key("model-version").value("V1.0.0").build());
        }

        @Test
        void writesTheVersionAlongsideTheLineageMetadataAndBeforeTheTag() {
            group.versioned(1, 1, "code-change", "V1.0.0").registered(2, 1, "scheduled");

            invoke(Events.about(Events.CREATED, 2));

            assertThat(theUpdate().customerMetadataProperties())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("ModelTag", "1", "TriggerType", "scheduled",
                            "ModelVersion", "V1.0.1"));
            InOrder order = inOrder(sageMaker);
            order.verify(sageMaker).updateModelPackage(any(UpdateModelPackageRequest.class));
            order.verify(sageMaker).addTags(any(AddTagsRequest.class));
        }

        @Test
        void theFirstPackageWithANewTagIsTagDotZeroDotZero() {
            group.versioned(1, 1, "code-change", "V1.0.0").versioned(2, 1, "drift", "V1.0.1")
                    .registered(3, 2, "scheduled");

            assertThat(invoke(Events.CREATED).path("modelVersion").asText()).isEqualTo("V2.0.0");
            assertThat(group.versionOf(3)).isEqualTo("V2.0.0");
            assertThat(group.tagOf(3)).isEqualTo("V2.0.0");
        }

        @Test
        void aCodeChangeRaisesTheManualRevisionAndResetsTheAutoRevision() {
            group.versioned(1, 1, "code-change", "V1.0.0").versioned(2, 1, "drift", "V1.0.1")
                    .registered(3, 1, "code-change");

            assertThat(invoke(Events.CREATED).path("modelVersion").asText()).isEqualTo("V1.1.0");
        }

        @ParameterizedTest
        @ValueSource(strings = {"scheduled", "new-data", "drift"})
        void everyKindOfRetrainingRaisesTheAutoRevision(String trigger) {
            group.versioned(1, 1, "code-change", "V1.0.0").versioned(2, 1, "code-change", "V1.1.0")
                    .registered(3, 1, trigger);

            assertThat(invoke(Events.CREATED).path("modelVersion").asText()).isEqualTo("V1.1.1");
        }

        @Test
        void readsOnlyBackToTheNearestVersionedPackageOfTheSameTag() {
            group.versioned(1, 1, "code-change", "V1.0.0").versioned(2, 1, "scheduled", "V1.0.1")
                    .registered(3, 1, "drift");

            invoke(Events.CREATED);

            ArgumentCaptor<DescribeModelPackageRequest> described =
                    ArgumentCaptor.forClass(DescribeModelPackageRequest.class);
            verify(sageMaker, times(2)).describeModelPackage(described.capture());
            assertThat(described.getAllValues()).extracting(DescribeModelPackageRequest::modelPackageName)
                    .containsExactly(FakeRegistry.arn(3), FakeRegistry.arn(2));
        }

        @Test
        void countsTheAssignment() {
            group.registered(1, 1, "code-change");

            invoke(Events.about(Events.CREATED, 1));

            verify(metrics).addMetric("VersionAssigned", 1, MetricUnit.COUNT);
            verify(metrics).addMetadata("modelPackageArn", FakeRegistry.arn(1));
            verify(metrics).captureColdStartMetric(any(com.amazonaws.services.lambda.runtime.Context.class));
            verify(metrics).flush();
        }
    }

    @Nested
    class History {

        @Test
        void listsTheWholeGroupPageByPageInRegistrationOrder() {
            for (int n = 1; n <= 250; n++) {
                group.versioned(n, 1, "scheduled", "V1.0." + (n - 1));
            }
            group.registered(251, 1, "drift").pageSize(100);

            assertThat(invoke(Events.about(Events.CREATED, 251)).path("modelVersion").asText()).isEqualTo("V1.0.250");

            ArgumentCaptor<ListModelPackagesRequest> pages = ArgumentCaptor.forClass(ListModelPackagesRequest.class);
            verify(sageMaker, times(3)).listModelPackages(pages.capture());
            assertThat(pages.getAllValues()).extracting(ListModelPackagesRequest::nextToken)
                    .containsExactly(null, "page-100", "page-200");
            assertThat(pages.getAllValues()).allSatisfy(request -> {
                assertThat(request.modelPackageGroupName()).isEqualTo(FakeRegistry.GROUP);
                assertThat(request.modelPackageType()).isEqualTo(ModelPackageType.VERSIONED);
                assertThat(request.sortBy()).isEqualTo(ModelPackageSortBy.CREATION_TIME);
                assertThat(request.sortOrder()).isEqualTo(SortOrder.ASCENDING);
                assertThat(request.maxResults()).isEqualTo(100);
            });
            verify(sageMaker, times(2)).describeModelPackage(any(DescribeModelPackageRequest.class));
        }

        @Test
        void gapsLeftByDeletedPackagesAdvanceNothing() {
            group.registered(1, 1, "code-change").registered(2, 1, "scheduled").registered(3, 1, "scheduled")
                    .registered(4, 1, "new-data").deleted(2).deleted(3);

            assertThat(invoke(Events.about(Events.CREATED, 4)).path("modelVersion").asText()).isEqualTo("V1.0.1");
        }

        @Test
        void aVersionDeletedInTheMiddleIsNotHandedOutAgain() {
            group.versioned(1, 1, "code-change", "V1.0.0").versioned(2, 1, "drift", "V1.0.1")
                    .versioned(3, 1, "drift", "V1.0.2").registered(4, 1, "drift").deleted(2);

            assertThat(invoke(Events.about(Events.CREATED, 4)).path("modelVersion").asText()).isEqualTo("V1.0.3");
        }

        @Test
        void packagesBeingDeletedAreNotHistory() {
            group.versioned(1, 1, "code-change", "V1.0.0").registered(2, 1, "drift")
                    .status(2, ModelPackageStatus.DELETING).registered(3, 1, "drift");

            assertThat(invoke(Events.CREATED).path("modelVersion").asText()).isEqualTo("V1.0.1");
        }

        @Test
        void aPackageWithoutMetadataInTheHistoryAdvancesNothing() {
            group.versioned(1, 1, "code-change", "V1.0.0").withMetadata(2, Map.of()).registered(3, 1, "drift");

            assertThat(invoke(Events.CREATED).path("modelVersion").asText()).isEqualTo("V1.0.1");
        }
    }

    @Nested
    class RepeatedAndLateEvents {

        @Test
        void aDuplicateEventWritesNothing() {
            group.registered(1, 1, "code-change").registered(2, 1, "new-data");

            JsonNode first = invoke(Events.about(Events.CREATED, 2));
            JsonNode second = invoke(Events.about(Events.CREATED, 2));

            assertThat(first.path("modelVersion").asText()).isEqualTo("V1.0.1");
            assertThat(second.path("modelVersion").asText()).isEqualTo("V1.0.1");
            assertThat(second.path("outcome").asText()).isEqualTo("UNCHANGED");
            verify(sageMaker, times(1)).updateModelPackage(any(UpdateModelPackageRequest.class));
            verify(sageMaker, times(1)).addTags(any(AddTagsRequest.class));
            verify(metrics).addMetric("VersionAssigned", 1, MetricUnit.COUNT);
            verify(metrics).addMetric("VersionUnchanged", 1, MetricUnit.COUNT);
        }

        @Test
        void eventsOutOfOrderGiveTheSameVersionsAsInOrder() {
            group.versioned(1, 1, "code-change", "V1.0.0").registered(2, 1, "scheduled")
                    .registered(3, 1, "code-change").registered(4, 1, "drift");

            invoke(Events.about(Events.CREATED, 4));
            invoke(Events.about(Events.CREATED, 2));
            invoke(Events.about(Events.CREATED, 3));

            assertThat(List.of(group.versionOf(2), group.versionOf(3), group.versionOf(4)))
                    .containsExactly("V1.0.1", "V1.1.0", "V1.1.1");
        }

        @Test
        void anApprovalOfAVersionedPackageWritesNothing() {
            group.versioned(1, 1, "code-change", "V1.0.0").versioned(2, 1, "drift", "V1.0.1")
                    .registered(3, 1, "drift");

            JsonNode result = invoke(Events.APPROVED);

            assertThat(result.path("outcome").asText()).isEqualTo("UNCHANGED");
            assertThat(result.path("modelVersion").asText()).isEqualTo("V1.0.1");
            verifyNoWrites();
            verify(sageMaker, never()).listModelPackages(any(ListModelPackagesRequest.class));
            verify(metrics).addMetric("VersionUnchanged", 1, MetricUnit.COUNT);
        }

        @Test
        void anApprovalOfAPackageThatWasNeverVersionedVersionsIt() {
            group.versioned(1, 1, "code-change", "V1.0.0").registered(2, 1, "drift");

            assertThat(invoke(Events.APPROVED).path("modelVersion").asText()).isEqualTo("V1.0.1");
            assertThat(group.versionOf(2)).isEqualTo("V1.0.1");
        }

        @Test
        void theEventThatTheFunctionsOwnUpdateCausesEndsWithoutWrites() {
            group.registered(1, 1, "code-change");
            invoke(Events.about(Events.CREATED, 1));

            // SageMaker reports the metadata change as another state change of the same package.
            JsonNode echo = invoke(Events.about(Events.APPROVED, 1));

            assertThat(echo.path("outcome").asText()).isEqualTo("UNCHANGED");
            verify(sageMaker, times(1)).updateModelPackage(any(UpdateModelPackageRequest.class));
        }

        @Test
        void aMissingTagIsRewrittenFromTheMetadataAlone() {
            group.registered(1, 1, "code-change")
                    .withMetadata(1, Map.of("ModelTag", "1", "TriggerType", "code-change", "ModelVersion", "V1.0.0"));

            JsonNode result = invoke(Events.about(Events.CREATED, 1));

            assertThat(result.path("outcome").asText()).isEqualTo("TAG_REPAIRED");
            verify(sageMaker, never()).updateModelPackage(any(UpdateModelPackageRequest.class));
            assertThat(theTagging().tags()).containsExactly(Tag.builder().key("model-version").value("V1.0.0").build());
            verify(metrics).addMetric("VersionTagRepaired", 1, MetricUnit.COUNT);
        }
    }

    @Nested
    class Concurrency {

        private final ExecutorService pool = Executors.newFixedThreadPool(2);

        private List<JsonNode> race(byte[] first, byte[] second) throws Exception {
            // Both invocations have listed the group before either writes: the worst interleaving.
            CyclicBarrier bothListed = new CyclicBarrier(2);
            group.onList(() -> {
                try {
                    bothListed.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ModelVersioningHandler other = new ModelVersioningHandler(sageMaker, metrics);
            CompletableFuture<JsonNode> a = CompletableFuture.supplyAsync(() -> invoke(handler, first), pool);
            CompletableFuture<JsonNode> b = CompletableFuture.supplyAsync(() -> invoke(other, second), pool);
            try {
                return List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void twoPackagesRegisteredAtOnceGetConsecutiveVersions() throws Exception {
            group.versioned(1, 1, "code-change", "V1.0.0").registered(2, 1, "scheduled").registered(3, 1, "drift");

            List<JsonNode> results = race(Events.about(Events.CREATED, 2), Events.about(Events.CREATED, 3));

            assertThat(results).extracting(r -> r.path("modelVersion").asText()).containsExactly("V1.0.1", "V1.0.2");
            assertThat(List.of(group.versionOf(2), group.tagOf(2), group.versionOf(3), group.tagOf(3)))
                    .containsExactly("V1.0.1", "V1.0.1", "V1.0.2", "V1.0.2");
        }

        @Test
        void twoEventsForOnePackageWriteTheSameVersion() throws Exception {
            group.versioned(1, 1, "code-change", "V1.0.0").registered(2, 1, "code-change");

            List<JsonNode> results = race(Events.about(Events.CREATED, 2), Events.about(Events.APPROVED, 2));

            assertThat(results).extracting(r -> r.path("modelVersion").asText()).containsOnly("V1.1.0");
            ArgumentCaptor<UpdateModelPackageRequest> updates = ArgumentCaptor.forClass(UpdateModelPackageRequest.class);
            verify(sageMaker, atLeastOnce()).updateModelPackage(updates.capture());
            assertThat(updates.getAllValues()).extracting(u -> u.customerMetadataProperties().get("ModelVersion"))
                    .containsOnly("V1.1.0");
            assertThat(group.versionOf(2)).isEqualTo("V1.1.0");
            assertThat(group.tagOf(2)).isEqualTo("V1.1.0");
        }
    }

    @Nested
    class Skips {

        @Test
        void aPackageWithoutMetadataIsLoggedAndSkippedWithoutWrites() {
            group.versioned(1, 1, "code-change", "V1.0.0").withMetadata(2, Map.of("ModelTag", "1"));

            JsonNode result = invoke(Events.about(Events.CREATED, 2));

            assertThat(result.path("outcome").asText()).isEqualTo("SKIPPED_MISSING_METADATA");
            assertThat(result.path("detail").asText()).isEqualTo("no TriggerType metadata property");
            assertThat(result.has("modelVersion")).isFalse();
            verifyNoWrites();
            verify(metrics).addMetric("VersionSkipped", 1, MetricUnit.COUNT);
            verify(metrics).addMetric("MissingMetadata", 1, MetricUnit.COUNT);
        }

        @Test
        void aPackageOutsideAnyGroupIsSkippedWithoutCalls() {
            JsonNode result = invoke(Events.UNVERSIONED);

            assertThat(result.path("outcome").asText()).isEqualTo("SKIPPED_NOT_IN_GROUP");
            verifyNoInteractions(sageMaker);
            verify(metrics).addMetric("VersionSkipped", 1, MetricUnit.COUNT);
        }

        @Test
        void aPackageBeingDeletedIsSkippedWithoutCalls() {
            assertThat(invoke(Events.DELETING).path("outcome").asText()).isEqualTo("SKIPPED_DELETING");
            verifyNoInteractions(sageMaker);
        }
    }

    @Nested
    class Failures {

        @Test
        void anEventOfAnotherKindFailsAndIsCounted() {
            assertThatThrownBy(() -> invoke(Events.TRAINING_JOB))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SageMaker Training Job State Change");
            verifyNoInteractions(sageMaker);
            verify(metrics).addMetric(ModelVersioningHandler.FAILURE_METRIC, 1, MetricUnit.COUNT);
            verify(metrics).flush();
        }

        @Test
        void aVersionThatALaterPackageAlreadyCarriesIsNotWrittenTwice() {
            // 2 had no metadata when 3 was versioned; someone added it since.
            group.versioned(1, 1, "code-change", "V1.0.0").registered(2, 1, "drift")
                    .versioned(3, 1, "drift", "V1.0.1");

            assertThatThrownBy(() -> invoke(Events.APPROVED))
                    .isInstanceOf(VersioningException.class)
                    .hasMessageContaining("derives V1.0.1")
                    .hasMessageContaining(FakeRegistry.arn(3));
            verifyNoWrites();
            verify(metrics).addMetric(ModelVersioningHandler.FAILURE_METRIC, 1, MetricUnit.COUNT);
        }

        @Test
        void aHandEditedVersionInTheHistoryStopsVersioning() {
            group.withMetadata(1, Map.of("ModelTag", "1", "TriggerType", "drift", "ModelVersion", "1.0"))
                    .registered(2, 1, "drift");

            assertThatThrownBy(() -> invoke(Events.about(Events.CREATED, 2)))
                    .isInstanceOf(VersioningException.class)
                    .hasMessageContaining("'1.0'");
            verifyNoWrites();
        }

        @Test
        void registryErrorsPropagateSoLambdaRetries() {
            assertThatThrownBy(() -> invoke(Events.about(Events.CREATED, 9)))
                    .hasMessageContaining("does not exist");
            verify(metrics).addMetric(ModelVersioningHandler.FAILURE_METRIC, 1, MetricUnit.COUNT);
        }
    }
}
