package dev.mlops.retraining;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.cloudwatch.inputs.EventTargetDeadLetterConfigArgs;
import com.pulumi.aws.cloudwatch.inputs.EventTargetRetryPolicyArgs;
import com.pulumi.aws.cloudwatch.inputs.EventTargetSagemakerPipelineTargetArgs;
import com.pulumi.aws.cloudwatch.inputs.EventTargetSagemakerPipelineTargetPipelineParameterListArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.mlops.access.ServiceRole;
import dev.mlops.access.ServiceRoleArgs;
import dev.mlops.config.ModelSettings;
import dev.mlops.delivery.pipeline.TrainingPipeline;
import dev.mlops.functions.versioning.TriggerType;
import dev.mlops.platform.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * Retraining of one model without new code: EventBridge starts the model's SageMaker training pipeline directly
 * (a SageMaker pipeline target), passing the pipeline parameter {@code TriggerType} that the registered package
 * carries and the versioning function reads to raise the auto revision:
 * <ul>
 *   <li>{@code scheduled} — a schedule rule (EventBridge cron/rate syntax, UTC);</li>
 *   <li>{@code new-data} — S3 "Object Created" of the batch marker {@value #MARKER} under the model's curated prefix.
 *       The data pipelines' Publish step writes it once per batch, after the batch's data, so a batch of any number
 *       of files starts one retraining, and files that land without being published start none;</li>
 *   <li>{@code drift} — the model's composite quality alarm entering ALARM (CloudWatch Alarm State Change).</li>
 * </ul>
 * Every target retries for an hour and then dead-letters; the role the targets run as may start only this model's
 * pipeline. Triggers switched off in settings have no rule at all.
 */
public final class Retraining extends ComponentResource {

    /** The file the data pipelines' Publish step writes last in each batch folder ({@code pipelines/data/publish.py}). */
    public static final String MARKER = "_manifest.json";
    static final int MAX_RETRIES = 10;
    static final int MAX_EVENT_AGE_SECONDS = 3600;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The rules this component created, by trigger label. */
    public final Map<String, EventRule> rules;

    public Retraining(String name, RetrainingArgs args, ComponentResourceOptions opts) {
        super("mlops:retraining:Retraining", name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        ModelSettings model = args.model();
        Map<String, String> tags = Map.of(Tags.MODEL, model.name());

        var role = new ServiceRole(name, new ServiceRoleArgs("events.amazonaws.com", args.accountId(),
                "Starts the training pipeline of the " + model.name() + " model on its retraining triggers",
                self -> args.pipelineArn().applyValue(Retraining::startOnly)), ComponentResourceOptions.builder().parent(this).build());

        Map<String, EventRule> rules = new java.util.LinkedHashMap<>();
        model.retraining().schedule().ifPresent(schedule -> rules.put(TriggerType.SCHEDULED.label(),
                new EventRule(name + "-schedule", EventRuleArgs.builder()
                        .description("Retrains " + model.name() + " on its schedule " + schedule + " (UTC)")
                        .scheduleExpression(schedule)
                        .tags(tags)
                        .build(), child)));
        if (model.retraining().onNewData()) {
            String prefix = model.curatedPrefix();
            rules.put(TriggerType.NEW_DATA.label(), new EventRule(name + "-new-data", EventRuleArgs.builder()
                    .description("Retrains " + model.name() + " when a batch is published under curated/" + prefix + " (its " + MARKER + ")")
                    .eventPattern(args.curatedBucket().applyValue(bucket -> newDataPattern(bucket, prefix)))
                    .tags(tags)
                    .build(), child));
        }
        if (model.retraining().onDrift()) {
            rules.put(TriggerType.DRIFT.label(), new EventRule(name + "-drift", EventRuleArgs.builder()
                    .description("Retrains " + model.name() + " when its quality alarm goes into ALARM")
                    .eventPattern(args.qualityAlarmArn().orElseThrow().applyValue(Retraining::driftPattern))
                    .tags(tags)
                    .build(), child));
        }
        rules.forEach((trigger, rule) -> new EventTarget(name + "-" + suffix(trigger) + "-target", EventTargetArgs.builder()
                .rule(rule.name())
                .arn(args.pipelineArn())
                .roleArn(role.arn)
                .sagemakerPipelineTarget(EventTargetSagemakerPipelineTargetArgs.builder()
                        .pipelineParameterLists(EventTargetSagemakerPipelineTargetPipelineParameterListArgs.builder()
                                .name(TrainingPipeline.TRIGGER_TYPE).value(trigger).build())
                        .build())
                .retryPolicy(EventTargetRetryPolicyArgs.builder()
                        .maximumRetryAttempts(MAX_RETRIES).maximumEventAgeInSeconds(MAX_EVENT_AGE_SECONDS).build())
                .deadLetterConfig(EventTargetDeadLetterConfigArgs.builder().arn(args.deadLetterQueueArn()).build())
                .build(), child));
        this.rules = Map.copyOf(rules);
        registerOutputs(Map.of("roleArn", role.arn));
    }

    private static String suffix(String trigger) {
        return trigger.equals(TriggerType.SCHEDULED.label()) ? "schedule" : trigger;
    }

    /** The trigger role's only permission: start this one pipeline. */
    static List<IamStatement> startOnly(String pipelineArn) {
        return List.of(IamStatement.builder().sid("StartThisPipeline").effect(IamEffect.ALLOW)
                .addAction("sagemaker:StartPipelineExecution").addResource(pipelineArn).build());
    }

    /**
     * S3 Object Created events (the bucket sends them to EventBridge) of the batch marker directly under the prefix or
     * in any folder below it; EventBridge delivers S3 keys as written (not URL-encoded), and {@code *} of a wildcard
     * filter also matches {@code /}.
     */
    static String newDataPattern(String bucket, String prefix) {
        ObjectNode pattern = JSON.createObjectNode();
        pattern.putArray("source").add("aws.s3");
        pattern.putArray("detail-type").add("Object Created");
        ObjectNode detail = pattern.putObject("detail");
        detail.putObject("bucket").putArray("name").add(bucket);
        ArrayNode key = detail.putObject("object").putArray("key");
        key.add(prefix + MARKER);
        key.addObject().put("wildcard", prefix + "*/" + MARKER);
        return pattern.toString();
    }

    /** The alarm's transitions into ALARM (the event is sent only on a change of state). */
    static String driftPattern(String alarmArn) {
        ObjectNode pattern = JSON.createObjectNode();
        pattern.putArray("source").add("aws.cloudwatch");
        pattern.putArray("detail-type").add("CloudWatch Alarm State Change");
        pattern.putArray("resources").add(alarmArn);
        pattern.putObject("detail").putObject("state").putArray("value").add("ALARM");
        return pattern.toString();
    }
}
