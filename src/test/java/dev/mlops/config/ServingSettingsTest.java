package dev.mlops.config;

import static dev.mlops.config.StackYaml.minimal;
import static dev.mlops.config.StackYaml.model;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.config.ServingSettings.ModelServing;
import dev.mlops.config.ServingSettings.RollbackAlarms;
import dev.mlops.config.ServingSettings.RolloutSettings;
import dev.mlops.config.ServingSettings.ScheduledScaling;
import dev.mlops.config.ServingSettings.Strategy;
import dev.mlops.config.ServingSettings.TrafficRouting;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mlops:serving} (strategy, data capture, API throttling, the guarded rollout) and {@code mlops:models[].serving}
 * (instances, autoscaling, schedules, a pinned package, features per row). The minimal stack file is stack {@code dev}
 * without {@code mlops:promotion}; its one model names no data source and says {@code featureCount: 4}.
 */
class ServingSettingsTest extends StackFileParsing {

    private static final String KEY = "mlops:serving";
    private static final String PROMOTES = "{sourceStack: acme/mlops/staging}";
    private static final String PINNED = "arn:aws:sagemaker:eu-west-1:111111111111:model-package/mlops-staging-house-prices/7";

    private static StackYaml serving(String yamlValue) {
        return minimal().with(KEY, yamlValue);
    }

    /** A promoting stack, whose strategy is guardrails by default, with {@code rollout} as given. */
    private static StackYaml rollout(String rolloutYaml) {
        return minimal().with("mlops:promotion", PROMOTES).with(KEY, "{rollout: " + rolloutYaml + "}");
    }

    /** The minimal model with {@code serving} as given (plus featureCount 4, which it needs without a data source). */
    private static StackYaml modelServing(String fields) {
        return minimal().models(model().with("serving", "{featureCount: 4" + (fields.isEmpty() ? "" : ", " + fields) + "}"));
    }

    private ModelServing modelServingOf(StackYaml yaml) {
        return settingsOf(yaml).models().get(0).serving();
    }

    @Nested
    class RealStackFiles {

        @Test
        void stagingMeasuresTheChallengerInTheShadowAndCapturesEverything() {
            StackSettings s = StackSettings.fromStackFile(TestProjects.REAL_PROJECT, "staging");

            assertThat(s.serving().strategy()).isEqualTo(Strategy.SHADOW);
            assertThat(s.serving().dataCapturePercent()).isEqualTo(100);
            assertThat(s.serving().api()).isEqualTo(new ServingSettings.ApiSettings(20, 40));
            ModelServing m = s.models().get(0).serving();
            // maxCapacity 2 only: one instance to start, scaling between 1 and 2.
            assertThat(m).isEqualTo(new ModelServing("ml.m5.large", 1, 1, 2, ServingSettings.DEFAULT_TARGET_INVOCATIONS, List.of(),
                    Optional.empty(), Optional.of(4)));
        }

        @Test
        void prodRollsOutLinearlyWithTwoInstancesAndBusinessHoursScaling() {
            StackSettings s = StackSettings.fromStackFile(TestProjects.REAL_PROJECT, "prod");

            assertThat(s.serving().strategy()).isEqualTo(Strategy.GUARDRAILS);
            assertThat(s.serving().dataCapturePercent()).isEqualTo(20);
            assertThat(s.serving().api()).isEqualTo(new ServingSettings.ApiSettings(200, 400));
            RolloutSettings r = s.serving().rollout();
            assertThat(r.trafficRouting()).isEqualTo(TrafficRouting.LINEAR);
            assertThat(r.linearStepPercent()).isEqualTo(25);
            assertThat(r.waitIntervalSeconds()).isEqualTo(600);
            assertThat(r.terminationWaitSeconds()).isEqualTo(900);
            // Not set: four bakes of 600 s and the final 900 s, plus half an hour for the fleets to start.
            assertThat(r.shifts()).isEqualTo(4);
            assertThat(r.totalWaitSeconds()).isEqualTo(4 * 600 + 900);
            assertThat(r.maximumExecutionTimeoutSeconds()).isEqualTo(4 * 600 + 900 + 1800);
            assertThat(r.alarms()).isEqualTo(new RollbackAlarms(0, 0, 20, 500, 2));
            assertThat(r.additionalAlarmNames()).isEmpty();

            ModelServing m = s.models().get(0).serving();
            assertThat(m.instanceType()).isEqualTo("ml.m5.large");
            assertThat(List.of(m.instanceCount(), m.minCapacity(), m.maxCapacity(), m.targetInvocationsPerInstance()))
                    .containsExactly(2, 2, 6, 300);
            assertThat(m.scheduledScaling()).containsExactly(
                    new ScheduledScaling("business-hours", "cron(0 7 ? * MON-FRI *)", Optional.of("Europe/Dublin"), Optional.of(3), Optional.empty()),
                    new ScheduledScaling("after-hours", "cron(0 19 ? * MON-FRI *)", Optional.of("Europe/Dublin"), Optional.of(2), Optional.empty()));
            assertThat(m.pinnedModelPackageArn()).isEmpty();
            // house-sales: living_area_sqm, bedrooms, year_built, has_garden (postcode is text, price the target).
            assertThat(m.featureCount()).contains(4);
        }
    }

