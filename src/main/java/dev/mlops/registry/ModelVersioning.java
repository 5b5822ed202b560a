package dev.mlops.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.cloudwatch.inputs.EventTargetDeadLetterConfigArgs;
import com.pulumi.aws.cloudwatch.inputs.EventTargetRetryPolicyArgs;
import com.pulumi.aws.lambda.FunctionEventInvokeConfig;
import com.pulumi.aws.lambda.FunctionEventInvokeConfigArgs;
import com.pulumi.aws.lambda.Permission;
import com.pulumi.aws.lambda.PermissionArgs;
import com.pulumi.aws.lambda.inputs.FunctionEventInvokeConfigDestinationConfigArgs;
import com.pulumi.aws.lambda.inputs.FunctionEventInvokeConfigDestinationConfigOnFailureArgs;
import com.pulumi.aws.sqs.QueuePolicy;
import com.pulumi.aws.sqs.QueuePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.mlops.functions.versioning.ModelPackageStateChange;
import dev.mlops.functions.versioning.ModelVersioningHandler;
import dev.mlops.platform.DeadLetters;
import dev.mlops.platform.JavaFunction;
import dev.mlops.platform.JavaFunctionArgs;
import dev.mlops.platform.PolicyDocuments;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * Gives every new version of this stack's models its {@code V<Model_Tag>.<Manual_Revision>.<Auto_Revision>}: the
 * versioning function of the functions bundle, started by an EventBridge rule on SageMaker's "Model Package State
 * Change" events of this stack's groups.
 *
 * <p>An event that does not end in a version is never silently lost. EventBridge retries delivering it to Lambda
 * and, when that fails, puts it on the dead-letter queue; Lambda invokes asynchronously, retries a failing
 * invocation and then sends the invocation record to the same queue (an on-failure destination). Alarms watch
 * that queue and the function's own EMF counts of failures and of packages registered without the metadata a
 * version is made from.
 */
public final class ModelVersioning extends ComponentResource {

    public static final String HANDLER = "dev.mlops.functions.versioning.ModelVersioningHandler";
    /** {@code POWERTOOLS_SERVICE_NAME}: also the {@code Service} dimension of the function's EMF metrics. */
    public static final String SERVICE = "model-versioning";
    /** The handler's EMF count of packages registered without valid ModelTag/TriggerType metadata. */
    static final String MISSING_METADATA_METRIC = "MissingMetadata";
    /** EventBridge keeps retrying delivery for up to a day (its limit is 60..86400 seconds). */
    static final int DELIVERY_MAXIMUM_AGE_SECONDS = 24 * 3600;
    /** Lambda keeps a failing asynchronous event for at most six hours (its limit is 60..21600 seconds). */
    static final int INVOCATION_MAXIMUM_AGE_SECONDS = 6 * 3600;
    static final int EVENTBRIDGE_RETRIES = 20;
    /** Lambda's own retries of a failed asynchronous invocation (0..2). */
    static final int LAMBDA_RETRIES = 2;
    static final int ALARM_PERIOD_SECONDS = 300;

    private static final ObjectMapper JSON = new ObjectMapper();

    public final JavaFunction function;
    public final Output<String> deadLetterQueueArn;
    public final Output<String> ruleArn;

