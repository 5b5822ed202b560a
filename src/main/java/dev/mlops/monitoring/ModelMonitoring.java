package dev.mlops.monitoring;

import com.pulumi.aws.cloudwatch.CompositeAlarm;
import com.pulumi.aws.cloudwatch.CompositeAlarmArgs;
import com.pulumi.aws.cloudwatch.Dashboard;
import com.pulumi.aws.cloudwatch.DashboardArgs;
import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.cloudwatch.inputs.EventTargetDeadLetterConfigArgs;
import com.pulumi.aws.cloudwatch.inputs.EventTargetRetryPolicyArgs;
import com.pulumi.aws.cloudwatch.inputs.MetricAlarmMetricQueryArgs;
import com.pulumi.aws.lambda.Permission;
import com.pulumi.aws.lambda.PermissionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.mlops.config.MonitoringSettings;
import dev.mlops.platform.JavaFunction;
import dev.mlops.platform.JavaFunctionArgs;
import dev.mlops.platform.Tags;
import dev.mlops.serving.ServedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Quality monitoring of one model's endpoint: the quality metrics function ({@code MetricsHandler}) run hourly by an
 * EventBridge schedule rule, alarms on the champion's RMSE, MAE and R² (and, in a shadow stack, on the challenger
 * being worse than the champion), a composite "quality" alarm over the champion's alarms that the drift retraining
 * listens to, and a dashboard.
 * <p>
 * Alarms and dashboard name the endpoint and the fixed variant names, not versions, so they exist from the first
 * deployment on, survive new versions, and wait (INSUFFICIENT_DATA) while a model has no endpoint yet. The function
 * needs the versions each variant serves, so it exists only while the model has an endpoint. After each evaluation
 * it runs the promotion gate when the gate is on and a challenger is deployed.
 */
public final class ModelMonitoring extends ComponentResource {

    /** Ten minutes past each hour: the previous hour's capture files are written by then. */
    public static final String SCHEDULE = "cron(10 * * * ? *)";
    static final int MEMORY_MB = 1024;
    static final int TIMEOUT_SECONDS = 900;

    /** The composite alarm: any of the champion's quality alarms in ALARM. */
    public final Output<String> qualityAlarmArn;
    public final String qualityAlarmName;
    /** Names of the metric alarms this component created. */
    public final List<String> alarmNames;
    public final Optional<JavaFunction> function;
    private final List<Resource> childAlarms = new ArrayList<>();

