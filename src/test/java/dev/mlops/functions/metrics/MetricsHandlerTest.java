package dev.mlops.functions.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.functions.gate.PromotionGate;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.joda.time.DateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelApprovalStatus;
import software.amazon.awssdk.services.sagemaker.model.UpdateModelPackageRequest;
import software.amazon.awssdk.services.sagemaker.model.UpdateModelPackageResponse;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/**
 * The whole function over the real S3 protocol (S3Proxy in this JVM), with the EMF output Powertools writes
 * to stdout captured and checked, and Mockito standing in for SageMaker and SNS.
 *
 * <p>Fixtures ({@code src/test/resources/metrics/}): for endpoint {@code house-prices} and a run at
 * 2026-11-23T10:05Z over 2 hours, capture of {@code AllTraffic} in hours 08 and 09 (CSV, JSON and BASE64
 * outputs, a prediction without label, a NaN prediction, a truncated line), of {@code Shadow} in hour 09,
 * a decoy file in hour 07 that must not be read, and labels collected in hour 10 (one unreadable, one not
 * JSON). By hand: AllTraffic errors 0.5, −0.5, 0, −1, −1, 0 (SSE 2.5); Shadow one error of −0.5 (SSE 0.25);
 * labels 3, −0.5, 2, 7, 10, 4 (mean 4.25, SST 69.875).
 */
class MetricsHandlerTest {

    private static final String BUCKET = "mlops-staging-capture";
    private static final String PACKAGE_ARN = "arn:aws:sagemaker:eu-west-1:123456789012:model-package/house-prices/7";
    private static final String TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:mlops-staging-approvals";

    private static InMemoryS3 s3;

    private SageMakerClient sageMaker;
    private SnsClient sns;