    @Nested
    class Defaults {

        @Test
        void aStackThatPromotesFromNoneMeasuresInTheShadow() {
            ServingSettings s = settingsOf(minimal()).serving();

            assertThat(s).isEqualTo(ServingSettings.defaults(false));
            assertThat(s.strategy()).isEqualTo(Strategy.SHADOW);
            assertThat(s.dataCapturePercent()).isEqualTo(100);
            assertThat(s.api()).isEqualTo(new ServingSettings.ApiSettings(50, 100));
        }

        @Test
        void aPromotingStackRollsOutWithGuardrails() {
            ServingSettings s = settingsOf(minimal().with("mlops:promotion", PROMOTES)).serving();

            assertThat(s.strategy()).isEqualTo(Strategy.GUARDRAILS);
            RolloutSettings r = s.rollout();
            assertThat(r.trafficRouting()).isEqualTo(TrafficRouting.LINEAR);
            assertThat(r.linearStepPercent()).isEqualTo(25);
            assertThat(r.waitIntervalSeconds()).isEqualTo(600);
            assertThat(r.terminationWaitSeconds()).isEqualTo(600);
            assertThat(r.maximumExecutionTimeoutSeconds()).isGreaterThan(r.totalWaitSeconds())
                    .isBetween(ServingSettings.MIN_EXECUTION_TIMEOUT, ServingSettings.MAX_EXECUTION_TIMEOUT);
            assertThat(RollbackAlarms.COUNT + r.additionalAlarmNames().size()).isLessThanOrEqualTo(ServingSettings.MAX_ROLLBACK_ALARMS);
        }

        @Test
        void anExplicitStrategyOverridesTheDefault() {
            assertThat(settingsOf(serving("{strategy: guardrails}")).serving().strategy()).isEqualTo(Strategy.GUARDRAILS);
            assertThat(settingsOf(serving("{strategy: shadow}").with("mlops:promotion", PROMOTES)).serving().strategy())
                    .isEqualTo(Strategy.SHADOW);
        }

        @Test
        void aModelWithoutServingSettingsGetsOneDefaultInstance() {
            ModelServing m = modelServingOf(modelServing(""));

            assertThat(m).isEqualTo(new ModelServing(ServingSettings.DEFAULT_INSTANCE_TYPE, 1, 1, 4,
                    ServingSettings.DEFAULT_TARGET_INVOCATIONS, List.of(), Optional.empty(), Optional.of(4)));
        }

        @Test
        void theDefaultTimeoutCoversEveryWaitAndStaysInAwssRange() {
            // 10 steps of an hour and an hour's final wait: longer than AWS allows, so the timeout cannot cover it.
            assertThat(problemsOf(rollout("{linearStepPercent: 10, waitIntervalSeconds: 3600, terminationWaitSeconds: 3600}")))
                    .containsExactly("mlops:serving.rollout.waitIntervalSeconds: the deployment waits 39600 seconds (10 baking period(s)"
                            + " of 3600 s and a termination wait of 3600 s) but may take only 14400 s (maximumExecutionTimeoutSeconds,"
                            + " at most 14400); shorten the waits");
            // No waits at all: half an hour for the new fleet to start, within AWS's range.
            assertThat(settingsOf(rollout("{trafficRouting: ALL_AT_ONCE, waitIntervalSeconds: 0, terminationWaitSeconds: 0}"))
                    .serving().rollout().maximumExecutionTimeoutSeconds()).isEqualTo(1800);
        }
    }

