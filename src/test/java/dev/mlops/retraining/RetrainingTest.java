package dev.mlops.retraining;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.offline.Previewer;
import dev.mlops.offline.ResourceState;
import dev.mlops.testing.IamEvaluator;
import dev.mlops.testing.Policies;
import dev.mlops.testing.Previews;
import dev.mlops.testing.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Retraining triggers: EventBridge starts only the model's training pipeline, with the trigger type, retries and dead letters. */
class RetrainingTest {

    private static final String RULE = "aws:cloudwatch/eventRule:EventRule";
    private static final String TARGET = "aws:cloudwatch/eventTarget:EventTarget";
    private static final String PIPELINE = "arn:aws:sagemaker:eu-west-1:111111111111:pipeline/mlops-staging-house-prices-training";
    private static final String BASE = "mlops-staging-house-prices-retraining";

    @TempDir
    Path temp;

    private static List<ResourceState> pipelineTargets(Resources r) {
        return r.ofType(TARGET).stream().filter(t -> t.input("sagemakerPipelineTarget").isObject()).toList();
    }

    @Test
    void theTriggerRoleMayStartOnlyTheModelsPipeline() {
        Resources r = Previews.resources("staging");
        IamEvaluator role = Policies.evaluator(r, Policies.nameOf(Policies.role(r, BASE + "-role")));
        assertThat(role.allows("sagemaker:StartPipelineExecution", PIPELINE)).isTrue();
        assertThat(role.decide("sagemaker:StartPipelineExecution", PIPELINE.replace("house-prices-training", "house-sales-data")))
                .isEqualTo(IamEvaluator.Decision.IMPLICIT_DENY);
        for (String action : List.of("sagemaker:StopPipelineExecution", "sagemaker:UpdatePipeline", "sagemaker:RetryPipelineExecution",
                "iam:PassRole", "sagemaker:CreateTrainingJob")) {
            assertThat(role.decide(action, PIPELINE)).as(action).isEqualTo(IamEvaluator.Decision.IMPLICIT_DENY);
        }
        assertThat(Policies.role(r, BASE + "-role").input("assumeRolePolicy").asText()).contains("events.amazonaws.com");
    }