    public ModelVersioning(String name, ModelVersioningArgs args, ComponentResourceOptions opts) {
        super("mlops:registry:ModelVersioning", name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();

        // SQS-managed encryption: EventBridge and Lambda can write to it without a grant on a customer key.
        var deadLetters = DeadLetters.sqsEncryptedQueue(name + "-dead-letters", child);

        // Named as this component: the Lambda function operators find is <prefix>-model-versioning.
        this.function = new JavaFunction(name, new JavaFunctionArgs(HANDLER,
                "Gives each new model version of this stack its V<tag>.<manual>.<auto> version",
                args.arns().accountId(), 512, 120,
                Output.of(Map.of(
                        "POWERTOOLS_SERVICE_NAME", SERVICE,
                        "POWERTOOLS_METRICS_NAMESPACE", JavaFunction.METRICS_NAMESPACE,
                        "POWERTOOLS_LOG_LEVEL", args.logLevel())),
                self -> deadLetters.arn().applyValue(dlq -> permissions(args, dlq)), false),
                ComponentResourceOptions.builder().parent(this).build());

        var rule = new EventRule(name + "-on-package-change", EventRuleArgs.builder()
                .description("A model package of this stack's groups changed: give it its version")
                .eventPattern(eventPattern(args.groupNames()))
                .build(), child);

        new QueuePolicy(name + "-dead-letters-policy", QueuePolicyArgs.builder()
                .queueUrl(deadLetters.url())
                .policy(Output.tuple(deadLetters.arn(), rule.arn()).applyValue(t -> deadLetterPolicy(t.t1, t.t2)))
                .build(), child);

        var invoke = new Permission(name + "-invoke", PermissionArgs.builder()
                .action("lambda:InvokeFunction")
                .function(function.functionName)
                .principal("events.amazonaws.com")
                .sourceArn(rule.arn())
                .build(), child);

        new EventTarget(name + "-target", EventTargetArgs.builder()
                .rule(rule.name())
                .arn(function.qualifiedArn)
                .retryPolicy(EventTargetRetryPolicyArgs.builder()
                        .maximumRetryAttempts(EVENTBRIDGE_RETRIES)
                        .maximumEventAgeInSeconds(DELIVERY_MAXIMUM_AGE_SECONDS)
                        .build())
                .deadLetterConfig(EventTargetDeadLetterConfigArgs.builder().arn(deadLetters.arn()).build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(invoke).build());

        new FunctionEventInvokeConfig(name + "-async", FunctionEventInvokeConfigArgs.builder()
                .functionName(function.functionName)
                .maximumRetryAttempts(LAMBDA_RETRIES)
                .maximumEventAgeInSeconds(INVOCATION_MAXIMUM_AGE_SECONDS)
                .destinationConfig(FunctionEventInvokeConfigDestinationConfigArgs.builder()
                        .onFailure(FunctionEventInvokeConfigDestinationConfigOnFailureArgs.builder()
                                .destination(deadLetters.arn()).build())
                        .build())
                .build(), child);

        emfAlarm(name + "-failed", ModelVersioningHandler.FAILURE_METRIC,
                "The versioning function failed on a model package event; see its logs, and the dead-letter queue once retries end",
                args);
        emfAlarm(name + "-missing-metadata", MISSING_METADATA_METRIC,
                "A model package was registered without a valid ModelTag or TriggerType, so it has no version", args);
        new MetricAlarm(name + "-dead-letters-alarm", MetricAlarmArgs.builder()
                .name(name + "-dead-letters")
                .alarmDescription("Model package events that were never versioned wait in the dead-letter queue; reprocess them")
                .namespace("AWS/SQS")
                .metricName("ApproximateNumberOfMessagesVisible")
                .dimensions(deadLetters.name().applyValue(queue -> Map.of("QueueName", queue)))
                .statistic("Maximum")
                .period(ALARM_PERIOD_SECONDS)
                .evaluationPeriods(1)
                .threshold(1.0)
                .comparisonOperator("GreaterThanOrEqualToThreshold")
                .treatMissingData("notBreaching")
                .alarmActions(args.alarmActions())
                .build(), child);

        this.deadLetterQueueArn = deadLetters.arn();
        this.ruleArn = rule.arn();
        registerOutputs(Map.of("functionName", function.functionName, "deadLetterQueueArn", deadLetterQueueArn, "ruleArn", ruleArn));
    }

    /** An alarm named {@code alarmName} (also its logical name) on one of the function's EMF counts. */
    private void emfAlarm(String alarmName, String metric, String description, ModelVersioningArgs args) {
        new MetricAlarm(alarmName, MetricAlarmArgs.builder()
                .name(alarmName)
                .alarmDescription(description)
                .namespace(JavaFunction.METRICS_NAMESPACE)
                .metricName(metric)
                // Powertools puts every metric under the dimension Service = POWERTOOLS_SERVICE_NAME.
                .dimensions(Map.of("Service", SERVICE))
                .statistic("Sum")
                .period(ALARM_PERIOD_SECONDS)
                .evaluationPeriods(1)
                .threshold(1.0)
                .comparisonOperator("GreaterThanOrEqualToThreshold")
                .treatMissingData("notBreaching")
                .alarmActions(args.alarmActions())
                .build(), CustomResourceOptions.builder().parent(this).build());
    }

    /**
     * What the function may do: read and version the packages of this stack's groups, nothing else in SageMaker;
     * and hand failed invocations to its dead-letter queue.
     */
    static List<IamStatement> permissions(ModelVersioningArgs args, String deadLetterQueueArn) {
        return List.of(
                IamStatement.builder().sid("VersionModelPackages").effect(IamEffect.ALLOW)
                        .actionIds(List.of("sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages",
                                "sagemaker:UpdateModelPackage", "sagemaker:AddTags", "sagemaker:ListTags"))
                        .resourceIds(args.groupNames().stream().map(args.arns()::modelPackagesIn).toList())
                        .build(),
                IamStatement.builder().sid("FailedInvocationsToDeadLetters").effect(IamEffect.ALLOW)
                        .addAction("sqs:SendMessage").addResource(deadLetterQueueArn).build());
    }

    /** The rule's pattern: model package state changes of exactly these groups. */
    static String eventPattern(List<String> groupNames) {
        ObjectNode pattern = JSON.createObjectNode();
        pattern.putArray("source").add(ModelPackageStateChange.SOURCE);
        pattern.putArray("detail-type").add(ModelPackageStateChange.DETAIL_TYPE);
        var groups = pattern.putObject("detail").putArray("ModelPackageGroupName");
        groupNames.forEach(groups::add);
        return pattern.toString();
    }

    /** EventBridge may send this rule's undeliverable events to the queue, and nothing else may. */
    static String deadLetterPolicy(String queueArn, String ruleArn) {
        return PolicyDocuments.json(List.of(PolicyDocuments.eventBridgeMaySendTo("UndeliveredVersioningEvents", queueArn)
                .addCondition(IamConditionOperator.ARN_EQUALS, "aws:SourceArn", ruleArn)
                .build()));
    }
}
