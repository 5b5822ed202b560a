package dev.mlops.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.functions.metrics.MetricsSettings;
import dev.mlops.functions.metrics.QualityPublisher;
import dev.mlops.functions.metrics.VariantSpec;
import dev.mlops.offline.ResourceState;
import dev.mlops.testing.IamEvaluator;
import dev.mlops.testing.Policies;
import dev.mlops.testing.Previews;
import dev.mlops.testing.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Quality monitoring: the metrics function, its least-privilege role, alarms on what it publishes, the dashboard, dead letters. */
class ModelMonitoringTest {

    private static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    private static final Set<String> PUBLISHED = Set.of("MSE", "RMSE", "MAE", "R2", "LabelledSamples", "MissingLabels",
            "MalformedRecords", "NonFiniteValues");

    private static ResourceState function(Resources r, String stack) {
        return r.one("aws:lambda/function:Function", "mlops-" + stack + "-house-prices-quality-function");
    }

    private static Map<String, String> environment(Resources r, String stack) {
        Map<String, String> env = new HashMap<>();
        function(r, stack).input("environment.variables").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    private static IamEvaluator role(Resources r, String stack) {
        return Policies.evaluator(r, Policies.nameOf(Policies.role(r, "mlops-" + stack + "-house-prices-quality-role")));
    }

    private static List<ResourceState> qualityAlarms(Resources r) {
        return r.ofType(ALARM).stream().filter(a -> a.input("tags.model").asText().equals("house-prices")
                && a.input("metricQueries").isArray()).toList();
    }

    @ParameterizedTest
    @CsvSource({"staging, true", "prod, false"})
    void theFunctionsEnvironmentIsOneItsOwnParserAccepts(String stack, boolean shadow) {
        Resources r = Previews.resources(stack);
        ResourceState fn = function(r, stack);
        assertThat(fn.input("handler").asText()).isEqualTo("dev.mlops.functions.metrics.MetricsHandler::handleRequest");
        MetricsSettings parsed = MetricsSettings.fromEnvironment(environment(r, stack));
        assertThat(parsed.layout().endpoint()).isEqualTo("mlops-" + stack + "-house-prices");
        assertThat(parsed.production().name()).isEqualTo("champion");
        assertThat(parsed.variants().stream().anyMatch(v -> v.role() == VariantSpec.Role.SHADOW)).isEqualTo(shadow);
        assertThat(parsed.namespace()).isEqualTo(QualityAlarms.NAMESPACE);
        assertThat(parsed.captureBucket()).isEqualTo(r.one("aws:s3/bucketV2:BucketV2", "mlops-" + stack + "-data-capture-bucket")
                .input("bucket").asText());
        assertThat(parsed.windowHours()).isEqualTo(24);
    }

    @Test
    void inStagingTheGateAsksTheEngineersAboutTheDeployedChallenger() {
        Resources r = Previews.resources("staging");
        MetricsSettings parsed = MetricsSettings.fromEnvironment(environment(r, "staging"));
        String challenger = r.one("aws:sagemaker/model:Model", "mlops-staging-house-prices-challenger")
                .input("primaryContainer.modelPackageName").asText();
        assertThat(parsed.gate().mode().name()).isEqualTo("MANUAL");
        assertThat(parsed.gate().challengerPackageArn()).isEqualTo(challenger);
        assertThat(parsed.gate().minSamples()).isEqualTo(500);
        assertThat(parsed.gate().minImprovement()).isEqualTo(0.05);
        assertThat(parsed.gate().approvalTopicArn()).isEqualTo("arn:aws:sns:eu-west-1:111111111111:mlops-staging-alerts");
    }

    @Test
    void theRoleReadsOnlyItsEndpointsCaptureAndGroundTruthAndApprovesOnlyItsOwnPackages() {
        Resources r = Previews.resources("staging");
        IamEvaluator role = role(r, "staging");
        String bucket = "arn:aws:s3:::" + r.one("aws:s3/bucketV2:BucketV2", "mlops-staging-data-capture-bucket").input("bucket").asText();
        assertThat(role.allows("s3:GetObject", bucket + "/capture/mlops-staging-house-prices/champion/2024/05/01/10/a.jsonl")).isTrue();
        assertThat(role.allows("s3:GetObject", bucket + "/ground-truth/mlops-staging-house-prices/2024/05/01/10/l.jsonl")).isTrue();
        assertThat(role.decide("s3:GetObject", bucket + "/capture/mlops-staging-other-model/champion/x.jsonl"))
                .isEqualTo(IamEvaluator.Decision.IMPLICIT_DENY);
        assertThat(role.decide("s3:PutObject", bucket + "/ground-truth/mlops-staging-house-prices/x.jsonl"))
                .isEqualTo(IamEvaluator.Decision.IMPLICIT_DENY);
        assertThat(role.decide("s3:ListBucket", bucket)).isEqualTo(IamEvaluator.Decision.CONDITIONAL_ALLOW);
        String packages = "arn:aws:sagemaker:eu-west-1:111111111111:model-package/";
        assertThat(role.allows("sagemaker:UpdateModelPackage", packages + "mlops-staging-house-prices/7")).isTrue();
        assertThat(role.allows("sagemaker:DescribeModelPackage", packages + "mlops-staging-house-prices/7")).isTrue();
        assertThat(role.decide("sagemaker:UpdateModelPackage", packages + "mlops-staging-other-model/7"))
                .isEqualTo(IamEvaluator.Decision.IMPLICIT_DENY);
        assertThat(role.allows("sns:Publish", "arn:aws:sns:eu-west-1:111111111111:mlops-staging-alerts")).isTrue();
        // EMF: metrics leave as log lines, so the function needs no PutMetricData.
        assertThat(role.grantsOf("cloudwatch:PutMetricData")).isEmpty();
    }

    @Test
    void withoutAGateProdsRoleCanNeitherApproveNorPublish() {
        Resources r = Previews.resources("prod");
        IamEvaluator role = role(r, "prod");
        assertThat(role.grantsOf("sagemaker:UpdateModelPackage")).isEmpty();
        assertThat(role.grantsOf("sagemaker:DescribeModelPackage")).isEmpty();
        assertThat(role.grantsOf("sns:Publish")).isEmpty();
        assertThat(environment(r, "prod")).containsEntry("GATE_MODE", "off").doesNotContainKey("CHALLENGER_MODEL_PACKAGE_ARN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void everyQualityAlarmWatchesWhatTheFunctionPublishesUnderItsNamespaceAndDimensions(String stack) {
        Resources r = Previews.resources(stack);
        Map<String, String> env = environment(r, stack);
        List<String> variants = new ArrayList<>(List.of(env.get("PRODUCTION_VARIANT")));
        if (env.containsKey("SHADOW_VARIANT")) {
            variants.add(env.get("SHADOW_VARIANT"));
        }
        List<ResourceState> alarms = qualityAlarms(r);
        assertThat(alarms).hasSize(stack.equals("staging") ? 4 : 3);
        assertThat(alarms).allSatisfy(alarm -> {
            int returning = 0;
            for (JsonNode query : alarm.input("metricQueries")) {
                returning += query.path("returnData").asBoolean() ? 1 : 0;
                JsonNode metric = query.path("metric");
                if (metric.isMissingNode()) {
                    continue;
                }
                assertThat(metric.path("namespace").asText()).isEqualTo(env.get("POWERTOOLS_METRICS_NAMESPACE"));
                assertThat(PUBLISHED).contains(metric.path("metricName").asText());
                List<String> keys = new ArrayList<>();
                metric.path("dimensions").fieldNames().forEachRemaining(keys::add);
                assertThat(keys).containsExactlyInAnyOrder(QualityPublisher.ENDPOINT, QualityPublisher.VARIANT);
                assertThat(metric.path("dimensions").path(QualityPublisher.ENDPOINT).asText()).isEqualTo(env.get("ENDPOINT_NAME"));
                assertThat(variants).contains(metric.path("dimensions").path(QualityPublisher.VARIANT).asText());
                assertThat(metric.path("period").asInt()).isEqualTo(3600);
            }
            assertThat(returning).isEqualTo(1);
            assertThat(alarm.input("alarmActions").get(0).asText()).endsWith(":mlops-" + stack + "-alerts");
        });
    }

    @ParameterizedTest
    @CsvSource({"staging, rmse, 60000, GreaterThanThreshold, 3", "staging, mae, 40000, GreaterThanThreshold, 3",
            "staging, r2, 0.75, LessThanThreshold, 3", "prod, r2, 0.75, LessThanThreshold, 2", "staging, shadow-worse, 5, GreaterThanThreshold, 3"})
    void thresholdsAndWindowsComeFromSettings(String stack, String suffix, double threshold, String comparison, int hours) {
        ResourceState alarm = Previews.resources(stack).one(ALARM, "mlops-" + stack + "-house-prices-monitoring-" + suffix);
        assertThat(alarm.input("threshold").asDouble()).isEqualTo(threshold);
        assertThat(alarm.input("comparisonOperator").asText()).isEqualTo(comparison);
        assertThat(alarm.input("evaluationPeriods").asInt()).isEqualTo(hours);
        assertThat(alarm.input("datapointsToAlarm").asInt()).isEqualTo(hours);
        String expression = alarm.input("metricQueries").findValues("expression").get(0).asText();
        assertThat(expression).contains(">= " + (stack.equals("staging") ? 200 : 500));
    }

    @Test
    void theShadowAlarmComparesTheChallengersRmseWithTheChampionsInPercent() {
        ResourceState alarm = Previews.resources("staging").one(ALARM, "mlops-staging-house-prices-monitoring-shadow-worse");
        assertThat(alarm.input("metricQueries").findValues("expression").get(0).asText())
                .isEqualTo("IF(champion_samples >= 200 && challenger_samples >= 200, 100 * (challenger_rmse - champion_rmse) / champion_rmse)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theCompositeQualityAlarmIsAnyOfTheChampionsAlarms(String stack) {
        Resources r = Previews.resources(stack);
        String rule = r.one("aws:cloudwatch/compositeAlarm:CompositeAlarm", "mlops-" + stack + "-house-prices-monitoring-quality")
                .input("alarmRule").asText();
        String endpoint = "mlops-" + stack + "-house-prices";
        assertThat(rule).isEqualTo("ALARM(\"" + endpoint + "-quality-rmse\") OR ALARM(\"" + endpoint + "-quality-mae\") OR ALARM(\""
                + endpoint + "-quality-r2\")");
        for (String name : List.of("rmse", "mae", "r2")) {
            assertThat(r.one(ALARM, endpoint + "-monitoring-" + name).input("name").asText()).isEqualTo(endpoint + "-quality-" + name);
        }
    }

    @ParameterizedTest
    @CsvSource({"staging, 2", "prod, 1"})
    void theDashboardShowsTheFourMetricsPerVariantBesideInvocationsLatencyAndErrors(String stack, int variants) {
        Resources r = Previews.resources(stack);
        ResourceState dashboard = r.one("aws:cloudwatch/dashboard:Dashboard", "mlops-" + stack + "-house-prices-monitoring-dashboard");
        JsonNode body = Resources.document(dashboard, "dashboardBody");
        Map<String, List<String>> variantsByMetric = new HashMap<>();
        for (JsonNode widget : body.path("widgets")) {
            assertThat(widget.path("properties").path("region").asText()).isEqualTo("eu-west-1");
            for (JsonNode line : widget.path("properties").path("metrics")) {
                assertThat(line.get(2).asText()).isIn(QualityPublisher.ENDPOINT, "EndpointName");
                assertThat(line.get(3).asText()).isEqualTo("mlops-" + stack + "-house-prices");
                variantsByMetric.computeIfAbsent(line.get(0).asText() + "/" + line.get(1).asText(), k -> new ArrayList<>()).add(line.get(5).asText());
            }
        }
        for (String metric : List.of("MSE", "RMSE", "MAE", "R2")) {
            assertThat(variantsByMetric.get(QualityAlarms.NAMESPACE + "/" + metric)).as(metric).hasSize(variants).startsWith("champion");
        }
        for (String metric : List.of("Invocations", "Invocation4XXErrors", "Invocation5XXErrors")) {
            assertThat(variantsByMetric.get("AWS/SageMaker/" + metric)).as(metric).hasSize(variants);
        }
        assertThat(variantsByMetric.get("AWS/SageMaker/ModelLatency")).hasSize(2 * variants);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theFunctionRunsHourlyFromARuleItAlonePermits(String stack) {
        Resources r = Previews.resources(stack);
        String base = "mlops-" + stack + "-house-prices-monitoring-schedule";
        ResourceState rule = r.one("aws:cloudwatch/eventRule:EventRule", base);
        assertThat(rule.input("scheduleExpression").asText()).isEqualTo(ModelMonitoring.SCHEDULE);
        ResourceState target = r.one("aws:cloudwatch/eventTarget:EventTarget", base + "-target");
        assertThat(target.input("arn").asText()).endsWith(":function:mlops-" + stack + "-house-prices-quality");
        ResourceState permission = r.one("aws:lambda/permission:Permission", base + "-invoke");
        assertThat(permission.input("principal").asText()).isEqualTo("events.amazonaws.com");
        assertThat(permission.input("sourceArn").asText()).endsWith(":rule/" + rule.input("name").asText());
    }

    @ParameterizedTest
    @CsvSource({"staging, false", "prod, true"})
    void deadLettersAreEncryptedTlsOnlyWrittenByThisStacksRulesAndAlarmedOn(String stack, boolean retained) {
        Resources r = Previews.resources(stack);
        String base = "mlops-" + stack + "-dead-letters";
        ResourceState key = r.one("aws:kms/key:Key", base + "-key");
        assertThat(key.protect()).isEqualTo(retained);
        assertThat(key.input("enableKeyRotation").asBoolean()).isTrue();
        assertThat(key.input("policy").asText()).contains("events.amazonaws.com", "kms:GenerateDataKey");
        ResourceState queue = r.one("aws:sqs/queue:Queue", base + "-queue");
        assertThat(queue.input("kmsMasterKeyId").asText()).contains(":key/");
        JsonNode policy = Resources.document(r.one("aws:sqs/queuePolicy:QueuePolicy", base + "-queue-policy"), "policy");
        assertThat(policy.path("Statement").findValuesAsText("Sid")).containsExactly("EventBridgeRulesSend", "DenyInsecureTransport");
        JsonNode send = policy.path("Statement").get(0);
        assertThat(send.path("Condition").path("ArnLike").path("aws:SourceArn").asText())
                .isEqualTo("arn:aws:events:eu-west-1:" + (stack.equals("prod") ? "222222222222" : "111111111111") + ":rule/mlops-" + stack + "-*");
        JsonNode tls = policy.path("Statement").get(1);
        assertThat(tls.path("Effect").asText()).isEqualTo("Deny");
        assertThat(tls.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false");
        ResourceState depth = r.one(ALARM, base + "-depth");
        assertThat(depth.input("metricName").asText()).isEqualTo("ApproximateNumberOfMessagesVisible");
        assertThat(depth.input("dimensions.QueueName").asText()).isEqualTo(queue.input("name").asText());
        assertThat(depth.input("alarmActions").get(0).asText()).endsWith(":mlops-" + stack + "-alerts");
    }
}
