package dev.mlops.ingestion;

import static dev.mlops.testing.IamEvaluator.Decision.ALLOW;
import static dev.mlops.testing.IamEvaluator.Decision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.delivery.pipeline.DataPipeline;
import dev.mlops.offline.ResourceState;
import dev.mlops.testing.IamEvaluator;
import dev.mlops.testing.Policies;
import dev.mlops.testing.Previews;
import dev.mlops.testing.Resources;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The data engineers' pipelines as both stacks deploy them: one SageMaker pipeline per data source, run as the
 * data-pipeline role on the source's schedule, with retries and a dead-letter queue for runs that never start.
 */
class DataPipelinesTest {

    private static final String PIPELINE = "aws:sagemaker/pipeline:Pipeline";
    private static final String SCHEDULE = "aws:scheduler/schedule:Schedule";

    private static String account(String stack) {
        return stack.equals("prod") ? "222222222222" : "111111111111";
    }

    @SuppressWarnings("unchecked")
    private static String bucket(String stack, String dataClass) {
        return ((Map<String, String>) Previews.of(stack).preview().outputs().values().get("dataBuckets")).get(dataClass);
    }

    private static String output(String stack, String name) {
        return (String) Previews.of(stack).preview().outputs().values().get(name);
    }

    private static ResourceState pipeline(Resources r, String stack) {
        return r.one(PIPELINE, "mlops-" + stack + "-ingestion-house-sales");
    }

