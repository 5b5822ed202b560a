package dev.mlops.serving;

import static dev.mlops.testing.IamEvaluator.Decision.ALLOW;
import static dev.mlops.testing.IamEvaluator.Decision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.config.ModelSettings;
import dev.mlops.config.ServingSettings;
import dev.mlops.config.StackSettings;
import dev.mlops.offline.Previewer;
import dev.mlops.offline.ResourceState;
import dev.mlops.promotion.PromotedPackage;
import dev.mlops.testing.IamEvaluator;
import dev.mlops.testing.Policies;
import dev.mlops.testing.Previews;
import dev.mlops.testing.Resources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Serving over the offline previews of both real stacks: staging measures the challenger in a shadow variant and
 * captures everything; prod rolls a new champion out blue/green and rolls it back on the alarms it creates; both
 * autoscale every variant, serve the inference API with IAM authorisation, and export what a promoting stack reads.
 * Expected values come from the stack files' settings, not from copies of them.
 */
class ServingTest {

    private static final String MODEL = "aws:sagemaker/model:Model";
    private static final String CONFIG = "aws:sagemaker/endpointConfiguration:EndpointConfiguration";
    private static final String ENDPOINT = "aws:sagemaker/endpoint:Endpoint";
    private static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    private static final String TARGET = "aws:appautoscaling/target:Target";
    private static final String POLICY = "aws:appautoscaling/policy:Policy";
    private static final String SCHEDULED = "aws:appautoscaling/scheduledAction:ScheduledAction";
    private static final String ROLE = "aws:iam/role:Role";

    @TempDir
    Path temp;

    private static Resources resources(String stack) {
        return Previews.resources(stack);
    }

    private static Map<String, Object> outputs(String stack) {
        return Previews.of(stack).preview().outputs().values();
    }

    private static StackSettings settings(String stack) {
        return StackSettings.fromStackFile(Previews.PROJECT, stack);
    }

    private static ModelSettings houseprices(String stack) {
        return settings(stack).models().stream().filter(m -> m.name().equals("house-prices")).findFirst().orElseThrow();
    }

    private static String endpointName(String stack) {
        return "mlops-" + stack + "-house-prices";
    }

    private static ResourceState config(Resources r, String stack) {
        return r.one(CONFIG, endpointName(stack) + "-config");
    }