    @BeforeAll
    static void startS3() throws Exception {
        EmfOutput.useLambdaEnvironment();
        s3 = InMemoryS3.start();
        s3.createBucket(BUCKET);
        upload("capture-AllTraffic-07.jsonl", "datacapture/house-prices/AllTraffic/2026/11/23/07/decoy.jsonl");
        upload("capture-AllTraffic-08.jsonl", "datacapture/house-prices/AllTraffic/2026/11/23/08/10-15-02-abc.jsonl");
        upload("capture-AllTraffic-09.jsonl", "datacapture/house-prices/AllTraffic/2026/11/23/09/09-01-00-def.jsonl");
        upload("capture-Shadow-09.jsonl", "datacapture/house-prices/Shadow/2026/11/23/09/09-01-00-ghi.jsonl");
        upload("ground-truth-10.jsonl", "ground-truth/house-prices/2026/11/23/10/labels-0001.jsonl");
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    private static void upload(String fixture, String key) throws IOException {
        try (InputStream in = MetricsHandlerTest.class.getResourceAsStream("/metrics/" + fixture)) {
            s3.put(BUCKET, key, in.readAllBytes());
        }
    }

    @BeforeEach
    void mocks() {
        sageMaker = Mockito.mock(SageMakerClient.class);
        sns = Mockito.mock(SnsClient.class);
    }

    private static Map<String, String> environment() {
        return new java.util.HashMap<>(Map.of(
                "CAPTURE_BUCKET", BUCKET,
                "CAPTURE_PREFIX", "datacapture",
                "ENDPOINT_NAME", "house-prices",
                "PRODUCTION_VARIANT", "AllTraffic",
                "SHADOW_VARIANT", "Shadow",
                "MODEL_VERSIONS", "AllTraffic=V1.0.3,Shadow=V1.1.0",
                "WINDOW_HOURS", "2",
                "POWERTOOLS_METRICS_NAMESPACE", "mlops-staging/ModelQuality"));
    }

    private MetricsHandler handler(Map<String, String> env) {
        MetricsSettings settings = MetricsSettings.fromEnvironment(env);
        return new MetricsHandler(settings, s3.client(), sageMaker, sns, MetricsHandler.emfMetrics(settings.namespace()),
                Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    /** The EventBridge scheduled event of the fixture, as the Lambda runtime would hand it over. */
    private static ScheduledEvent scheduledEvent() throws IOException {
        JsonNode json;
        try (InputStream in = MetricsHandlerTest.class.getResourceAsStream("/metrics/scheduled-event.json")) {
            json = new ObjectMapper().readTree(in);
        }
        return new ScheduledEvent()
                .withId(json.path("id").asText())
                .withDetailType(json.path("detail-type").asText())
                .withSource(json.path("source").asText())
                .withAccount(json.path("account").asText())
                .withRegion(json.path("region").asText())
                .withTime(DateTime.parse(json.path("time").asText()))
                .withResources(List.of(json.path("resources").get(0).asText()))
                .withDetail(Map.of());
    }

    private static List<JsonNode> run(MetricsHandler handler, AtomicReference<String> summary) throws IOException {
        ScheduledEvent event = scheduledEvent();
        return EmfOutput.capture(() -> summary.set(handler.handleRequest(event, null)));
    }

    @Test
    void publishesTheQualityOfEachVariantAsEmfMetrics() throws IOException {
        AtomicReference<String> summary = new AtomicReference<>();

        List<JsonNode> documents = run(handler(environment()), summary);

        assertThat(documents).hasSize(3);
        JsonNode champion = EmfOutput.document(documents, "Variant", "AllTraffic");
        assertThat(champion.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText()).isEqualTo("mlops-staging/ModelQuality");
        assertThat(EmfOutput.dimensions(champion)).containsExactly(List.of("Endpoint", "Variant", "ModelVersion"),
                List.of("Endpoint", "Variant"));
        assertThat(champion.path("Endpoint").asText()).isEqualTo("house-prices");
        assertThat(champion.path("ModelVersion").asText()).isEqualTo("V1.0.3");
        assertThat(champion.path("MSE").asDouble()).isCloseTo(2.5 / 6, within(1e-15));
        assertThat(champion.path("RMSE").asDouble()).isCloseTo(Math.sqrt(2.5 / 6), within(1e-15));
        assertThat(champion.path("MAE").asDouble()).isCloseTo(0.5, within(1e-15));
        assertThat(champion.path("R2").asDouble()).isCloseTo(1 - 2.5 / 69.875, within(1e-15));
        assertThat(champion.path("LabelledSamples").asLong()).isEqualTo(6);
        assertThat(champion.path("MissingLabels").asLong()).isEqualTo(1);
        assertThat(champion.path("MalformedRecords").asLong()).isEqualTo(1);
        assertThat(champion.path("NonFiniteValues").asLong()).isEqualTo(1);
        assertThat(EmfOutput.units(champion)).containsOnly(
                Map.entry("MSE", "None"), Map.entry("RMSE", "None"), Map.entry("MAE", "None"), Map.entry("R2", "None"),
                Map.entry("LabelledSamples", "Count"), Map.entry("MissingLabels", "Count"),
                Map.entry("MalformedRecords", "Count"), Map.entry("NonFiniteValues", "Count"));

        JsonNode challenger = EmfOutput.document(documents, "Variant", "Shadow");
        assertThat(challenger.path("ModelVersion").asText()).isEqualTo("V1.1.0");
        assertThat(challenger.path("MSE").asDouble()).isCloseTo(0.25 / 6, within(1e-15));
        assertThat(challenger.path("MAE").asDouble()).isCloseTo(0.5 / 6, within(1e-15));
        assertThat(challenger.path("R2").asDouble()).isCloseTo(1 - 0.25 / 69.875, within(1e-15));
        assertThat(challenger.path("LabelledSamples").asLong()).isEqualTo(6);
        assertThat(challenger.path("MissingLabels").asLong()).isZero();

        JsonNode labels = documents.stream().filter(d -> d.has("GroundTruthLabels")).findFirst().orElseThrow();
        assertThat(EmfOutput.dimensions(labels)).containsExactly(List.of("Endpoint"));
        assertThat(labels.path("GroundTruthLabels").asLong()).isEqualTo(6);
        assertThat(labels.path("MalformedLabels").asLong()).isEqualTo(2);
        assertThat(labels.path("NonFiniteLabels").asLong()).isZero();
        assertThat(labels.path("DuplicateLabels").asLong()).isZero();

        assertThat(summary.get()).isEqualTo("house-prices 2026-11-23T08:00:00Z..2026-11-23T10:00:00Z: "
                + "AllTraffic n=6 RMSE=0.645497; Shadow n=6 RMSE=0.204124");
        verifyNoInteractions(sageMaker, sns);
    }

    @Test
    void leavesOutRSquaredAndErrorsItCannotDefine() throws IOException {
        Map<String, String> env = environment();
        env.put("ENDPOINT_NAME", "no-capture-yet");
        AtomicReference<String> summary = new AtomicReference<>();

        List<JsonNode> documents = run(handler(env), summary);

        JsonNode champion = EmfOutput.document(documents, "Variant", "AllTraffic");
        assertThat(champion.has("MSE")).isFalse();
        assertThat(champion.has("R2")).isFalse();
        assertThat(champion.path("LabelledSamples").asLong()).isZero();
        assertThat(EmfOutput.units(champion)).containsOnlyKeys("LabelledSamples", "MissingLabels", "MalformedRecords", "NonFiniteValues");
        assertThat(summary.get()).endsWith("AllTraffic n=0 RMSE=n/a; Shadow n=0 RMSE=n/a");
    }

    @Test
    void theAutomaticGateApprovesAChallengerThatBeatsTheChampion() throws IOException {
        Map<String, String> env = environment();
        env.put("GATE_MODE", "auto");
        env.put("GATE_MIN_SAMPLES", "5");
        env.put("CHALLENGER_MODEL_PACKAGE_ARN", PACKAGE_ARN);
        when(sageMaker.describeModelPackage(any(DescribeModelPackageRequest.class))).thenReturn(DescribeModelPackageResponse.builder()
                .modelPackageArn(PACKAGE_ARN).modelApprovalStatus(ModelApprovalStatus.PENDING_MANUAL_APPROVAL).build());
        when(sageMaker.updateModelPackage(any(UpdateModelPackageRequest.class))).thenReturn(UpdateModelPackageResponse.builder().build());
        AtomicReference<String> summary = new AtomicReference<>();

        run(handler(env), summary);

        ArgumentCaptor<UpdateModelPackageRequest> update = ArgumentCaptor.forClass(UpdateModelPackageRequest.class);
        verify(sageMaker).updateModelPackage(update.capture());
        assertThat(update.getValue().modelApprovalStatus()).isEqualTo(ModelApprovalStatus.APPROVED);
        assertThat(update.getValue().approvalDescription()).contains("window 2026-11-23T08:00:00Z..2026-11-23T10:00:00Z")
                .contains("challenger Shadow (model V1.1.0) RMSE 0.204124 on 6 samples vs champion AllTraffic (model V1.0.3) "
                        + "RMSE 0.645497 on 6 samples: relative RMSE improvement 68.38% >= margin 5.00%");
        assertThat(summary.get()).endsWith("; gate " + PromotionGate.Outcome.APPROVED);
        verifyNoInteractions(sns);
    }

    @Test
    void theManualGateAsksTheEngineersOnce() throws IOException {
        Map<String, String> env = environment();
        env.put("GATE_MODE", "manual");
        env.put("GATE_MIN_SAMPLES", "5");
        env.put("CHALLENGER_MODEL_PACKAGE_ARN", PACKAGE_ARN);
        env.put("APPROVAL_TOPIC_ARN", TOPIC_ARN);
        when(sageMaker.describeModelPackage(any(DescribeModelPackageRequest.class))).thenReturn(
                DescribeModelPackageResponse.builder().modelPackageArn(PACKAGE_ARN).modelPackageGroupName("house-prices")
                        .modelPackageVersion(7).modelApprovalStatus(ModelApprovalStatus.PENDING_MANUAL_APPROVAL).build(),
                DescribeModelPackageResponse.builder().modelPackageArn(PACKAGE_ARN).modelPackageGroupName("house-prices")
                        .modelPackageVersion(7).modelApprovalStatus(ModelApprovalStatus.PENDING_MANUAL_APPROVAL)
                        .customerMetadataProperties(Map.of(PromotionGate.NOTIFIED_PROPERTY, "2026-11-23T10:05:00Z")).build());
        when(sageMaker.updateModelPackage(any(UpdateModelPackageRequest.class))).thenReturn(UpdateModelPackageResponse.builder().build());
        when(sns.publish(any(PublishRequest.class))).thenReturn(PublishResponse.builder().messageId("m-1").build());
        MetricsHandler handler = handler(env);
        AtomicReference<String> first = new AtomicReference<>();
        AtomicReference<String> second = new AtomicReference<>();

        run(handler, first);
        run(handler, second);

        assertThat(first.get()).endsWith("; gate " + PromotionGate.Outcome.NOTIFIED);
        assertThat(second.get()).endsWith("; gate " + PromotionGate.Outcome.ALREADY_NOTIFIED);
        ArgumentCaptor<PublishRequest> publish = ArgumentCaptor.forClass(PublishRequest.class);
        verify(sns).publish(publish.capture());
        assertThat(publish.getValue().message()).contains("relative RMSE improvement 68.38% >= margin 5.00%");
        ArgumentCaptor<UpdateModelPackageRequest> update = ArgumentCaptor.forClass(UpdateModelPackageRequest.class);
        verify(sageMaker).updateModelPackage(update.capture());
        assertThat(update.getValue().customerMetadataProperties())
                .containsEntry(PromotionGate.NOTIFIED_PROPERTY, "2026-11-23T10:05:00Z");
    }

    @Test
    void theGateWaitsForEnoughSamplesWithoutCallingAws() throws IOException {
        Map<String, String> env = environment();
        env.put("GATE_MODE", "auto");
        env.put("CHALLENGER_MODEL_PACKAGE_ARN", PACKAGE_ARN);
        AtomicReference<String> summary = new AtomicReference<>();

        run(handler(env), summary);

        assertThat(summary.get()).endsWith("; gate " + PromotionGate.Outcome.WAITING_FOR_SAMPLES);
        verify(sageMaker, never()).updateModelPackage(any(UpdateModelPackageRequest.class));
        verifyNoInteractions(sageMaker, sns);
    }

    @Test
    void listsAndStreamsObjectsThroughS3() throws IOException {
        S3ObjectSource source = new S3ObjectSource(s3.client(), BUCKET);

        assertThat(source.keys("datacapture/house-prices/AllTraffic/2026/11/23/"))
                .containsExactly("datacapture/house-prices/AllTraffic/2026/11/23/07/decoy.jsonl",
                        "datacapture/house-prices/AllTraffic/2026/11/23/08/10-15-02-abc.jsonl",
                        "datacapture/house-prices/AllTraffic/2026/11/23/09/09-01-00-def.jsonl");
        try (InputStream in = source.open("ground-truth/house-prices/2026/11/23/10/labels-0001.jsonl")) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"groundTruthData\"");
        }
    }
}