    @Nested
    class StackWide {

        @ParameterizedTest(name = "dataCapturePercent: {0}")
        @ValueSource(ints = {0, 1, 55, 100})
        void captureSharesFromNoneToAll(int percent) {
            assertThat(settingsOf(serving("{dataCapturePercent: " + percent + "}")).serving().dataCapturePercent()).isEqualTo(percent);
        }

        @Test
        void throttlingWithinApiGatewaysAccountLimits() {
            assertThat(settingsOf(serving("{api: {rateLimit: 12.5, burstLimit: 5000}}")).serving().api())
                    .isEqualTo(new ServingSettings.ApiSettings(12.5, 5000));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                {dataCapturePercent: 101}            | mlops:serving.dataCapturePercent | 101 is out of range 0..100
                {dataCapturePercent: -1}             | mlops:serving.dataCapturePercent | -1 is out of range 0..100
                {strategy: canary}                   | mlops:serving.strategy           | "canary" is not allowed; allowed: shadow, guardrails
                {strategy: shadw}                    | mlops:serving.strategy           | "shadw" is not allowed; did you mean "shadow"?; allowed: shadow, guardrails
                {api: {rateLimit: 0}}                | mlops:serving.api.rateLimit      | 0 is out of range 1..10000
                {api: {rateLimit: 10001}}            | mlops:serving.api.rateLimit      | 10001 is out of range 1..10000
                {api: {burstLimit: 0}}               | mlops:serving.api.burstLimit     | 0 is out of range 1..5000
                {api: {burstLimit: 5001}}            | mlops:serving.api.burstLimit     | 5001 is out of range 1..5000
                {api: {rateLimt: 5}}                 | mlops:serving.api.rateLimt       | unknown key; did you mean "mlops:serving.api.rateLimit"?
                {dataCapturePercnt: 5}               | mlops:serving.dataCapturePercnt  | unknown key; did you mean "mlops:serving.dataCapturePercent"?
                {rollout: {trafficRouting: LINEAR}}  | mlops:serving.rollout            | applies only to strategy guardrails; this stack's strategy is shadow (the default of a stack without mlops:promotion)
                {strategy: shadow, rollout: {}}      | mlops:serving.rollout            | applies only to strategy guardrails; this stack's strategy is shadow
                """)
        void badValuesNameTheKeyTheValueAndWhatIsAllowed(String value, String path, String message) {
            ConfigProblem p = onlyProblem(serving(value));
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.message()).isEqualTo(message);
        }

        @Test
        void everyProblemIsReportedAtOnce() {
            assertThat(problemsOf(serving("{dataCapturePercent: 200, api: {rateLimit: 0, burstLimit: 0}}"))).containsExactlyInAnyOrder(
                    "mlops:serving.dataCapturePercent: 200 is out of range 0..100",
                    "mlops:serving.api.rateLimit: 0 is out of range 1..10000",
                    "mlops:serving.api.burstLimit: 0 is out of range 1..5000");
        }
    }

    @Nested
    class Rollout {

        @Test
        void aCanaryTakesItsShareAndShiftsTwice() {
            RolloutSettings r = settingsOf(rollout("{trafficRouting: CANARY, canaryPercent: 5, waitIntervalSeconds: 300,"
                    + " terminationWaitSeconds: 120, maximumExecutionTimeoutSeconds: 1800}")).serving().rollout();

            assertThat(r.trafficRouting()).isEqualTo(TrafficRouting.CANARY);
            assertThat(r.canaryPercent()).isEqualTo(5);
            assertThat(r.shifts()).isEqualTo(2);
            assertThat(r.totalWaitSeconds()).isEqualTo(2 * 300 + 120);
            assertThat(r.maximumExecutionTimeoutSeconds()).isEqualTo(1800);
        }

        @ParameterizedTest(name = "linearStepPercent {0}: {1} shifts")
        @CsvSource({"10, 10", "30, 4", "33, 4", "50, 2"})
        void aLinearRolloutShiftsUntilAllTrafficMoved(int step, int shifts) {
            RolloutSettings r = settingsOf(rollout("{linearStepPercent: " + step + ", waitIntervalSeconds: 60}")).serving().rollout();
            assertThat(r.shifts()).isEqualTo(shifts);
        }

        @Test
        void existingAlarmsMayAlsoRollBack() {
            List<String> six = IntStream.rangeClosed(1, 6).mapToObj(i -> "team-alarm-" + i).toList();
            RolloutSettings r = settingsOf(rollout("{additionalAlarmNames: [" + String.join(", ", six) + "]}")).serving().rollout();
            assertThat(r.additionalAlarmNames()).containsExactlyElementsOf(six);
        }

        @Test
        void theAlarmThresholdsAreConfigurable() {
            RolloutSettings r = settingsOf(rollout("{alarms: {max5xxErrorsPerMinute: 3, maxModelErrorsPerMinute: 4,"
                    + " max4xxErrorsPerMinute: 50, maxModelLatencyMs: 250, evaluationMinutes: 5}}")).serving().rollout();
            assertThat(r.alarms()).isEqualTo(new RollbackAlarms(3, 4, 50, 250, 5));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                {trafficRouting: linear}                          | mlops:serving.rollout.trafficRouting     | "linear" is not allowed; did you mean "LINEAR"?; allowed: ALL_AT_ONCE, CANARY, LINEAR
                {trafficRouting: GRADUAL}                         | mlops:serving.rollout.trafficRouting     | "GRADUAL" is not allowed; allowed: ALL_AT_ONCE, CANARY, LINEAR
                {linearStepPercent: 9}                            | mlops:serving.rollout.linearStepPercent  | 9 is out of range 10..50: SageMaker moves 10% to 50% of the capacity per linear step
                {linearStepPercent: 51}                           | mlops:serving.rollout.linearStepPercent  | 51 is out of range 10..50: SageMaker moves 10% to 50% of the capacity per linear step
                {trafficRouting: CANARY, linearStepPercent: 20}   | mlops:serving.rollout.linearStepPercent  | applies only to trafficRouting LINEAR, not CANARY
                {trafficRouting: CANARY, canaryPercent: 0}        | mlops:serving.rollout.canaryPercent      | 0 is out of range 1..50: a canary takes at most half of the capacity
                {trafficRouting: CANARY, canaryPercent: 51}       | mlops:serving.rollout.canaryPercent      | 51 is out of range 1..50: a canary takes at most half of the capacity
                {canaryPercent: 10}                               | mlops:serving.rollout.canaryPercent      | applies only to trafficRouting CANARY, not LINEAR
                {trafficRouting: ALL_AT_ONCE, canaryPercent: 10}  | mlops:serving.rollout.canaryPercent      | applies only to trafficRouting CANARY, not ALL_AT_ONCE
                {waitIntervalSeconds: -1}                         | mlops:serving.rollout.waitIntervalSeconds | -1 is out of range 0..3600
                {waitIntervalSeconds: 3601}                       | mlops:serving.rollout.waitIntervalSeconds | 3601 is out of range 0..3600
                {terminationWaitSeconds: 3601}                    | mlops:serving.rollout.terminationWaitSeconds | 3601 is out of range 0..3600
                {maximumExecutionTimeoutSeconds: 599}             | mlops:serving.rollout.maximumExecutionTimeoutSeconds | 599 is out of range 600..14400
                {maximumExecutionTimeoutSeconds: 14401}           | mlops:serving.rollout.maximumExecutionTimeoutSeconds | 14401 is out of range 600..14400
                {alarms: {evaluationMinutes: 0}}                  | mlops:serving.rollout.alarms.evaluationMinutes | 0 is out of range 1..60
                {alarms: {maxModelLatencyMs: 0}}                  | mlops:serving.rollout.alarms.maxModelLatencyMs | 0 is out of range 1..3600000
                {alarms: {max5xxErrorsPerMinute: -1}}             | mlops:serving.rollout.alarms.max5xxErrorsPerMinute | -1 is out of range 0..100000
                {alarms: {maxModelLatenyMs: 100}}                 | mlops:serving.rollout.alarms.maxModelLatenyMs | unknown key; did you mean "mlops:serving.rollout.alarms.maxModelLatencyMs"?
                {waitIntervalSecond: 60}                          | mlops:serving.rollout.waitIntervalSecond  | unknown key; did you mean "mlops:serving.rollout.waitIntervalSeconds"?
                {additionalAlarmNames: [a, b, a]}                 | mlops:serving.rollout.additionalAlarmNames[2] | "a" is listed twice
                """)
        void badValuesNameTheKeyTheValueAndWhatIsAllowed(String value, String path, String message) {
            ConfigProblem p = onlyProblem(rollout(value));
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.message()).isEqualTo(message);
        }