    private static ResourceState endpoint(Resources r, String stack) {
        return r.one(ENDPOINT, endpointName(stack));
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static String bucketArn(String stack, String bucket) {
        return "arn:aws:s3:::" + map(outputs(stack).get("dataBuckets")).get(bucket);
    }

    // ---------------------------------------------------------------- endpoint configurations

    @Test
    void stagingShadowsTheChallengerBesideTheChampionOnTheSameInstances() {
        Resources r = resources("staging");
        ResourceState config = config(r, "staging");
        ServingSettings.ModelServing sizing = houseprices("staging").serving();

        JsonNode production = config.input("productionVariants");
        JsonNode shadow = config.input("shadowProductionVariants");
        assertThat(production).hasSize(1);
        assertThat(shadow).hasSize(1);
        assertThat(production.get(0).path("variantName").asText()).isEqualTo(ServedModel.CHAMPION);
        assertThat(shadow.get(0).path("variantName").asText()).isEqualTo(ServedModel.CHALLENGER);
        assertThat(production.get(0).path("modelName").asText()).isEqualTo(r.one(MODEL, endpointName("staging") + "-champion").input("name").asText());
        assertThat(shadow.get(0).path("modelName").asText()).isEqualTo(r.one(MODEL, endpointName("staging") + "-challenger").input("name").asText());
        for (JsonNode variant : List.of(production.get(0), shadow.get(0))) {
            assertThat(variant.path("instanceType").asText()).isEqualTo(sizing.instanceType());
            assertThat(variant.path("initialInstanceCount").asInt()).isEqualTo(sizing.instanceCount());
            // Equal weights: the shadow receives a copy of every request the champion answers.
            assertThat(variant.path("initialVariantWeight").asDouble()).isEqualTo(1.0);
        }
        // The shadow's model is the newer package: a different one from the champion's.
        assertThat(r.one(MODEL, endpointName("staging") + "-challenger").input("primaryContainer.modelPackageName").asText())
                .isNotEqualTo(r.one(MODEL, endpointName("staging") + "-champion").input("primaryContainer.modelPackageName").asText());
    }

    @Test
    void prodServesOnlyTheChampion() {
        ResourceState config = config(resources("prod"), "prod");
        assertThat(config.input("productionVariants")).hasSize(1);
        assertThat(config.input("productionVariants.0.variantName").asText()).isEqualTo(ServedModel.CHAMPION);
        assertThat(config.input("productionVariants.0.initialInstanceCount").asInt()).isEqualTo(houseprices("prod").serving().instanceCount());
        assertThat(config.input("shadowProductionVariants").isMissingNode() || config.input("shadowProductionVariants").isEmpty()).isTrue();
        assertThat(resources("prod").matching(m -> m.type().equals(MODEL) && m.name().endsWith("-challenger"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void noConfigurationCombinesWhatSageMakerRejects(String stack) {
        for (ResourceState config : resources(stack).ofType(CONFIG)) {
            JsonNode shadow = config.input("shadowProductionVariants");
            List<JsonNode> variants = new ArrayList<>(list(config.input("productionVariants")));
            variants.addAll(list(shadow));
            // Instance-backed real-time endpoints only: a shadow variant excludes serverless and asynchronous inference.
            assertThat(config.input("asyncInferenceConfig").isMissingNode()).as(config.name()).isTrue();
            assertThat(variants).allSatisfy(v -> {
                assertThat(v.has("serverlessConfig")).isFalse();
                assertThat(v.path("instanceType").asText()).startsWith("ml.");
                assertThat(v.path("initialVariantWeight").asDouble()).isPositive();
            });
            // At most one shadow variant, and then exactly one production variant (CreateEndpointConfig).
            assertThat(shadow.size()).isLessThanOrEqualTo(1);
            if (shadow.size() == 1) {
                assertThat(config.input("productionVariants")).hasSize(1);
            }
            assertThat(variants).extracting(v -> v.path("variantName").asText()).doesNotHaveDuplicates();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void requestsAndResponsesAreCapturedToTheCaptureBucketWithThePlatformKey(String stack) {
        ResourceState config = config(resources(stack), stack);
        String platformKey = (String) outputs(stack).get("platformKeyArn");
        JsonNode capture = config.input("dataCaptureConfig");

        assertThat(capture.path("enableCapture").asBoolean()).isTrue();
        assertThat(capture.path("initialSamplingPercentage").asInt()).isEqualTo(settings(stack).serving().dataCapturePercent());
        assertThat(list(capture.path("captureOptions"))).extracting(o -> o.path("captureMode").asText())
                .containsExactlyInAnyOrder("Input", "Output");
        assertThat(capture.path("destinationS3Uri").asText())
                .isEqualTo("s3://" + map(outputs(stack).get("dataBuckets")).get("capture") + "/" + CaptureLocation.CAPTURE_PREFIX);
        assertThat(capture.path("kmsKeyId").asText()).isEqualTo(platformKey);
        // ml.m5.large has EBS volumes, which SageMaker encrypts with the key given.
        assertThat(config.input("kmsKeyArn").asText()).isEqualTo(platformKey);
    }

    @Test
    void stagingCapturesEverything() {
        assertThat(config(resources("staging"), "staging").input("dataCaptureConfig.initialSamplingPercentage").asInt()).isEqualTo(100);
    }

    @Test
    void instanceTypesWithNvmeStorageTakeNoVolumeKey() {
        assertThat(InstanceTypes.hasLocalStorage("ml.m5.large")).isFalse();
        assertThat(InstanceTypes.hasLocalStorage("ml.c5.xlarge")).isFalse();
        assertThat(InstanceTypes.hasLocalStorage("ml.inf1.xlarge")).isFalse();
        assertThat(InstanceTypes.hasLocalStorage("ml.m5d.large")).isTrue();
        assertThat(InstanceTypes.hasLocalStorage("ml.c6id.2xlarge")).isTrue();
        assertThat(InstanceTypes.hasLocalStorage("ml.g4dn.xlarge")).isTrue();
        assertThat(InstanceTypes.hasLocalStorage("ml.p4d.24xlarge")).isTrue();
        assertThat(InstanceTypes.hasLocalStorage("ml.g5.2xlarge")).isTrue();
        assertThat(InstanceTypes.hasLocalStorage("ml.p5.48xlarge")).isTrue();
        assertThat(InstanceTypes.hasLocalStorage("ml.trn1.32xlarge")).isTrue();
        assertThat(InstanceTypes.hasLocalStorage("m5d.large")).isFalse();
        assertThat(InstanceTypes.isInferentia1("ml.inf1.xlarge")).isTrue();
        assertThat(InstanceTypes.isInferentia1("ml.inf2.xlarge")).isFalse();
    }

    @Test
    void aCanaryRolloutOnNvmeInstancesWithAnExtraAlarm() {
        Previewer.Result edited = Previews.edited(temp, "prod", text -> {
            String t = Previews.replacing(text, "      serving:\n        instanceType: ml.m5.large", "      serving:\n        instanceType: ml.m5d.large");
            return Previews.replacing(t, "      trafficRouting: LINEAR\n      linearStepPercent: 25\n",
                    "      trafficRouting: CANARY\n      canaryPercent: 10\n      additionalAlarmNames: [team-latency-slo]\n");
        });
        Resources r = new Resources(edited.preview().resources());
        ResourceState config = config(r, "prod");
        String platformKey = (String) edited.preview().outputs().values().get("platformKeyArn");

        // No volume key on NVMe instances (SageMaker refuses one), but captured data stays encrypted.
        assertThat(config.input("kmsKeyArn").isMissingNode()).isTrue();
        assertThat(config.input("dataCaptureConfig.kmsKeyId").asText()).isEqualTo(platformKey);
        JsonNode routing = endpoint(r, "prod").input("deploymentConfig.blueGreenUpdatePolicy.trafficRoutingConfiguration");
        assertThat(routing.path("type").asText()).isEqualTo("CANARY");
        assertThat(routing.path("canarySize").path("type").asText()).isEqualTo("CAPACITY_PERCENT");
        assertThat(routing.path("canarySize").path("value").asInt()).isEqualTo(10);
        assertThat(routing.has("linearStepSize")).isFalse();
        assertThat(list(endpoint(r, "prod").input("deploymentConfig.autoRollbackConfiguration.alarms")))
                .extracting(a -> a.path("alarmName").asText()).hasSize(5).endsWith("team-latency-slo");
    }

    // ---------------------------------------------------------------- guarded rollout

    @Test
    void prodUpdatesBlueGreenAsTheStackFileSays() {
        ServingSettings.RolloutSettings rollout = settings("prod").serving().rollout();
        JsonNode policy = endpoint(resources("prod"), "prod").input("deploymentConfig.blueGreenUpdatePolicy");

        JsonNode routing = policy.path("trafficRoutingConfiguration");
        assertThat(routing.path("type").asText()).isEqualTo("LINEAR").isEqualTo(rollout.trafficRouting().name());
        assertThat(routing.path("linearStepSize").path("type").asText()).isEqualTo("CAPACITY_PERCENT");
        assertThat(routing.path("linearStepSize").path("value").asInt()).isEqualTo(rollout.linearStepPercent()).isEqualTo(25);
        assertThat(routing.path("waitIntervalInSeconds").asInt()).isEqualTo(rollout.waitIntervalSeconds()).isEqualTo(600);
        assertThat(policy.path("terminationWaitInSeconds").asInt()).isEqualTo(rollout.terminationWaitSeconds()).isEqualTo(900);
        assertThat(policy.path("maximumExecutionTimeoutInSeconds").asInt()).isEqualTo(rollout.maximumExecutionTimeoutSeconds())
                .isGreaterThan(rollout.totalWaitSeconds()).isBetween(600, 14400);
    }

    @Test
    void stagingUpdatesWithoutGuardrails() {
        assertThat(endpoint(resources("staging"), "staging").input("deploymentConfig").isMissingNode()).isTrue();
    }

    @Test
    void rollbackAlarmsAreTheChampionsOwnAlarmsAndFitSageMakersLimit() {
        Resources r = resources("prod");
        List<String> rollback = list(endpoint(r, "prod").input("deploymentConfig.autoRollbackConfiguration.alarms")).stream()
                .map(a -> a.path("alarmName").asText()).toList();
        Map<String, ResourceState> alarms = new java.util.HashMap<>();
        r.ofType(ALARM).forEach(a -> alarms.put(a.input("name").asText(), a));

        assertThat(rollback).hasSizeBetween(1, ServingSettings.MAX_ROLLBACK_ALARMS).doesNotHaveDuplicates();
        assertThat(rollback).allSatisfy(name -> {
            assertThat(alarms).containsKey(name);
            ResourceState alarm = alarms.get(name);
            assertThat(alarm.input("dimensions.EndpointName").asText()).isEqualTo(endpointName("prod"));
            assertThat(alarm.input("dimensions.VariantName").asText()).isEqualTo(ServedModel.CHAMPION);
            assertThat(alarm.input("namespace").asText()).isEqualTo("AWS/SageMaker");
            // SageMaker must find them before it validates the deployment config.
            assertThat(endpoint(r, "prod").dependencies()).contains(alarm.urn());
        });
        assertThat(rollback).extracting(name -> alarms.get(name).input("metricName").asText())
                .containsExactlyInAnyOrder("Invocation5XXErrors", "InvocationModelErrors", "Invocation4XXErrors", "ModelLatency");
    }

    @Test
    void theAlarmThresholdsComeFromTheStackFile() {
        ServingSettings.RollbackAlarms thresholds = settings("prod").serving().rollout().alarms();
        Resources r = resources("prod");
        ResourceState latency = r.one(ALARM, endpointName("prod") + "-champion-latency-p99");
        // ModelLatency is in microseconds.
        assertThat(latency.input("threshold").asDouble()).isEqualTo(thresholds.maxModelLatencyMs() * 1000.0);
        assertThat(latency.input("extendedStatistic").asText()).isEqualTo("p99");
        assertThat(latency.input("evaluationPeriods").asInt()).isEqualTo(thresholds.evaluationMinutes());
        ResourceState errors = r.one(ALARM, endpointName("prod") + "-champion-5xx-errors");
        assertThat(errors.input("threshold").asDouble()).isEqualTo(thresholds.max5xxErrorsPerMinute());
        assertThat(errors.input("treatMissingData").asText()).isEqualTo("notBreaching");
        assertThat(errors.input("alarmActions.0").asText()).isEqualTo(outputs("prod").get("alertTopicArn"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void variantNamesAreStableAndEveryVariantIsWatched(String stack) {
        Resources r = resources(stack);
        ResourceState config = config(r, stack);
        List<String> variants = new ArrayList<>(list(config.input("productionVariants")).stream().map(v -> v.path("variantName").asText()).toList());
        list(config.input("shadowProductionVariants")).forEach(v -> variants.add(v.path("variantName").asText()));

        assertThat(variants).isSubsetOf(ServedModel.CHAMPION, ServedModel.CHALLENGER).startsWith(ServedModel.CHAMPION);
        assertThat(endpoint(r, stack).input("name").asText()).isEqualTo(endpointName(stack));
        assertThat(endpoint(r, stack).input("endpointConfigName").asText()).isEqualTo(config.input("name").asText());
        for (String variant : variants) {
            assertThat(r.ofType(ALARM)).filteredOn(a -> a.input("dimensions.VariantName").asText().equals(variant)).hasSize(4);
        }
    }

    // ---------------------------------------------------------------- autoscaling

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void everyVariantScalesOnInvocationsPerInstanceWithinTheStackFilesBounds(String stack) {
        Resources r = resources(stack);
        ServingSettings.ModelServing sizing = houseprices(stack).serving();
        List<String> variants = new ArrayList<>(List.of(ServedModel.CHAMPION));
        if (!config(r, stack).input("shadowProductionVariants").isMissingNode()) {
            variants.add(ServedModel.CHALLENGER);
        }
        assertThat(r.ofType(TARGET)).hasSize(variants.size());
        for (String variant : variants) {
            String resourceId = "endpoint/" + endpointName(stack) + "/variant/" + variant;
            ResourceState target = r.one(TARGET, endpointName(stack) + "-" + variant + "-scaling");
            assertThat(target.input("resourceId").asText()).isEqualTo(resourceId);
            assertThat(target.input("serviceNamespace").asText()).isEqualTo("sagemaker");
            assertThat(target.input("scalableDimension").asText()).isEqualTo("sagemaker:variant:DesiredInstanceCount");
            assertThat(target.input("minCapacity").asInt()).isEqualTo(sizing.minCapacity());
            assertThat(target.input("maxCapacity").asInt()).isEqualTo(sizing.maxCapacity());
            // The target registers an existing variant: after the endpoint.
            assertThat(target.dependencies()).contains(endpoint(r, stack).urn());

            ResourceState policy = r.one(POLICY, endpointName(stack) + "-" + variant + "-invocations");
            assertThat(policy.input("policyType").asText()).isEqualTo("TargetTrackingScaling");
            assertThat(policy.input("resourceId").asText()).isEqualTo(resourceId);
            JsonNode tracking = policy.input("targetTrackingScalingPolicyConfiguration");
            assertThat(tracking.path("predefinedMetricSpecification").path("predefinedMetricType").asText())
                    .isEqualTo("SageMakerVariantInvocationsPerInstance");
            assertThat(tracking.path("targetValue").asDouble()).isEqualTo(sizing.targetInvocationsPerInstance());
        }
    }

    @Test
    void prodChangesCapacityOnItsSchedules() {
        Resources r = resources("prod");
        List<ServingSettings.ScheduledScaling> schedules = houseprices("prod").serving().scheduledScaling();
        assertThat(schedules).isNotEmpty();
        assertThat(r.ofType(SCHEDULED)).hasSize(schedules.size());
        for (ServingSettings.ScheduledScaling s : schedules) {
            ResourceState action = r.one(SCHEDULED, endpointName("prod") + "-champion-" + s.name());
            assertThat(action.input("name").asText()).isEqualTo(endpointName("prod") + "-champion-" + s.name());
            assertThat(action.input("resourceId").asText()).isEqualTo("endpoint/" + endpointName("prod") + "/variant/champion");
            assertThat(action.input("schedule").asText()).isEqualTo(s.schedule());
            assertThat(action.input("timezone").asText()).isEqualTo(s.timezone().orElseThrow());
            assertThat(action.input("scalableTargetAction.minCapacity").asInt()).isEqualTo(s.minCapacity().orElseThrow());
            assertThat(action.input("scalableTargetAction.maxCapacity").isMissingNode()).isEqualTo(s.maxCapacity().isEmpty());
        }
        assertThat(resources("staging").ofType(SCHEDULED)).isEmpty();
    }

    // ---------------------------------------------------------------- names

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void autoNamedSageMakerResourcesLeaveRoomForPulumisSuffix(String stack) {
        List<ResourceState> autoNamed = resources(stack).matching(s -> (s.type().equals(MODEL) || s.type().equals(CONFIG))
                && list(s.inputs().path("__defaults")).stream().anyMatch(d -> d.asText().equals("name")));
        assertThat(autoNamed).hasSizeGreaterThanOrEqualTo(2);
        assertThat(autoNamed).allSatisfy(s -> {
            assertThat(s.name().length()).as(s.name()).isLessThanOrEqualTo(55);
            assertThat(s.input("name").asText()).hasSizeLessThanOrEqualTo(63).matches("[a-zA-Z0-9](-*[a-zA-Z0-9])*");
        });
    }

    // ---------------------------------------------------------------- who may do what

    private static IamEvaluator modelsRole(Resources r, String stack) {
        return Policies.evaluator(r, Policies.nameOf(r.one(ROLE, "mlops-" + stack + "-serving-models-role")));
    }

    @Test
    void onlySageMakerRunsTheModelsAsTheirRole() {
        ResourceState role = resources("staging").one(ROLE, "mlops-staging-serving-models-role");
        JsonNode trust = Resources.document(role, "assumeRolePolicy").path("Statement");
        assertThat(list(trust)).singleElement().satisfies(s -> {
            assertThat(s.path("Principal").path("Service").asText()).isEqualTo("sagemaker.amazonaws.com");
            assertThat(s.path("Action").asText()).isEqualTo("sts:AssumeRole");
        });
        assertThat(resources("staging").ofType(MODEL)).allSatisfy(m -> {
            assertThat(m.input("executionRoleArn").asText()).endsWith(":role/" + Policies.nameOf(role));
            assertThat(m.input("enableNetworkIsolation").asBoolean()).isTrue();
            assertThat(m.input("vpcConfig.subnets")).isNotEmpty();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theModelsReadTheirArtifactsAndNothingElseOfTheDataLake(String stack) {
        IamEvaluator role = modelsRole(resources(stack), stack);
        String artifacts = bucketArn(stack, "artifacts");
        String platformKey = (String) outputs(stack).get("platformKeyArn");

        assertThat(role.decide("s3:GetObject", artifacts + "/training/house-prices/run-1/output/model.tar.gz")).isEqualTo(ALLOW);
        assertThat(role.decide("kms:Decrypt", platformKey)).isEqualTo(ALLOW);
        assertThat(role.decide("s3:GetObject", artifacts + "/mlflow/secret-run/artifact.bin")).isEqualTo(IMPLICIT_DENY);
        assertThat(role.decide("s3:PutObject", artifacts + "/training/house-prices/model.tar.gz")).isEqualTo(IMPLICIT_DENY);
        assertThat(role.decide("s3:DeleteObject", artifacts + "/training/house-prices/model.tar.gz")).isEqualTo(IMPLICIT_DENY);
        for (String bucket : List.of("raw", "curated")) {
            assertThat(role.decide("s3:GetObject", bucketArn(stack, bucket) + "/house-sales/part-0.csv")).as(bucket).isEqualTo(IMPLICIT_DENY);
        }
        assertThat(role.decide("s3:GetObject", bucketArn(stack, "capture") + "/capture/x/champion/2026/05/01/00/a.jsonl"))
                .isEqualTo(IMPLICIT_DENY);
        assertThat(role.decide("kms:Decrypt", (String) outputs(stack).get("rawKeyArn"))).isEqualTo(IMPLICIT_DENY);
        // Images: pull, never push.
        assertThat(role.decide("ecr:BatchGetImage", "arn:aws:ecr:eu-west-1:141502667606:repository/sagemaker-xgboost")).isEqualTo(ALLOW);
        assertThat(role.decide("ecr:PutImage", "arn:aws:ecr:eu-west-1:111111111111:repository/mlops-staging-house-prices"))
                .isEqualTo(IMPLICIT_DENY);
        assertThat(role.decide("sagemaker:InvokeEndpoint", "arn:aws:sagemaker:eu-west-1:111111111111:endpoint/" + endpointName(stack)))
                .isEqualTo(IMPLICIT_DENY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theModelsWriteDataCaptureWithTheCaptureKey(String stack) {
        // SageMaker writes an endpoint's captured data as the model's execution role (DataCaptureConfig.KmsKeyId:
        // the key policy must grant the role given in CreateModel).
        IamEvaluator role = modelsRole(resources(stack), stack);
        String capture = bucketArn(stack, "capture");
        String platformKey = (String) outputs(stack).get("platformKeyArn");

        assertThat(role.decide("s3:PutObject", capture + "/capture/" + endpointName(stack) + "/champion/2026/05/01/10/a.jsonl"))
                .isEqualTo(ALLOW);
        assertThat(role.decide("kms:GenerateDataKey", platformKey)).isEqualTo(ALLOW);
        assertThat(role.decide("s3:PutObject", capture + "/ground-truth/" + endpointName(stack) + "/2026/05/01/10/labels.jsonl"))
                .isEqualTo(IMPLICIT_DENY);
        assertThat(role.decide("s3:DeleteObject", capture + "/capture/x.jsonl")).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void prodModelsReadTheArtifactsOfTheStackTheyArePromotedFrom() {
        IamEvaluator role = modelsRole(resources("prod"), "prod");
        Map<String, Object> source = map(outputs("prod").get("promotionSource"));

        assertThat(source.get("artifactsBucket")).isEqualTo(map(outputs("staging").get("dataBuckets")).get("artifacts"));
        assertThat(role.decide("s3:GetObject", "arn:aws:s3:::" + source.get("artifactsBucket") + "/training/house-prices/model.tar.gz"))
                .isEqualTo(ALLOW);
        assertThat(role.decide("kms:Decrypt", (String) source.get("platformKeyArn"))).isEqualTo(ALLOW);
        assertThat(role.decide("s3:GetObject", bucketArn("staging", "curated") + "/house-sales/part-0.csv")).isEqualTo(IMPLICIT_DENY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theInferenceFunctionMayInvokeItsStacksEndpointsOnly(String stack) {
        Resources r = resources(stack);
        IamEvaluator function = Policies.evaluator(r, Policies.nameOf(r.one(ROLE, "mlops-" + stack + "-inference-role")));
        String account = settings(stack).aws().accountId();
        String own = "arn:aws:sagemaker:eu-west-1:" + account + ":endpoint/" + endpointName(stack);

        assertThat(function.decide("sagemaker:InvokeEndpoint", own)).isEqualTo(ALLOW);
        assertThat(function.grantsOf("sagemaker:InvokeEndpoint")).singleElement().asString().contains(own);
        String other = stack.equals("prod") ? "staging" : "prod";
        String otherAccount = settings(other).aws().accountId();
        assertThat(function.decide("sagemaker:InvokeEndpoint", "arn:aws:sagemaker:eu-west-1:" + otherAccount + ":endpoint/" + endpointName(other)))
                .isEqualTo(IMPLICIT_DENY);
        assertThat(function.decide("sagemaker:InvokeEndpoint", "arn:aws:sagemaker:eu-west-1:" + account + ":endpoint/another-teams-endpoint"))
                .isEqualTo(IMPLICIT_DENY);
        for (String action : List.of("sagemaker:InvokeEndpointAsync", "sagemaker:InvokeEndpointWithResponseStream",
                "sagemaker:UpdateEndpoint", "sagemaker:DescribeEndpoint", "sagemaker:DeleteEndpoint")) {
            assertThat(function.decide(action, own)).as(action).isEqualTo(IMPLICIT_DENY);
        }
        assertThat(function.decide("s3:GetObject", bucketArn(stack, "capture") + "/capture/x.jsonl")).isEqualTo(IMPLICIT_DENY);
    }

    // ---------------------------------------------------------------- the inference API

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theApiAcceptsOnlySignedRequestsThrottledAsConfiguredAndLogsThem(String stack) {
        Resources r = resources(stack);
        ServingSettings.ApiSettings api = settings(stack).serving().api();
        String name = "mlops-" + stack + "-inference";

        ResourceState route = r.one("aws:apigatewayv2/route:Route", name + "-predictions");
        assertThat(route.input("routeKey").asText()).isEqualTo(InferenceApi.ROUTE);
        assertThat(route.input("authorizationType").asText()).isEqualTo("AWS_IAM");
        assertThat(r.ofType("aws:apigatewayv2/route:Route")).allSatisfy(rt -> assertThat(rt.input("authorizationType").asText()).isEqualTo("AWS_IAM"));

        ResourceState stage = r.one("aws:apigatewayv2/stage:Stage", name + "-stage");
        assertThat(stage.input("defaultRouteSettings.throttlingRateLimit").asDouble()).isEqualTo(api.rateLimit());
        assertThat(stage.input("defaultRouteSettings.throttlingBurstLimit").asInt()).isEqualTo(api.burstLimit());
        ResourceState logs = r.one("aws:cloudwatch/logGroup:LogGroup", name + "-access-logs");
        assertThat(stage.input("accessLogSettings.destinationArn").asText()).endsWith(":log-group:" + logs.input("name").asText());
        JsonNode format = Resources.documentOf(stage.input("accessLogSettings.format").asText());
        assertThat(format.path("requestId").asText()).isEqualTo("$context.requestId");
        assertThat(format.path("userArn").asText()).isEqualTo("$context.identity.userArn");
        assertThat(logs.input("retentionInDays").asInt()).isPositive();

        ResourceState permission = r.one("aws:lambda/permission:Permission", name + "-invoke");
        assertThat(permission.input("principal").asText()).isEqualTo("apigateway.amazonaws.com");
        assertThat(permission.input("qualifier").asText()).isEqualTo("live");
        assertThat(permission.input("sourceArn").asText()).endsWith("/*/POST/models/*/predictions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theFunctionRoutesEachModelToItsEndpointWithTheVersionsServed(String stack) throws Exception {
        ResourceState function = resources(stack).one("aws:lambda/function:Function", "mlops-" + stack + "-inference-function");
        JsonNode models = Resources.documentOf(function.input("environment.variables.MODELS").asText());
        Map<String, Object> endpoints = map(map(outputs(stack).get("endpoints")).get("house-prices"));

        assertThat(models.path("house-prices").path("endpoint").asText()).isEqualTo(endpoints.get("endpointName"));
        assertThat(models.path("house-prices").path("features").asInt()).isEqualTo(houseprices(stack).serving().featureCount().orElseThrow());
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().convertValue(models.path("house-prices").path("versions"), Map.class))
                .isEqualTo(endpoints.get("modelVersions"));
    }

    // ---------------------------------------------------------------- outputs

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theOutputsDescribeWhatIsServedAndParseAsAPromotingStackReadsThem(String stack) {
        Resources r = resources(stack);
        Map<String, Object> out = outputs(stack);
        assertThat(out).containsKeys("endpoints", "serving", PromotedPackage.OUTPUT, "inferenceApiUrl");

        Map<String, Object> endpoint = map(map(out.get("endpoints")).get("house-prices"));
        assertThat(endpoint.get("endpointName")).isEqualTo(endpoint(r, stack).input("name").asText());
        assertThat(endpoint.get("endpointConfigName")).isEqualTo(config(r, stack).input("name").asText());
        assertThat(List.copyOf(map(endpoint.get("modelVersions")).keySet())).isEqualTo(endpoint.get("variants"));

        Map<String, Object> status = map(map(out.get("serving")).get("house-prices"));
        assertThat(status.get("endpoint")).isEqualTo(true);
        assertThat((String) status.get("reason")).isNotBlank();
        // The default offline preview serves placeholders, and says so everywhere it shows them.
        assertThat(status.get("placeholder")).isEqualTo(true);

        List<String> problems = new ArrayList<>();
        Map<String, PromotedPackage> approved = PromotedPackage.parse(out.get(PromotedPackage.OUTPUT), stack, problems);
        assertThat(problems).isEmpty();
        assertThat(approved).containsOnlyKeys("house-prices");
        assertThat(approved.get("house-prices").modelPackageArn())
                .isEqualTo(r.one(MODEL, endpointName(stack) + "-champion").input("primaryContainer.modelPackageName").asText());
        assertThat(approved.get("house-prices").placeholder()).isTrue();

        assertThat((String) out.get("inferenceApiUrl")).matches("https://[a-z0-9]+\\.execute-api\\.eu-west-1\\.amazonaws\\.com/");
    }

    @Test
    void prodServesExactlyThePackageStagingApproved() {
        List<String> problems = new ArrayList<>();
        PromotedPackage approvedInStaging = PromotedPackage.parse(outputs("staging").get(PromotedPackage.OUTPUT), "staging", problems)
                .get("house-prices");
        assertThat(problems).isEmpty();
        assertThat(resources("prod").one(MODEL, endpointName("prod") + "-champion").input("primaryContainer.modelPackageName").asText())
                .isEqualTo(approvedInStaging.modelPackageArn());
        assertThat((String) map(map(outputs("prod").get("serving")).get("house-prices")).get("source")).isEqualTo("stack acme/mlops/staging");
    }
}