    public ModelMonitoring(String name, ModelMonitoringArgs args, ComponentResourceOptions opts) {
        super("mlops:monitoring:ModelMonitoring", name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        MonitoringSettings settings = args.model().monitoring();
        Map<String, String> tags = Map.of(Tags.MODEL, args.model().name());
        String endpoint = args.endpointName();
        Output<List<String>> notify = args.alertTopicArn().applyValue(List::of);

        List<String> championAlarms = new ArrayList<>();
        List<String> alarmNames = new ArrayList<>();
        for (QualityAlarms.Threshold t : QualityAlarms.thresholds(settings)) {
            String alarmName = endpoint + "-quality-" + t.suffix();
            alarm(name + "-" + t.suffix(), alarmName, args.model().name() + " " + ServedModel.CHAMPION + ": " + t.what()
                            + " over " + settings.breachingHours() + " consecutive hourly evaluations",
                    t.comparison(), t.threshold(), QualityAlarms.thresholdQueries(endpoint, t, settings.minSamples()),
                    settings, notify, tags, child);
            championAlarms.add(alarmName);
            alarmNames.add(alarmName);
        }
        if (args.comparesShadow()) {
            String alarmName = endpoint + "-quality-shadow-worse";
            alarm(name + "-shadow-worse", alarmName, args.model().name() + ": the " + ServedModel.CHALLENGER + "'s RMSE is more than "
                            + QualityAlarms.format(settings.shadowMarginPercent()) + "% above the " + ServedModel.CHAMPION
                            + "'s; do not promote it", "GreaterThanThreshold", settings.shadowMarginPercent(),
                    QualityAlarms.shadowQueries(endpoint, settings.minSamples()), settings, notify, tags, child);
            alarmNames.add(alarmName);
        }
        this.alarmNames = List.copyOf(alarmNames);

        this.qualityAlarmName = endpoint + "-quality";
        // No actions of its own: the metric alarms above already say which metric breached. EventBridge receives its
        // state changes regardless of actions, which is what the drift retraining listens to.
        var composite = new CompositeAlarm(name + "-quality", CompositeAlarmArgs.builder()
                .alarmName(qualityAlarmName)
                .alarmDescription("The " + ServedModel.CHAMPION + " of " + args.model().name() + " breaches a quality threshold"
                        + (args.model().retraining().onDrift() ? "; entering ALARM starts a drift retraining" : ""))
                .alarmRule(QualityAlarms.compositeRule(championAlarms))
                .tags(tags)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(childAlarms).build());
        this.qualityAlarmArn = composite.arn();

        List<String> variants = new ArrayList<>(List.of(ServedModel.CHAMPION));
        if (args.comparesShadow()) {
            variants.add(ServedModel.CHALLENGER);
        }
        new Dashboard(name + "-dashboard", DashboardArgs.builder()
                .dashboardName(endpoint + "-quality")
                .dashboardBody(QualityDashboard.body(args.arns().region(), endpoint, variants, settings))
                .build(), child);

        this.function = args.served().hasEndpoint() ? Optional.of(function(name, args, child)) : Optional.empty();
        registerOutputs(Map.of("qualityAlarmArn", qualityAlarmArn));
    }

    private void alarm(String name, String alarmName, String description, String comparison, double threshold,
                       List<MetricAlarmMetricQueryArgs> queries, MonitoringSettings settings, Output<List<String>> notify,
                       Map<String, String> tags, CustomResourceOptions options) {
        childAlarms.add(new MetricAlarm(name, MetricAlarmArgs.builder()
                .name(alarmName)
                .alarmDescription(description)
                .metricQueries(queries)
                .comparisonOperator(comparison)
                .threshold(threshold)
                .evaluationPeriods(settings.breachingHours())
                .datapointsToAlarm(settings.breachingHours())
                // An hour without enough labelled samples is no evidence either way: keep the state, so late labels
                // do not flip the alarm (and restart a drift retraining).
                .treatMissingData("ignore")
                .alarmActions(notify)
                .okActions(notify)
                .tags(tags)
                .build(), options));
    }

    private JavaFunction function(String name, ModelMonitoringArgs args, CustomResourceOptions child) {
        FunctionSettings fn = FunctionSettings.of(args);
        var function = new JavaFunction(args.endpointName() + "-quality", new JavaFunctionArgs(
                "dev.mlops.functions.metrics.MetricsHandler",
                "Quality metrics of " + args.endpointName() + (fn.gate().isPresent() ? " and its promotion gate" : ""),
                args.arns().accountId(), MEMORY_MB, TIMEOUT_SECONDS,
                Output.tuple(args.captureBucket(), args.alertTopicArn()).applyValue(t -> fn.environment(t.t1, t.t2)),
                self -> Output.tuple(args.data(), args.alertTopicArn(), args.alertKeyArn())
                        .applyValue(t -> fn.permissions(t.t1, t.t2, t.t3)),
                false), ComponentResourceOptions.builder().parent(this).build());
        var rule = new EventRule(name + "-schedule", EventRuleArgs.builder()
                .description("Evaluates the quality of " + args.endpointName() + " every hour")
                .scheduleExpression(SCHEDULE)
                .tags(Map.of(Tags.MODEL, args.model().name()))
                .build(), child);
        new Permission(name + "-schedule-invoke", PermissionArgs.builder()
                .action("lambda:InvokeFunction")
                .function(function.functionName)
                .principal("events.amazonaws.com")
                .sourceArn(rule.arn())
                .build(), child);
        new EventTarget(name + "-schedule-target", EventTargetArgs.builder()
                .rule(rule.name())
                .arn(function.function.arn())
                .retryPolicy(EventTargetRetryPolicyArgs.builder().maximumRetryAttempts(3).maximumEventAgeInSeconds(3600).build())
                .deadLetterConfig(EventTargetDeadLetterConfigArgs.builder().arn(args.deadLetterQueueArn()).build())
                .build(), child);
        return function;
    }
}