        @Test
        void atMostTenRollbackAlarmsWithTheStacksOwnFour() {
            String seven = IntStream.rangeClosed(1, 7).mapToObj(i -> "team-alarm-" + i).collect(Collectors.joining(", ", "[", "]"));
            ConfigProblem p = onlyProblem(rollout("{additionalAlarmNames: " + seven + "}"));
            assertThat(p.path()).isEqualTo("mlops:serving.rollout.additionalAlarmNames");
            assertThat(p.message()).isEqualTo("lists 7 alarms; with the stack's own 4 that is more than the 10 SageMaker accepts (at most 6 more)");
        }

        @Test
        void theTimeoutMustExceedEveryWait() {
            // 4 bakes of 600 s and 900 s of termination wait are 3300 s: a 3300 s timeout leaves nothing to deploy with.
            ConfigProblem p = onlyProblem(rollout("{waitIntervalSeconds: 600, terminationWaitSeconds: 900,"
                    + " maximumExecutionTimeoutSeconds: 3300}"));
            assertThat(p.path()).isEqualTo("mlops:serving.rollout.maximumExecutionTimeoutSeconds");
            assertThat(p.message()).isEqualTo("the deployment waits 3300 seconds (4 baking period(s) of 600 s and a termination wait"
                    + " of 900 s) but may take only 3300 s (maximumExecutionTimeoutSeconds); shorten the waits or raise the timeout");
            assertThat(settingsOf(rollout("{waitIntervalSeconds: 600, terminationWaitSeconds: 900, maximumExecutionTimeoutSeconds: 3301}"))
                    .serving().rollout().maximumExecutionTimeoutSeconds()).isEqualTo(3301);
        }

