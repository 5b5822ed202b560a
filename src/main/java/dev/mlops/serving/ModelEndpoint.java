package dev.mlops.serving;

import com.pulumi.aws.appautoscaling.Policy;
import com.pulumi.aws.appautoscaling.PolicyArgs;
import com.pulumi.aws.appautoscaling.ScheduledAction;
import com.pulumi.aws.appautoscaling.ScheduledActionArgs;
import com.pulumi.aws.appautoscaling.Target;
import com.pulumi.aws.appautoscaling.TargetArgs;
import com.pulumi.aws.appautoscaling.inputs.PolicyTargetTrackingScalingPolicyConfigurationArgs;
import com.pulumi.aws.appautoscaling.inputs.PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs;
import com.pulumi.aws.appautoscaling.inputs.ScheduledActionScalableTargetActionArgs;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.sagemaker.Endpoint;
import com.pulumi.aws.sagemaker.EndpointArgs;
import com.pulumi.aws.sagemaker.EndpointConfiguration;
import com.pulumi.aws.sagemaker.EndpointConfigurationArgs;
import com.pulumi.aws.sagemaker.Model;
import com.pulumi.aws.sagemaker.ModelArgs;
import com.pulumi.aws.sagemaker.inputs.EndpointConfigurationDataCaptureConfigArgs;
import com.pulumi.aws.sagemaker.inputs.EndpointConfigurationDataCaptureConfigCaptureContentTypeHeaderArgs;
import com.pulumi.aws.sagemaker.inputs.EndpointConfigurationDataCaptureConfigCaptureOptionArgs;
import com.pulumi.aws.sagemaker.inputs.EndpointConfigurationProductionVariantArgs;
import com.pulumi.aws.sagemaker.inputs.EndpointConfigurationShadowProductionVariantArgs;
import com.pulumi.aws.sagemaker.inputs.EndpointDeploymentConfigArgs;
import com.pulumi.aws.sagemaker.inputs.EndpointDeploymentConfigAutoRollbackConfigurationAlarmArgs;
import com.pulumi.aws.sagemaker.inputs.EndpointDeploymentConfigAutoRollbackConfigurationArgs;
import com.pulumi.aws.sagemaker.inputs.EndpointDeploymentConfigBlueGreenUpdatePolicyArgs;
import com.pulumi.aws.sagemaker.inputs.EndpointDeploymentConfigBlueGreenUpdatePolicyTrafficRoutingConfigurationArgs;
import com.pulumi.aws.sagemaker.inputs.EndpointDeploymentConfigBlueGreenUpdatePolicyTrafficRoutingConfigurationCanarySizeArgs;
import com.pulumi.aws.sagemaker.inputs.EndpointDeploymentConfigBlueGreenUpdatePolicyTrafficRoutingConfigurationLinearStepSizeArgs;
import com.pulumi.aws.sagemaker.inputs.ModelPrimaryContainerArgs;
import com.pulumi.aws.sagemaker.inputs.ModelVpcConfigArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.mlops.config.ServingSettings;
import dev.mlops.config.ServingSettings.ModelServing;
import dev.mlops.config.ServingSettings.RollbackAlarms;
import dev.mlops.config.ServingSettings.RolloutSettings;
import dev.mlops.platform.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One model's real-time endpoint: a SageMaker model per served package, an endpoint configuration with the
 * champion as its production variant and, in a shadow stack, the challenger as a shadow variant receiving a
 * copy of every request; data capture of both; alarms on each variant; autoscaling of each variant. In a
 * guardrails stack the endpoint updates blue/green, shifting traffic linearly or by canary, baking after
 * each shift, and rolls back when one of the champion's alarms fires.
 * <p>
 * Variant names are fixed ({@link ServedModel#CHAMPION}, {@link ServedModel#CHALLENGER}): guardrails need the new
 * configuration to keep the old one's variant names, and alarms and metrics stay comparable across versions.
 */
public final class ModelEndpoint extends ComponentResource {

    /** SageMaker's namespace of endpoint invocation metrics. */
    static final String SAGEMAKER_NAMESPACE = "AWS/SageMaker";

    public final Endpoint endpoint;
    public final Output<String> endpointName;
    public final Output<String> endpointConfigName;
    /** The alarms that roll a guarded deployment back (the champion's, then the configured extra ones). */
    public final List<String> rollbackAlarmNames;
    /** Every alarm this component creates, by name. */
    public final List<String> alarmNames;

    public ModelEndpoint(String name, ModelEndpointArgs args, ComponentResourceOptions opts) {
        super("mlops:serving:ModelEndpoint", name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        ServedModel served = args.served();
        ModelServing sizing = args.model().serving();
        Map<String, String> tags = Map.of(Tags.MODEL, args.model().name());
        // Children are named after the endpoint: <endpoint>-champion, <endpoint>-config, ...
        String base = args.endpointName();

        ServedModel.Variant champion = served.champion().orElseThrow();
        Model championModel = model(base + "-" + champion.name(), champion, args, tags, child);
        Optional<Model> challengerModel = served.challenger().map(v -> model(base + "-" + v.name(), v, args, tags, child));

        var config = EndpointConfigurationArgs.builder()
                .productionVariants(EndpointConfigurationProductionVariantArgs.builder()
                        .variantName(champion.name())
                        .modelName(championModel.name())
                        .instanceType(sizing.instanceType())
                        .initialInstanceCount(sizing.instanceCount())
                        .initialVariantWeight(1.0)
                        .build())
                .dataCaptureConfig(dataCapture(args))
                .tags(tags);
        challengerModel.ifPresent(m -> config.shadowProductionVariants(EndpointConfigurationShadowProductionVariantArgs.builder()
                .variantName(ServedModel.CHALLENGER)
                .modelName(m.name())
                .instanceType(sizing.instanceType())
                .initialInstanceCount(sizing.instanceCount())
                // The same weight as the production variant: the shadow receives a copy of every request.
                .initialVariantWeight(1.0)
                .build()));
        if (!InstanceTypes.hasLocalStorage(sizing.instanceType())) {
            // Instances with NVMe storage encrypt it in hardware; SageMaker then refuses a key.
            config.kmsKeyArn(args.kmsKeyArn());
        }
        var endpointConfig = new EndpointConfiguration(base + "-config", config.build(), child);

        List<String> variants = new ArrayList<>(served.versions().keySet());
        List<MetricAlarm> alarms = new ArrayList<>();
        List<String> alarmNames = new ArrayList<>();
        for (String variant : variants) {
            for (AlarmSpec spec : alarmSpecs(args.serving().rollout().alarms())) {
                String alarmName = args.endpointName() + "-" + variant + "-" + spec.suffix();
                alarms.add(alarm(base + "-" + variant + "-" + spec.suffix(), alarmName, args, variant, spec, tags, child));
                alarmNames.add(alarmName);
            }
        }
        this.alarmNames = List.copyOf(alarmNames);
        List<String> rollback = new ArrayList<>(alarmNames.stream()
                .filter(a -> a.startsWith(args.endpointName() + "-" + ServedModel.CHAMPION + "-")).toList());
        rollback.addAll(args.serving().rollout().additionalAlarmNames());
        this.rollbackAlarmNames = List.copyOf(rollback);

        var endpointArgs = EndpointArgs.builder()
                .name(args.endpointName())
                .endpointConfigName(endpointConfig.name())
                .tags(tags);
        if (args.serving().strategy() == ServingSettings.Strategy.GUARDRAILS) {
            endpointArgs.deploymentConfig(guardrails(args.serving().rollout(), rollbackAlarmNames));
        }
        // The rollback alarms must exist before SageMaker validates them in CreateEndpoint/UpdateEndpoint.
        this.endpoint = new Endpoint(base, endpointArgs.build(),
                CustomResourceOptions.builder().parent(this).dependsOn(new ArrayList<>(alarms)).build());
        this.endpointName = endpoint.name();
        this.endpointConfigName = endpointConfig.name();

        for (String variant : variants) {
            autoscale(base + "-" + variant, args.endpointName(), variant, sizing, child);
        }
        registerOutputs(Map.of("endpointName", endpointName, "endpointConfigName", endpointConfigName));
    }

    private static Model model(String name, ServedModel.Variant variant, ModelEndpointArgs args, Map<String, String> tags,
                               CustomResourceOptions options) {
        Map<String, String> modelTags = new LinkedHashMap<>(tags);
        modelTags.put("model-version", variant.modelVersion());
        return new Model(name, ModelArgs.builder()
                .executionRoleArn(args.executionRoleArn())
                .primaryContainer(ModelPrimaryContainerArgs.builder().modelPackageName(variant.modelPackageArn()).build())
                .vpcConfig(ModelVpcConfigArgs.builder()
                        .subnets(args.subnetIds())
                        .securityGroupIds(args.securityGroupId().applyValue(List::of))
                        .build())
                // The container needs no network: SageMaker downloads the artifacts; nothing calls out.
                .enableNetworkIsolation(true)
                .tags(modelTags)
                .build(), options);
    }

    private static EndpointConfigurationDataCaptureConfigArgs dataCapture(ModelEndpointArgs args) {
        int percent = args.serving().dataCapturePercent();
        return EndpointConfigurationDataCaptureConfigArgs.builder()
                .enableCapture(percent > 0)
                .initialSamplingPercentage(percent)
                .destinationS3Uri(args.captureBucket().applyValue(CaptureLocation::destination))
                .kmsKeyId(args.kmsKeyArn())
                .captureOptions(
                        EndpointConfigurationDataCaptureConfigCaptureOptionArgs.builder().captureMode("Input").build(),
                        EndpointConfigurationDataCaptureConfigCaptureOptionArgs.builder().captureMode("Output").build())
                // Record CSV and JSON bodies as text, so the metrics function and people can read them.
                .captureContentTypeHeader(EndpointConfigurationDataCaptureConfigCaptureContentTypeHeaderArgs.builder()
                        .csvContentTypes("text/csv")
                        .jsonContentTypes("application/json")
                        .build())
                .build();
    }

    static EndpointDeploymentConfigArgs guardrails(RolloutSettings rollout, List<String> alarmNames) {
        var routing = EndpointDeploymentConfigBlueGreenUpdatePolicyTrafficRoutingConfigurationArgs.builder()
                .type(rollout.trafficRouting().name())
                .waitIntervalInSeconds(rollout.waitIntervalSeconds());
        switch (rollout.trafficRouting()) {
            case LINEAR -> routing.linearStepSize(EndpointDeploymentConfigBlueGreenUpdatePolicyTrafficRoutingConfigurationLinearStepSizeArgs
                    .builder().type("CAPACITY_PERCENT").value(rollout.linearStepPercent()).build());
            case CANARY -> routing.canarySize(EndpointDeploymentConfigBlueGreenUpdatePolicyTrafficRoutingConfigurationCanarySizeArgs
                    .builder().type("CAPACITY_PERCENT").value(rollout.canaryPercent()).build());
            case ALL_AT_ONCE -> {
            }
        }
        return EndpointDeploymentConfigArgs.builder()
                .blueGreenUpdatePolicy(EndpointDeploymentConfigBlueGreenUpdatePolicyArgs.builder()
                        .trafficRoutingConfiguration(routing.build())
                        .terminationWaitInSeconds(rollout.terminationWaitSeconds())
                        .maximumExecutionTimeoutInSeconds(rollout.maximumExecutionTimeoutSeconds())
                        .build())
                .autoRollbackConfiguration(EndpointDeploymentConfigAutoRollbackConfigurationArgs.builder()
                        .alarms(alarmNames.stream().map(a -> EndpointDeploymentConfigAutoRollbackConfigurationAlarmArgs.builder()
                                .alarmName(a).build()).toList())
                        .build())
                .build();
    }

    /**
     * One alarm on a variant's invocation metric.
     *
     * @param suffix     the alarm name's last part
     * @param metric     the AWS/SageMaker metric
     * @param statistic  {@code Sum}, or an extended statistic such as {@code p99}
     * @param threshold  breached when the statistic is above it
     * @param minutes    consecutive one-minute periods above the threshold
     * @param what       the alarm's description
     */
    record AlarmSpec(String suffix, String metric, String statistic, double threshold, int minutes, String what) {
    }

    static List<AlarmSpec> alarmSpecs(RollbackAlarms a) {
        int m = a.evaluationMinutes();
        return List.of(
                new AlarmSpec("5xx-errors", "Invocation5XXErrors", "Sum", a.max5xxErrorsPerMinute(), m,
                        "server errors (the container or SageMaker failed) above " + a.max5xxErrorsPerMinute() + " per minute"),
                new AlarmSpec("model-errors", "InvocationModelErrors", "Sum", a.maxModelErrorsPerMinute(), m,
                        "model errors above " + a.maxModelErrorsPerMinute() + " per minute"),
                new AlarmSpec("4xx-errors", "Invocation4XXErrors", "Sum", a.max4xxErrorsPerMinute(), m,
                        "client errors (requests the model rejects) above " + a.max4xxErrorsPerMinute() + " per minute"),
                // ModelLatency is reported in microseconds.
                new AlarmSpec("latency-p99", "ModelLatency", "p99", a.maxModelLatencyMs() * 1000.0, m,
                        "p99 model latency above " + a.maxModelLatencyMs() + " ms"));
    }

    private static MetricAlarm alarm(String name, String alarmName, ModelEndpointArgs args, String variant, AlarmSpec spec,
                                     Map<String, String> tags, CustomResourceOptions options) {
        var alarm = MetricAlarmArgs.builder()
                .name(alarmName)
                .alarmDescription(args.model().name() + " " + variant + ": " + spec.what()
                        + (variant.equals(ServedModel.CHAMPION) && args.serving().strategy() == ServingSettings.Strategy.GUARDRAILS
                        ? "; rolls a deployment back" : ""))
                .namespace(SAGEMAKER_NAMESPACE)
                .metricName(spec.metric())
                .dimensions(Map.of("EndpointName", args.endpointName(), "VariantName", variant))
                .period(60)
                .evaluationPeriods(spec.minutes())
                .datapointsToAlarm(spec.minutes())
                .threshold(spec.threshold())
                .comparisonOperator("GreaterThanThreshold")
                // No requests is no evidence of a fault.
                .treatMissingData("notBreaching")
                .alarmActions(args.alertTopicArn().applyValue(List::of))
                .okActions(args.alertTopicArn().applyValue(List::of))
                .tags(tags);
        if (spec.statistic().startsWith("p")) {
            alarm.extendedStatistic(spec.statistic());
        } else {
            alarm.statistic(spec.statistic());
        }
        return new MetricAlarm(name, alarm.build(), options);
    }

    private void autoscale(String name, String endpointName, String variant, ModelServing sizing, CustomResourceOptions options) {
        String resourceId = "endpoint/" + endpointName + "/variant/" + variant;
        String dimension = "sagemaker:variant:DesiredInstanceCount";
        var target = new Target(name + "-scaling", TargetArgs.builder()
                .serviceNamespace("sagemaker")
                .resourceId(resourceId)
                .scalableDimension(dimension)
                .minCapacity(sizing.minCapacity())
                .maxCapacity(sizing.maxCapacity())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(endpoint).build());
        new Policy(name + "-invocations", PolicyArgs.builder()
                .name(endpointName + "-" + variant + "-invocations")
                .policyType("TargetTrackingScaling")
                .serviceNamespace(target.serviceNamespace())
                .resourceId(target.resourceId())
                .scalableDimension(target.scalableDimension())
                .targetTrackingScalingPolicyConfiguration(PolicyTargetTrackingScalingPolicyConfigurationArgs.builder()
                        .predefinedMetricSpecification(PolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecificationArgs.builder()
                                .predefinedMetricType("SageMakerVariantInvocationsPerInstance")
                                .build())
                        .targetValue((double) sizing.targetInvocationsPerInstance())
                        // Out fast when load rises; in slowly, so a short lull does not drop capacity.
                        .scaleOutCooldown(60)
                        .scaleInCooldown(300)
                        .build())
                .build(), options);
        for (ServingSettings.ScheduledScaling schedule : sizing.scheduledScaling()) {
            var action = ScheduledActionScalableTargetActionArgs.builder();
            schedule.minCapacity().ifPresent(action::minCapacity);
            schedule.maxCapacity().ifPresent(action::maxCapacity);
            var scheduled = ScheduledActionArgs.builder()
                    .name(endpointName + "-" + variant + "-" + schedule.name())
                    .serviceNamespace(target.serviceNamespace())
                    .resourceId(target.resourceId())
                    .scalableDimension(target.scalableDimension())
                    .schedule(schedule.schedule())
                    .scalableTargetAction(action.build());
            schedule.timezone().ifPresent(scheduled::timezone);
            new ScheduledAction(name + "-" + schedule.name(), scheduled.build(), options);
        }
    }
}