    private static ResourceState queue(Resources r, String stack) {
        return r.one("aws:sqs/queue:Queue", "mlops-" + stack + "-ingestion-dead-letters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void eachSourceHasAnExplicitlyNamedPipelineRunAsTheDataPipelineRole(String stack) {
        Resources r = Previews.resources(stack);
        assertThat(r.matching(x -> x.type().equals(PIPELINE) && x.parent().contains("mlops:ingestion:DataPipelines"))).hasSize(1);
        ResourceState pipeline = pipeline(r, stack);
        assertThat(pipeline.input("pipelineName").asText()).isEqualTo("mlops-" + stack + "-house-sales-data")
                .matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}");
        String role = r.one("aws:iam/role:Role", "mlops-" + stack + "-access-data-pipeline-role").input("name").asText();
        assertThat(pipeline.input("roleArn").asText()).isEqualTo("arn:aws:iam::" + account(stack) + ":role/" + role);
        JsonNode definition = Resources.documentOf(pipeline.input("pipelineDefinition").asText());
        assertThat(definition.path("Steps")).allSatisfy(step -> {
            if (step.path("Arguments").has("RoleArn")) {
                assertThat(step.path("Arguments").path("RoleArn").asText()).isEqualTo(pipeline.input("roleArn").asText());
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void batchesLandInRawUnderTheRawKeyAndArePublishedToCurated(String stack) {
        String definition = pipeline(Previews.resources(stack), stack).input("pipelineDefinition").asText();
        JsonNode steps = Resources.documentOf(definition).path("Steps");
        JsonNode ingest = StreamSupport.stream(steps.spliterator(), false).filter(s -> s.path("Name").asText().equals(DataPipeline.INGEST))
                .findFirst().orElseThrow();
        assertThat(ingest.path("Arguments").path("ProcessingOutputConfig").path("Outputs").get(0).path("S3Output").path("S3Uri").asText())
                .isEqualTo("s3://" + bucket(stack, "raw") + "/house-sales");
        assertThat(ingest.path("Arguments").path("ProcessingOutputConfig").path("KmsKeyId").asText()).isEqualTo(output(stack, "rawKeyArn"));
        assertThat(definition).contains("s3://" + bucket(stack, "curated") + "/house-sales")
                .contains("s3://" + bucket(stack, "artifacts") + "/pipeline-config/house-sales/")
                .doesNotContain(bucket(stack, "capture"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theExpectationsAreUploadedEncryptedBeforeThePipelineExists(String stack) {
        Resources r = Previews.resources(stack);
        ResourceState expectations = r.one("aws:s3/bucketObjectv2:BucketObjectv2", "mlops-" + stack + "-ingestion-house-sales-expectations");
        assertThat(expectations.input("bucket").asText()).isEqualTo(bucket(stack, "artifacts"));
        assertThat(expectations.input("key").asText()).startsWith("pipeline-config/house-sales/").endsWith("/expectations.json");
        assertThat(expectations.input("serverSideEncryption").asText()).isEqualTo("aws:kms");
        assertThat(expectations.input("kmsKeyId").asText()).isEqualTo(output(stack, "platformKeyArn"));
        assertThat(Resources.documentOf(expectations.input("content").asText()).path("minRows").asInt()).isEqualTo(500);
        ResourceState pipeline = pipeline(r, stack);
        assertThat(pipeline.dependencies()).contains(expectations.urn());
        assertThat(pipeline.input("pipelineDefinition").asText()).contains(expectations.input("key").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theScheduleStartsThePipelineWithRetriesAndADeadLetterQueue(String stack) {
        Resources r = Previews.resources(stack);
        ResourceState schedule = r.one(SCHEDULE, "mlops-" + stack + "-ingestion-house-sales-schedule");
        assertThat(schedule.input("scheduleExpression").asText()).isEqualTo("cron(0 3 * * ? *)");
        assertThat(schedule.input("scheduleExpressionTimezone").asText()).isEqualTo("UTC");
        assertThat(schedule.input("flexibleTimeWindow.mode").asText()).isEqualTo("OFF");
        String pipelineArn = "arn:aws:sagemaker:eu-west-1:" + account(stack) + ":pipeline/mlops-" + stack + "-house-sales-data";
        assertThat(schedule.input("target.arn").asText()).isEqualTo(pipelineArn);
        // EventBridge Scheduler: 0..185 retries, an event age of 60..86400 seconds.
        assertThat(schedule.input("target.retryPolicy.maximumRetryAttempts").asInt()).isBetween(1, 185);
        assertThat(schedule.input("target.retryPolicy.maximumEventAgeInSeconds").asInt()).isBetween(60, 86400);
        String queueArn = "arn:aws:sqs:eu-west-1:" + account(stack) + ":" + queue(r, stack).input("name").asText();
        assertThat(schedule.input("target.deadLetterConfig.arn").asText()).isEqualTo(queueArn);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theDeadLetterQueueIsEncryptedAndKeepsFailedRunsForTwoWeeks(String stack) {
        ResourceState queue = queue(Previews.resources(stack), stack);
        assertThat(queue.input("sqsManagedSseEnabled").asBoolean()).isTrue();
        assertThat(queue.input("messageRetentionSeconds").asInt()).isEqualTo(14 * 24 * 3600);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theScheduleRoleStartsDataPipelinesAndWritesItsDeadLettersOnly(String stack) {
        Resources r = Previews.resources(stack);
        ResourceState schedule = r.one(SCHEDULE, "mlops-" + stack + "-ingestion-house-sales-schedule");
        String roleArn = schedule.input("target.roleArn").asText();
        IamEvaluator role = Policies.evaluator(r, roleArn.substring(roleArn.lastIndexOf('/') + 1));
        String pipelines = "arn:aws:sagemaker:eu-west-1:" + account(stack) + ":pipeline/mlops-" + stack + "-";
        assertThat(role.decide("sagemaker:StartPipelineExecution", pipelines + "house-sales-data")).isEqualTo(ALLOW);
        assertThat(role.decide("sagemaker:StartPipelineExecution", pipelines + "house-prices-training")).isEqualTo(IMPLICIT_DENY);
        assertThat(role.decide("sagemaker:StopPipelineExecution", pipelines + "house-sales-data/execution/x")).isEqualTo(IMPLICIT_DENY);
        String queueArn = "arn:aws:sqs:eu-west-1:" + account(stack) + ":" + queue(r, stack).input("name").asText();
        assertThat(role.decide("sqs:SendMessage", queueArn)).isEqualTo(ALLOW);
        assertThat(role.decide("sqs:SendMessage", queueArn.replace("ingestion", "model-versioning"))).isEqualTo(IMPLICIT_DENY);
        assertThat(role.decide("s3:GetObject", "arn:aws:s3:::" + bucket(stack, "raw") + "/house-sales/x.csv")).isEqualTo(IMPLICIT_DENY);
        JsonNode trust = Resources.documentOf(r.one("aws:iam/role:Role", "mlops-" + stack + "-ingestion-schedule-role")
                .input("assumeRolePolicy").asText()).path("Statement").get(0);
        assertThat(trust.path("Principal").path("Service").asText()).isEqualTo("scheduler.amazonaws.com");
        assertThat(trust.path("Condition").path("StringEquals").path("aws:SourceAccount").asText()).isEqualTo(account(stack));
    }
}