    @Test
    void eachTriggerStartsThePipelineAsTheTriggerRoleWithItsTriggerType() {
        Resources r = Previews.resources("staging");
        String roleArn = "role/" + Policies.nameOf(Policies.role(r, BASE + "-role"));
        List<ResourceState> targets = pipelineTargets(r);
        assertThat(targets).extracting(t -> t.input("sagemakerPipelineTarget.pipelineParameterLists.0.value").asText())
                .containsExactlyInAnyOrder("scheduled", "new-data", "drift");
        assertThat(targets).allSatisfy(t -> {
            assertThat(t.input("arn").asText()).isEqualTo(PIPELINE);
            assertThat(t.input("roleArn").asText()).endsWith(roleArn);
            JsonNode parameters = t.input("sagemakerPipelineTarget.pipelineParameterLists");
            assertThat(parameters).hasSize(1);
            assertThat(parameters.get(0).path("name").asText()).isEqualTo("TriggerType");
            // the target's rule exists and carries the model tag the policy pack looks for
            ResourceState rule = r.ofType(RULE).stream().filter(ru -> ru.input("name").asText().equals(t.input("rule").asText()))
                    .findFirst().orElseThrow();
            assertThat(rule.input("tags.model").asText()).isEqualTo("house-prices");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void everyTargetOfTheNewRulesRetriesAndDeadLettersToTheEncryptedQueue(String stack) {
        Resources r = Previews.resources(stack);
        String queue = r.one("aws:sqs/queue:Queue", "mlops-" + stack + "-dead-letters-queue").input("name").asText();
        List<ResourceState> targets = r.ofType(TARGET).stream()
                .filter(t -> t.parent().contains("retraining") || t.parent().contains("monitoring")).toList();
        assertThat(targets).isNotEmpty();
        assertThat(targets).allSatisfy(t -> {
            assertThat(t.input("deadLetterConfig.arn").asText()).endsWith(":" + queue);
            assertThat(t.input("retryPolicy.maximumRetryAttempts").asInt()).isBetween(1, 185);
            assertThat(t.input("retryPolicy.maximumEventAgeInSeconds").asInt()).isBetween(60, 86400);
        });
    }

    @Test
    void newDataMeansTheBatchMarkerUnderTheModelsCuratedPrefixNotEveryUpload() {
        Resources r = Previews.resources("staging");
        JsonNode pattern = Resources.document(r.one(RULE, BASE + "-new-data"), "eventPattern");
        assertThat(pattern.path("source").get(0).asText()).isEqualTo("aws.s3");
        assertThat(pattern.path("detail-type").get(0).asText()).isEqualTo("Object Created");
        String curated = r.one("aws:s3/bucketV2:BucketV2", "mlops-staging-data-curated-bucket").input("bucket").asText();
        assertThat(pattern.path("detail").path("bucket").path("name").get(0).asText()).isEqualTo(curated);
        JsonNode keys = pattern.path("detail").path("object").path("key");
        assertThat(keys.get(0).asText()).isEqualTo("house-sales/_manifest.json");
        assertThat(keys.get(1).path("wildcard").asText()).isEqualTo("house-sales/*/_manifest.json");
        assertThat(keys).hasSize(2);
    }

    @Test
    void driftMeansTheModelsCompositeQualityAlarmEnteringAlarm() {
        Resources r = Previews.resources("staging");
        JsonNode pattern = Resources.document(r.one(RULE, BASE + "-drift"), "eventPattern");
        String composite = r.one("aws:cloudwatch/compositeAlarm:CompositeAlarm", "mlops-staging-house-prices-monitoring-quality")
                .input("alarmName").asText();
        assertThat(pattern.path("detail-type").get(0).asText()).isEqualTo("CloudWatch Alarm State Change");
        assertThat(pattern.path("resources").get(0).asText()).isEqualTo("arn:aws:cloudwatch:eu-west-1:111111111111:alarm:" + composite);
        assertThat(StreamSupport.stream(pattern.path("detail").path("state").path("value").spliterator(), false).map(JsonNode::asText))
                .containsExactly("ALARM");
    }

    @Test
    void theScheduleIsTheConfiguredOne() {
        assertThat(Previews.resources("staging").one(RULE, BASE + "-schedule").input("scheduleExpression").asText())
                .isEqualTo("cron(0 4 ? * MON *)");
    }

    @Test
    void prodTrainsNothingSoNoRuleStartsAPipeline() {
        Resources r = Previews.resources("prod");
        assertThat(pipelineTargets(r)).isEmpty();
        assertThat(r.ofType("mlops:retraining:Retraining")).isEmpty();
    }

    @Test
    void switchedOffTriggersHaveNoRuleAtAll() throws IOException {
        Path project = Files.createDirectories(temp.resolve("project"));
        for (String file : List.of("Pulumi.yaml", "Pulumi.staging.yaml")) {
            Files.copy(Previews.PROJECT.resolve(file), project.resolve(file));
        }
        Path stackFile = project.resolve("Pulumi.staging.yaml");
        String original = Files.readString(stackFile);
        String changed = original.replace("onNewData: true", "onNewData: false").replace("onDrift: true", "onDrift: false");
        assertThat(changed).isNotEqualTo(original);
        Files.writeString(stackFile, changed);
        Resources r = new Resources(Previewer.preview(project, "staging", Map.of()).preview().resources());
        assertThat(pipelineTargets(r)).extracting(t -> t.input("sagemakerPipelineTarget.pipelineParameterLists.0.value").asText())
                .containsExactly("scheduled");
        assertThat(r.ofType(RULE)).extracting(ResourceState::name)
                .contains(BASE + "-schedule").doesNotContain(BASE + "-new-data", BASE + "-drift");
    }
}
