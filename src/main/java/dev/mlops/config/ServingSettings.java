package dev.mlops.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantInstanceType;

/**
 * How this stack serves its models ({@code mlops:serving}): a staging stack measures the challenger beside
 * the champion on real traffic (a shadow variant); a prod stack rolls a new champion out gradually with
 * deployment guardrails and rolls it back on alarms.
 *
 * @param strategy           {@code shadow} or {@code guardrails}; by default guardrails for a stack that promotes
 *                           from another one ({@code mlops:promotion}), shadow otherwise
 * @param dataCapturePercent share of requests whose input and output are captured (both variants), 0..100
 * @param api                the inference API's throttling
 * @param rollout            the blue/green deployment of a guardrails stack
 */
public record ServingSettings(Strategy strategy, int dataCapturePercent, ApiSettings api, RolloutSettings rollout) {

    public enum Strategy {
        SHADOW("shadow"), GUARDRAILS("guardrails");

        private final String key;

        Strategy(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /**
     * @param rateLimit  steady requests per second the API accepts (API Gateway stage throttling)
     * @param burstLimit requests it accepts in a burst above the rate
     */
    public record ApiSettings(double rateLimit, int burstLimit) {
    }

    /** SageMaker's TrafficRoutingConfig types. */
    public enum TrafficRouting {
        ALL_AT_ONCE, CANARY, LINEAR
    }

    /**
     * The blue/green update of a prod endpoint (SageMaker deployment guardrails).
     *
     * @param trafficRouting           how traffic moves to the new fleet
     * @param linearStepPercent        LINEAR: share of the capacity moved per step (10..50, SageMaker's limits)
     * @param canaryPercent            CANARY: share of the capacity the canary takes first (1..50)
     * @param waitIntervalSeconds      the baking period after each shift, during which the alarms can roll back (0..3600)
     * @param terminationWaitSeconds   how long the old fleet is kept after all traffic moved (0..3600)
     * @param maximumExecutionTimeoutSeconds the deployment's time limit (600..14400); above the total waiting time
     * @param alarms                   the thresholds of the rollback alarms this stack creates
     * @param additionalAlarmNames     existing CloudWatch alarms that also roll a deployment back
     */
    public record RolloutSettings(TrafficRouting trafficRouting, int linearStepPercent, int canaryPercent, int waitIntervalSeconds,
                                  int terminationWaitSeconds, int maximumExecutionTimeoutSeconds, RollbackAlarms alarms,
                                  List<String> additionalAlarmNames) {
        public RolloutSettings {
            additionalAlarmNames = List.copyOf(additionalAlarmNames);
        }

        /** How many times traffic shifts: one for all at once, two for a canary, one per step for linear. */
        public int shifts() {
            return switch (trafficRouting) {
                case ALL_AT_ONCE -> 1;
                case CANARY -> 2;
                case LINEAR -> (100 + linearStepPercent - 1) / linearStepPercent;
            };
        }

        /** The least time a deployment takes: every baking period and the final wait. */
        public int totalWaitSeconds() {
            return shifts() * waitIntervalSeconds + terminationWaitSeconds;
        }
    }

    /**
     * Thresholds of the alarms that watch each endpoint variant and roll a guarded deployment back. Each
     * alarm fires when its metric breaches for {@code evaluationMinutes} consecutive minutes.
     *
     * @param max5xxErrorsPerMinute   Invocation5XXErrors (the container or SageMaker failed)
     * @param maxModelErrorsPerMinute InvocationModelErrors (the model answered with an error)
     * @param max4xxErrorsPerMinute   Invocation4XXErrors (requests the new model rejects)
     * @param maxModelLatencyMs       p99 of ModelLatency, in milliseconds
     * @param evaluationMinutes       consecutive breaching minutes before an alarm fires
     */
    public record RollbackAlarms(int max5xxErrorsPerMinute, int maxModelErrorsPerMinute, int max4xxErrorsPerMinute,
                                 int maxModelLatencyMs, int evaluationMinutes) {
        /** How many alarms the stack creates per endpoint. */
        public static final int COUNT = 4;
    }

    /**
     * How one model is served ({@code mlops:models[].serving}).
     *
     * @param instanceType                 instance type of both variants
     * @param instanceCount                instances each variant starts with
     * @param minCapacity                  autoscaling lower bound
     * @param maxCapacity                  autoscaling upper bound
     * @param targetInvocationsPerInstance target tracking: invocations per instance and minute
     * @param scheduledScaling             capacity changes at set times, e.g. more instances in business hours
     * @param pinnedModelPackageArn        serve exactly this package as the champion, without a challenger
     * @param featureCount                 features per row; derived from the data source's columns when absent
     */
    public record ModelServing(String instanceType, int instanceCount, int minCapacity, int maxCapacity,
                               int targetInvocationsPerInstance, List<ScheduledScaling> scheduledScaling,
                               Optional<String> pinnedModelPackageArn, Optional<Integer> featureCount) {
        public ModelServing {
            scheduledScaling = List.copyOf(scheduledScaling);
        }

        public static ModelServing defaults() {
            return new ModelServing(DEFAULT_INSTANCE_TYPE, 1, 1, 4, DEFAULT_TARGET_INVOCATIONS, List.of(), Optional.empty(),
                    Optional.empty());
        }
    }

    /**
     * @param name        unique per model, e.g. business-hours
     * @param schedule    Application Auto Scaling schedule: {@code cron(m h d M wd y)}, {@code rate(n unit)} or {@code at(...)}
     * @param timezone    IANA time zone of a cron or at schedule
     * @param minCapacity the new lower bound, when set
     * @param maxCapacity the new upper bound, when set
     */
    public record ScheduledScaling(String name, String schedule, Optional<String> timezone, Optional<Integer> minCapacity,
                                   Optional<Integer> maxCapacity) {
    }

    public static final int DEFAULT_DATA_CAPTURE_PERCENT = 100;
    public static final String DEFAULT_INSTANCE_TYPE = "ml.m5.large";
    public static final int DEFAULT_TARGET_INVOCATIONS = 100;
    /** SageMaker accepts at most ten auto-rollback alarms (AutoRollbackConfig.Alarms). */
    public static final int MAX_ROLLBACK_ALARMS = 10;
    /** BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds as the AWS provider validates it. */
    public static final int MIN_EXECUTION_TIMEOUT = 600;
    public static final int MAX_EXECUTION_TIMEOUT = 14400;

    static final Check<String> MODEL_PACKAGE_ARN = Check.pattern(
            "arn:aws[a-z-]*:sagemaker:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:model-package/[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}/[1-9]\\d{0,9}",
            "a versioned model package ARN, arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>");
    static final Check<String> ALARM_NAME = Check.pattern("[^\\p{Cntrl}]{1,255}", "1 to 255 characters without control characters");
    static final Check<String> SCHEDULE_NAME = Check.pattern("[a-z0-9]+(-[a-z0-9]+)*", "lowercase letters, digits and single hyphens");
    // Application Auto Scaling: at(yyyy-mm-ddThh:mm:ss), rate(value unit), cron(fields) with six fields.
    static final Check<String> SCALING_SCHEDULE = Check.pattern(
            "at\\(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\)|rate\\([1-9]\\d* (minute|minutes|hour|hours|day|days)\\)"
                    + "|cron\\(\\S+ \\S+ \\S+ \\S+ \\S+ \\S+\\)",
            "cron(minutes hours day-of-month month day-of-week year), rate(<n> minutes|hours|days) or at(yyyy-mm-ddThh:mm:ss)");

    /** The serving defaults of a stack that does ({@code promotes}) or does not promote from another stack. */
    public static ServingSettings defaults(boolean promotes) {
        return new ServingSettings(promotes ? Strategy.GUARDRAILS : Strategy.SHADOW, DEFAULT_DATA_CAPTURE_PERCENT,
                new ApiSettings(50, 100), defaultRollout());
    }

    static RolloutSettings defaultRollout() {
        return new RolloutSettings(TrafficRouting.LINEAR, 25, 10, 600, 600,
                timeoutFor(TrafficRouting.LINEAR, 25, 600, 600), new RollbackAlarms(0, 0, 20, 1000, 2), List.of());
    }

    /** The default time limit: every wait plus half an hour for fleets to start, within AWS's range. */
    static int timeoutFor(TrafficRouting routing, int step, int wait, int termination) {
        var probe = new RolloutSettings(routing, step, 10, wait, termination, 0, null, List.of());
        return Math.max(MIN_EXECUTION_TIMEOUT, Math.min(MAX_EXECUTION_TIMEOUT, probe.totalWaitSeconds() + 1800));
    }

    static ServingSettings read(ConfigReader s, boolean promotes) {
        ServingSettings defaults = defaults(promotes);
        Strategy strategy = s.string("strategy").check(Check.oneOf(keys(Strategy.values())))
                .optional().map(ServingSettings::strategy).orElse(defaults.strategy());
        int capture = s.integer("dataCapturePercent").check(Check.range(0, 100)).orElse(DEFAULT_DATA_CAPTURE_PERCENT);
        ApiSettings api = api(s.object("api"), defaults.api());
        Optional<ConfigReader> rolloutReader = s.optionalObject("rollout");
        RolloutSettings rollout = rolloutReader.map(ServingSettings::rollout).orElse(defaults.rollout());
        if (rolloutReader.isPresent() && strategy == Strategy.SHADOW) {
            s.problems().add(s.pathOf("rollout"), "applies only to strategy guardrails; this stack's strategy is shadow"
                    + (s.has("strategy") ? "" : " (the default of a stack without mlops:promotion)"));
        }
        s.rejectUnknownKeys();
        return new ServingSettings(strategy, capture, api, rollout);
    }

    private static Strategy strategy(String key) {
        return Arrays.stream(Strategy.values()).filter(v -> v.key().equals(key)).findFirst().orElseThrow();
    }

    private static ApiSettings api(ConfigReader a, ApiSettings defaults) {
        // API Gateway's account-level default is 10,000 requests per second with a burst of 5,000.
        double rate = a.decimal("rateLimit").check(Check.between(1, 10000)).orElse(defaults.rateLimit());
        int burst = a.integer("burstLimit").check(Check.range(1, 5000)).orElse(defaults.burstLimit());
        a.rejectUnknownKeys();
        return new ApiSettings(rate, burst);
    }

    private static RolloutSettings rollout(ConfigReader r) {
        RolloutSettings d = defaultRollout();
        TrafficRouting routing = r.string("trafficRouting").check(Check.oneOf(names(TrafficRouting.values())))
                .optional().map(TrafficRouting::valueOf).orElse(d.trafficRouting());
        Field<Integer> stepField = r.integer("linearStepPercent").check(new Check<>(v -> v >= 10 && v <= 50,
                v -> v + " is out of range 10..50: SageMaker moves 10% to 50% of the capacity per linear step"));
        Field<Integer> canaryField = r.integer("canaryPercent").check(new Check<>(v -> v >= 1 && v <= 50,
                v -> v + " is out of range 1..50: a canary takes at most half of the capacity"));
        if (routing != TrafficRouting.LINEAR && stepField.isPresent()) {
            r.problems().add(stepField.path(), "applies only to trafficRouting LINEAR, not " + routing);
        }
        if (routing != TrafficRouting.CANARY && canaryField.isPresent()) {
            r.problems().add(canaryField.path(), "applies only to trafficRouting CANARY, not " + routing);
        }
        int step = stepField.orElse(d.linearStepPercent());
        int canary = canaryField.orElse(d.canaryPercent());
        int wait = r.integer("waitIntervalSeconds").check(Check.range(0, 3600)).orElse(d.waitIntervalSeconds());
        int termination = r.integer("terminationWaitSeconds").check(Check.range(0, 3600)).orElse(d.terminationWaitSeconds());
        Field<Integer> timeoutField = r.integer("maximumExecutionTimeoutSeconds")
                .check(Check.range(MIN_EXECUTION_TIMEOUT, MAX_EXECUTION_TIMEOUT));
        int timeout = timeoutField.orElse(timeoutFor(routing, step, wait, termination));
        var probe = new RolloutSettings(routing, step, canary, wait, termination, timeout, d.alarms(), List.of());
        if (probe.totalWaitSeconds() >= timeout) {
            String where = timeoutField.isPresent() ? timeoutField.path() : r.pathOf("waitIntervalSeconds");
            r.problems().add(where, "the deployment waits " + probe.totalWaitSeconds() + " seconds (" + probe.shifts()
                    + " baking period(s) of " + wait + " s and a termination wait of " + termination + " s) but may take only "
                    + timeout + " s (maximumExecutionTimeoutSeconds" + (timeoutField.isPresent() ? "" : ", at most " + MAX_EXECUTION_TIMEOUT)
                    + "); shorten the waits" + (timeoutField.isPresent() ? " or raise the timeout" : ""));
        }
        RollbackAlarms alarms = alarms(r.object("alarms"), d.alarms());
        Field<List<String>> extraField = r.stringList("additionalAlarmNames", ALARM_NAME);
        List<String> extra = extraField.orElse(List.of());
        if (RollbackAlarms.COUNT + extra.size() > MAX_ROLLBACK_ALARMS) {
            r.problems().add(extraField.path(), "lists " + extra.size() + " alarms; with the stack's own " + RollbackAlarms.COUNT
                    + " that is more than the " + MAX_ROLLBACK_ALARMS + " SageMaker accepts (at most "
                    + (MAX_ROLLBACK_ALARMS - RollbackAlarms.COUNT) + " more)");
        }
        r.rejectUnknownKeys();
        return new RolloutSettings(routing, step, canary, wait, termination, timeout, alarms, extra);
    }

    private static RollbackAlarms alarms(ConfigReader a, RollbackAlarms d) {
        int e5 = a.integer("max5xxErrorsPerMinute").check(Check.range(0, 100000)).orElse(d.max5xxErrorsPerMinute());
        int model = a.integer("maxModelErrorsPerMinute").check(Check.range(0, 100000)).orElse(d.maxModelErrorsPerMinute());
        int e4 = a.integer("max4xxErrorsPerMinute").check(Check.range(0, 100000)).orElse(d.max4xxErrorsPerMinute());
        int latency = a.integer("maxModelLatencyMs").check(Check.range(1, 3_600_000)).orElse(d.maxModelLatencyMs());
        int minutes = a.integer("evaluationMinutes").check(Check.range(1, 60)).orElse(d.evaluationMinutes());
        a.rejectUnknownKeys();
        return new RollbackAlarms(e5, model, e4, latency, minutes);
    }

    /**
     * Reads {@code models[].serving}.
     *
     * @param derivedFeatures the features the model's data source yields, when it has one
     * @param featuresRequired why {@code featureCount} must be given when it is absent and nothing was derived
     */
    static ModelServing readModel(ConfigReader s, Optional<Integer> derivedFeatures, Optional<String> featuresRequired,
                                  ServingSettings serving) {
        ModelServing d = ModelServing.defaults();
        Field<String> typeField = s.string("instanceType").check(instanceType());
        String type = typeField.orElse(d.instanceType());
        // Deployment guardrails fall back to all at once, without baking, on Inferentia 1 instances.
        if (typeField.isValid() && type.startsWith("ml.inf1.") && serving.strategy() == Strategy.GUARDRAILS
                && serving.rollout().trafficRouting() != TrafficRouting.ALL_AT_ONCE) {
            s.problems().add(typeField.isPresent() ? typeField.path() : s.pathOf("instanceType"), "\"" + type
                    + "\" is an Inf1 instance type: SageMaker cannot shift traffic " + serving.rollout().trafficRouting()
                    + " on it and would deploy all at once without a baking period; choose another instance type");
        }
        Field<Integer> countField = s.integer("instanceCount").check(Check.range(1, 100));
        Field<Integer> minField = s.integer("minCapacity").check(Check.range(1, 100));
        Field<Integer> maxField = s.integer("maxCapacity").check(Check.range(1, 100));
        int count = countField.orElse(minField.orElse(d.instanceCount()));
        int min = minField.orElse(count);
        int max = maxField.orElse(Math.max(min, d.maxCapacity()));
        boolean boundsValid = minField.isValid() && maxField.isValid() && countField.isValid();
        if (boundsValid && min > max && !minField.isPresent()) {
            // Only instanceCount was given, and minCapacity follows it: name what the operator wrote.
            s.problems().add(countField.path(), "instanceCount " + count + " is above maxCapacity " + max
                    + " (minCapacity, not given, starts at instanceCount); autoscaling needs minCapacity <= maxCapacity");
        } else if (boundsValid && min > max) {
            s.problems().add(minField.path(),
                    "minCapacity " + min + " is above maxCapacity " + max + "; autoscaling needs minCapacity <= maxCapacity");
        } else if (boundsValid && (count < min || count > max)) {
            s.problems().add(countField.isPresent() ? countField.path() : minField.path(), "instanceCount " + count
                    + " is outside minCapacity..maxCapacity (" + min + ".." + max + "); autoscaling would move it at once");
        }
        int target = s.integer("targetInvocationsPerInstance").check(Check.range(1, 100000)).orElse(d.targetInvocationsPerInstance());
        List<ScheduledScaling> schedules = schedules(s);
        if (boundsValid && min <= max) {
            // A scheduled action that changes one bound must leave it on the right side of the other, or Application
            // Auto Scaling rejects the action when it runs, long after the deployment succeeded.
            for (int i = 0; i < schedules.size(); i++) {
                ScheduledScaling action = schedules.get(i);
                String at = s.pathOf("scheduledScaling") + "[" + i + "]";
                if (action.minCapacity().isPresent() && action.maxCapacity().isEmpty() && action.minCapacity().get() > max) {
                    s.problems().add(at + ".minCapacity", "minCapacity " + action.minCapacity().get() + " is above the model's maxCapacity "
                            + max + "; raise maxCapacity or set this schedule's maxCapacity too");
                }
                if (action.maxCapacity().isPresent() && action.minCapacity().isEmpty() && action.maxCapacity().get() < min) {
                    s.problems().add(at + ".maxCapacity", "maxCapacity " + action.maxCapacity().get() + " is below the model's minCapacity "
                            + min + "; lower minCapacity or set this schedule's minCapacity too");
                }
            }
        }
        Optional<String> pinned = s.string("pinnedModelPackageArn").check(MODEL_PACKAGE_ARN).optional();
        Field<Integer> featuresField = s.integer("featureCount").check(Check.range(1, 10000));
        Optional<Integer> features = featuresField.optional().or(() -> derivedFeatures);
        // A featureCount given but out of range is reported above; saying it is missing too would be wrong.
        if (!featuresField.isPresent() && features.isEmpty()) {
            featuresRequired.ifPresent(why -> s.problems().add(featuresField.path(), why));
        }
        s.rejectUnknownKeys();
        return new ModelServing(type, count, min, max, target, schedules, pinned, features);
    }

    private static List<ScheduledScaling> schedules(ConfigReader s) {
        List<ScheduledScaling> schedules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigReader e : s.objectList("scheduledScaling").orElse(List.of())) {
            Field<String> nameField = e.string("name").required("a name for the schedule, e.g. business-hours")
                    .check(SCHEDULE_NAME).check(Check.maxLength(64));
            if (nameField.value() != null && !names.add(nameField.value())) {
                e.problems().add(nameField.path(), "\"" + nameField.value() + "\" is used by another schedule of this model");
            }
            String schedule = e.string("schedule").required("when it applies, e.g. \"cron(0 7 ? * MON-FRI *)\"")
                    .check(SCALING_SCHEDULE).value();
            Optional<String> zone = e.string("timezone").check(new Check<>(z -> java.time.ZoneId.getAvailableZoneIds().contains(z),
                    z -> "\"" + z + "\" is not an IANA time zone" + Suggestions.didYouMean(z, java.time.ZoneId.getAvailableZoneIds())
                            + ", e.g. Europe/Berlin")).optional();
            Field<Integer> minField = e.integer("minCapacity").check(Check.range(0, 100));
            Field<Integer> maxField = e.integer("maxCapacity").check(Check.range(1, 100));
            if (!minField.isPresent() && !maxField.isPresent()) {
                e.problems().add(e.path(), "sets neither minCapacity nor maxCapacity; a scheduled action must change at least one");
            } else if (minField.value() != null && maxField.value() != null && minField.value() > maxField.value()) {
                e.problems().add(minField.path(), "minCapacity " + minField.value() + " is above maxCapacity " + maxField.value());
            }
            e.rejectUnknownKeys();
            if (nameField.value() != null && schedule != null) {
                schedules.add(new ScheduledScaling(nameField.value(), schedule, zone, minField.optional(), maxField.optional()));
            }
        }
        return schedules;
    }

    private static Check<String> instanceType() {
        Set<String> known = Arrays.stream(ProductionVariantInstanceType.values())
                .filter(v -> v != ProductionVariantInstanceType.UNKNOWN_TO_SDK_VERSION)
                .map(ProductionVariantInstanceType::toString).collect(Collectors.toSet());
        return ModelSettings.instanceType(known, "endpoint");
    }

    private static List<String> keys(Strategy[] values) {
        return Arrays.stream(values).map(Strategy::key).toList();
    }

    private static List<String> names(TrafficRouting[] values) {
        return Arrays.stream(values).map(v -> v.name().toUpperCase(Locale.ROOT)).toList();
    }
}