        @Test
        void aTimeoutOutOfRangeIsReportedOnce() {
            assertThat(problemsOf(rollout("{maximumExecutionTimeoutSeconds: 100}")))
                    .containsExactly("mlops:serving.rollout.maximumExecutionTimeoutSeconds: 100 is out of range 600..14400");
        }
    }

    @Nested
    class PerModel {

        @Test
        void everyFieldGiven() {
            ModelServing m = modelServingOf(modelServing("instanceType: ml.c5.xlarge, instanceCount: 2, minCapacity: 1, maxCapacity: 8,"
                    + " targetInvocationsPerInstance: 750, pinnedModelPackageArn: \"" + PINNED + "\","
                    + " scheduledScaling: [{name: nights, schedule: \"cron(0 22 * * ? *)\", timezone: Europe/Berlin, maxCapacity: 2},"
                    + " {name: once, schedule: \"at(2026-12-24T18:00:00)\", minCapacity: 0, maxCapacity: 1},"
                    + " {name: hourly, schedule: \"rate(1 hour)\", minCapacity: 2}]"));

            assertThat(m.instanceType()).isEqualTo("ml.c5.xlarge");
            assertThat(List.of(m.instanceCount(), m.minCapacity(), m.maxCapacity(), m.targetInvocationsPerInstance()))
                    .containsExactly(2, 1, 8, 750);
            assertThat(m.pinnedModelPackageArn()).contains(PINNED);
            assertThat(m.scheduledScaling()).containsExactly(
                    new ScheduledScaling("nights", "cron(0 22 * * ? *)", Optional.of("Europe/Berlin"), Optional.empty(), Optional.of(2)),
                    new ScheduledScaling("once", "at(2026-12-24T18:00:00)", Optional.empty(), Optional.of(0), Optional.of(1)),
                    new ScheduledScaling("hourly", "rate(1 hour)", Optional.empty(), Optional.of(2), Optional.empty()));
            assertThat(m.featureCount()).contains(4);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                instanceCount: 3                | 3 | 3 | 4
                minCapacity: 2                  | 2 | 2 | 4
                maxCapacity: 2                  | 1 | 1 | 2
                instanceCount: 6                | 6 | 6 | 6
                instanceCount: 2, maxCapacity: 5 | 2 | 2 | 5
                """)
        void capacityDefaultsFollowWhatIsGiven(String fields, int count, int min, int max) {
            ModelServing m = modelServingOf(modelServing(fields));
            assertThat(List.of(m.instanceCount(), m.minCapacity(), m.maxCapacity())).containsExactly(count, min, max);
        }

        @Test
        void theFeatureCountIsDerivedFromTheDataSourcesColumns() {
            StackYaml yaml = minimal()
                    .dataSources(StackYaml.dataSource().with("expectations", "{minRows: 10, columns: [{name: price, type: number},"
                            + " {name: rooms, type: integer}, {name: city, type: string}, {name: garden, type: boolean}]}"))
                    .models(model().with("dataSource", "house-sales").with("serving", "{instanceType: ml.m5.large}"));
            assertThat(modelServingOf(yaml).featureCount()).contains(2);
        }

        @Test
        void aGivenFeatureCountWinsOverTheDerivedOne() {
            StackYaml yaml = minimal().dataSources(StackYaml.dataSource())
                    .models(model().with("dataSource", "house-sales").with("serving", "{featureCount: 9}"));
            assertThat(modelServingOf(yaml).featureCount()).contains(9);
        }

        @Test
        void withoutADataSourceTheFeatureCountIsRequired() {
            ConfigProblem p = onlyProblem(minimal().models(model().with("serving", "{instanceType: ml.m5.large}")));
            assertThat(p.path()).isEqualTo("mlops:models[0].serving.featureCount");
            assertThat(p.message()).startsWith("is required when the model names no dataSource");
        }

        @Test
        void aDataSourceWithOnlyTheTargetAndTextYieldsNoFeatures() {
            StackYaml yaml = minimal()
                    .dataSources(StackYaml.dataSource().with("expectations", "{minRows: 10, columns: [{name: price, type: number},"
                            + " {name: city, type: string}]}"))
                    .models(model().with("dataSource", "house-sales").without("serving"));
            ConfigProblem p = onlyProblem(yaml);
            assertThat(p.path()).isEqualTo("mlops:models[0].serving.featureCount");
            assertThat(p.message()).isEqualTo("is required: data source house-sales has no number, integer or boolean column besides the target");
        }

        @Test
        void anUnknownInstanceTypeGetsASuggestion() {
            ConfigProblem p = onlyProblem(modelServing("instanceType: ml.m5.lareg"));
            assertThat(p.path()).isEqualTo("mlops:models[0].serving.instanceType");
            assertThat(p.message()).startsWith("\"ml.m5.lareg\" is not a SageMaker endpoint instance type; did you mean \"ml.m5.large\"?");
        }

        @Test
        void aTrainingOnlyInstanceTypeIsNoEndpointType() {
            // ml.p3dn.24xlarge trains, but SageMaker does not host endpoints on it.
            ConfigProblem p = onlyProblem(modelServing("instanceType: ml.p3dn.24xlarge"));
            assertThat(p.path()).isEqualTo("mlops:models[0].serving.instanceType");
            assertThat(p.message()).contains("is not a SageMaker endpoint instance type");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"LINEAR", "CANARY"})
        void inferentia1CannotShiftTrafficGradually(String routing) {
            String rollout = routing.equals("LINEAR") ? "{trafficRouting: LINEAR}" : "{trafficRouting: CANARY, canaryPercent: 10}";
            ConfigProblem p = onlyProblem(modelServing("instanceType: ml.inf1.xlarge")
                    .with("mlops:promotion", PROMOTES).with(KEY, "{rollout: " + rollout + "}"));
            assertThat(p.path()).isEqualTo("mlops:models[0].serving.instanceType");
            assertThat(p.message()).isEqualTo("\"ml.inf1.xlarge\" is an Inf1 instance type: SageMaker cannot shift traffic " + routing
                    + " on it and would deploy all at once without a baking period; choose another instance type");
        }

        @Test
        void inferentia1IsFineAllAtOnceOrInTheShadow() {
            assertThat(modelServingOf(modelServing("instanceType: ml.inf1.xlarge")).instanceType()).isEqualTo("ml.inf1.xlarge");
            assertThat(modelServingOf(modelServing("instanceType: ml.inf1.xlarge").with("mlops:promotion", PROMOTES)
                    .with(KEY, "{rollout: {trafficRouting: ALL_AT_ONCE}}")).instanceType()).isEqualTo("ml.inf1.xlarge");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                instanceCount: 0                          | mlops:models[0].serving.instanceCount  | 0 is out of range 1..100
                minCapacity: 101                          | mlops:models[0].serving.minCapacity    | 101 is out of range 1..100
                maxCapacity: 0                            | mlops:models[0].serving.maxCapacity    | 0 is out of range 1..100
                targetInvocationsPerInstance: 0           | mlops:models[0].serving.targetInvocationsPerInstance | 0 is out of range 1..100000
                minCapacity: 5, maxCapacity: 3            | mlops:models[0].serving.minCapacity    | minCapacity 5 is above maxCapacity 3; autoscaling needs minCapacity <= maxCapacity
                instanceCount: 1, minCapacity: 2, maxCapacity: 3 | mlops:models[0].serving.instanceCount | instanceCount 1 is outside minCapacity..maxCapacity (2..3); autoscaling would move it at once
                instanceCount: 4, minCapacity: 1, maxCapacity: 3 | mlops:models[0].serving.instanceCount | instanceCount 4 is outside minCapacity..maxCapacity (1..3); autoscaling would move it at once
                instanceCount: 5, maxCapacity: 3          | mlops:models[0].serving.instanceCount  | instanceCount 5 is above maxCapacity 3 (minCapacity, not given, starts at instanceCount); autoscaling needs minCapacity <= maxCapacity
                pinnedModelPackageArn: arn:aws:sagemaker:eu-west-1:111111111111:model-package-group/mlops-staging-house-prices | mlops:models[0].serving.pinnedModelPackageArn | "arn:aws:sagemaker:eu-west-1:111111111111:model-package-group/mlops-staging-house-prices" is not allowed: a versioned model package ARN, arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>
                pinnedModelPackageArn: arn:aws:sagemaker:eu-west-1:111111111111:model-package/mlops-staging-house-prices/0 | mlops:models[0].serving.pinnedModelPackageArn | "arn:aws:sagemaker:eu-west-1:111111111111:model-package/mlops-staging-house-prices/0" is not allowed: a versioned model package ARN, arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>
                featureCount: 0                           | mlops:models[0].serving.featureCount   | 0 is out of range 1..10000
                instanceTyp: ml.m5.large                  | mlops:models[0].serving.instanceTyp    | unknown key; did you mean "mlops:models[0].serving.instanceType"?
                """)
        void badValuesNameTheKeyTheValueAndWhatIsAllowed(String fields, String path, String message) {
            // featureCount is given once by modelServing(); a test of featureCount replaces it.
            StackYaml yaml = fields.startsWith("featureCount")
                    ? minimal().models(model().with("serving", "{" + fields + "}")) : modelServing(fields);
            ConfigProblem p = onlyProblem(yaml);
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.message()).isEqualTo(message);
        }

        @Test
        void aPinnedArnMayNameAnotherAccountAndRegion() {
            String elsewhere = "arn:aws:sagemaker:us-east-1:333333333333:model-package/shared-house-prices/12";
            assertThat(modelServingOf(modelServing("pinnedModelPackageArn: \"" + elsewhere + "\"")).pinnedModelPackageArn()).contains(elsewhere);
        }
    }

    @Nested
    class ScheduledScalingEntries {

        private StackYaml schedules(String list) {
            return modelServing("scheduledScaling: " + list);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '^', textBlock = """
                [{name: a, schedule: "cron(0 7 * * *)", minCapacity: 1}]        ^ mlops:models[0].serving.scheduledScaling[0].schedule ^ "cron(0 7 * * *)" is not allowed: cron(minutes hours day-of-month month day-of-week year), rate(<n> minutes|hours|days) or at(yyyy-mm-ddThh:mm:ss)
                [{name: a, schedule: "rate(0 hours)", minCapacity: 1}]          ^ mlops:models[0].serving.scheduledScaling[0].schedule ^ "rate(0 hours)" is not allowed: cron(minutes hours day-of-month month day-of-week year), rate(<n> minutes|hours|days) or at(yyyy-mm-ddThh:mm:ss)
                [{name: a, schedule: "at(2026-12-24 18:00)", minCapacity: 1}]   ^ mlops:models[0].serving.scheduledScaling[0].schedule ^ "at(2026-12-24 18:00)" is not allowed: cron(minutes hours day-of-month month day-of-week year), rate(<n> minutes|hours|days) or at(yyyy-mm-ddThh:mm:ss)
                [{name: a, schedule: "rate(1 hour)", timezone: Europe/Dublni, minCapacity: 1}] ^ mlops:models[0].serving.scheduledScaling[0].timezone ^ "Europe/Dublni" is not an IANA time zone; did you mean "Europe/Dublin"?, e.g. Europe/Berlin
                [{name: Business_Hours, schedule: "rate(1 hour)", minCapacity: 1}] ^ mlops:models[0].serving.scheduledScaling[0].name ^ "Business_Hours" is not allowed: lowercase letters, digits and single hyphens
                [{schedule: "rate(1 hour)", minCapacity: 1}]                    ^ mlops:models[0].serving.scheduledScaling[0].name     ^ is required: a name for the schedule, e.g. business-hours
                [{name: a, minCapacity: 1}]                                     ^ mlops:models[0].serving.scheduledScaling[0].schedule ^ is required: when it applies, e.g. "cron(0 7 ? * MON-FRI *)"
                [{name: a, schedule: "rate(1 hour)"}]                           ^ mlops:models[0].serving.scheduledScaling[0]          ^ sets neither minCapacity nor maxCapacity; a scheduled action must change at least one
                [{name: a, schedule: "rate(1 hour)", minCapacity: 4, maxCapacity: 2}] ^ mlops:models[0].serving.scheduledScaling[0].minCapacity ^ minCapacity 4 is above maxCapacity 2
                [{name: a, schedule: "rate(1 hour)", maxCapacity: 0}]           ^ mlops:models[0].serving.scheduledScaling[0].maxCapacity ^ 0 is out of range 1..100
                [{name: a, schedule: "rate(1 hour)", min: 2}]                   ^ mlops:models[0].serving.scheduledScaling[0]          ^ sets neither minCapacity nor maxCapacity; a scheduled action must change at least one
                [{name: a, schedule: "rate(1 hour)", minCapacity: 5}]           ^ mlops:models[0].serving.scheduledScaling[0].minCapacity ^ minCapacity 5 is above the model's maxCapacity 4; raise maxCapacity or set this schedule's maxCapacity too
                """)
        void badEntriesNameTheirKey(String list, String path, String message) {
            List<String> problems = problemsOf(schedules(list));
            assertThat(problems).contains(path + ": " + message);
        }

        @Test
        void aScheduleMayNotLowerTheMaximumBelowTheModelsMinimum() {
            assertThat(problemsOf(modelServing("minCapacity: 2, maxCapacity: 6, instanceCount: 2,"
                    + " scheduledScaling: [{name: nights, schedule: \"rate(1 day)\", maxCapacity: 1}]"))).containsExactly(
                    "mlops:models[0].serving.scheduledScaling[0].maxCapacity: maxCapacity 1 is below the model's minCapacity 2;"
                            + " lower minCapacity or set this schedule's minCapacity too");
            // Changing both bounds together is fine.
            assertThat(modelServingOf(modelServing("minCapacity: 2, maxCapacity: 6, instanceCount: 2,"
                    + " scheduledScaling: [{name: nights, schedule: \"rate(1 day)\", minCapacity: 1, maxCapacity: 1}]"))
                    .scheduledScaling()).hasSize(1);
        }

        @Test
        void aMisspelledFieldOfAScheduleGetsASuggestion() {
            assertThat(problemsOf(schedules("[{name: a, schedule: \"rate(1 hour)\", minCapacity: 1, timezon: UTC}]"))).containsExactly(
                    "mlops:models[0].serving.scheduledScaling[0].timezon: unknown key; did you mean"
                            + " \"mlops:models[0].serving.scheduledScaling[0].timezone\"?");
        }

        @Test
        void scheduleNamesAreUniquePerModel() {
            ConfigProblem p = onlyProblem(schedules("[{name: peak, schedule: \"rate(1 hour)\", minCapacity: 2},"
                    + " {name: peak, schedule: \"rate(2 hours)\", minCapacity: 1}]"));
            assertThat(p.path()).isEqualTo("mlops:models[0].serving.scheduledScaling[1].name");
            assertThat(p.message()).isEqualTo("\"peak\" is used by another schedule of this model");
        }
    }

    @Test
    void theEngineHandsTheObjectOverAsJsonText() {
        assertThat(settingsOf(serving("'{\"dataCapturePercent\": 30, \"api\": {\"burstLimit\": 7}}'")).serving())
                .satisfies(s -> {
                    assertThat(s.dataCapturePercent()).isEqualTo(30);
                    assertThat(s.api().burstLimit()).isEqualTo(7);
                });
    }
}
