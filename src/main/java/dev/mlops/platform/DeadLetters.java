package dev.mlops.platform;

import com.pulumi.aws.cloudwatch.MetricAlarm;
import com.pulumi.aws.cloudwatch.MetricAlarmArgs;
import com.pulumi.aws.sqs.Queue;
import com.pulumi.aws.sqs.QueueArgs;
import com.pulumi.aws.sqs.QueuePolicy;
import com.pulumi.aws.sqs.QueuePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * Where EventBridge puts what it could not deliver: one SQS queue for the targets of the stack's EventBridge rules
 * (retraining triggers, the quality metrics schedule), encrypted with its own KMS key, reachable over TLS only, and an
 * alarm to the alert topic as soon as a message waits in it. Each message carries the rule, target and error
 * (EventBridge's RULE_ARN, TARGET_ARN, ERROR_CODE attributes), so one queue serves every rule.
 * <p>
 * EventBridge writes with its service principal, not a role: the queue policy admits {@code events.amazonaws.com} for
 * this stack's rules only ({@code aws:SourceArn}), and the key policy lets it encrypt (an AWS-managed SQS key could not
 * be granted to it).
 */
public final class DeadLetters extends ComponentResource {

    static final String EVENTS = "events.amazonaws.com";
    /** SQS's maximum: an undelivered message stays two weeks for someone to look at. */
    public static final int RETENTION_SECONDS = 14 * 24 * 3600;

    public final Output<String> queueArn;
    public final Output<String> queueName;

    /**
     * @param region    the stack's region
     * @param accountId the stack's account
     * @param prefix    the naming prefix: rules named {@code <prefix>-*} may send
     * @param alertTopicArn where the depth alarm notifies
     * @param retain    protect and keep the key (stacks that hold real data)
     */
    public DeadLetters(String name, String region, String accountId, String prefix, Output<String> alertTopicArn, boolean retain,
                       ComponentResourceOptions opts) {
        super("mlops:platform:DeadLetters", name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var key = ManagedKeys.rotating(this, name + "-key", "Undelivered EventBridge events (" + name + ")", accountId, 7,
                keyGrants(accountId), retain);
        ManagedKeys.alias(this, name + "-key-alias", "alias/" + name, key);
        var queue = new Queue(name + "-queue", QueueArgs.builder()
                .kmsMasterKeyId(key.arn())
                .kmsDataKeyReusePeriodSeconds(300)
                .messageRetentionSeconds(RETENTION_SECONDS)
                .build(), child);
        String rules = "arn:aws:events:" + region + ":" + accountId + ":rule/" + prefix + "-*";
        new QueuePolicy(name + "-queue-policy", QueuePolicyArgs.builder()
                .queueUrl(queue.url())
                .policy(queue.arn().applyValue(arn -> PolicyDocuments.json(queuePolicy(arn, rules, accountId))))
                .build(), child);
        new MetricAlarm(name + "-depth", MetricAlarmArgs.builder()
                .alarmDescription("EventBridge could not deliver an event to a retraining or monitoring target; the message in "
                        + "the dead-letter queue names the rule, the target and the error")
                .namespace("AWS/SQS")
                .metricName("ApproximateNumberOfMessagesVisible")
                .dimensions(queue.name().applyValue(q -> Map.of("QueueName", q)))
                .statistic("Maximum")
                .period(300)
                .evaluationPeriods(1)
                .threshold(0.0)
                .comparisonOperator("GreaterThanThreshold")
                .treatMissingData("notBreaching")
                .alarmActions(alertTopicArn.applyValue(List::of))
                .okActions(alertTopicArn.applyValue(List::of))
                .build(), child);
        this.queueArn = queue.arn();
        this.queueName = queue.name();
        registerOutputs(Map.of("queueArn", queueArn));
    }

    /** Beside the account's administration: EventBridge may encrypt what it puts in the queue. */
    /**
     * A dead-letter queue of a component's own, with SQS-managed encryption: for senders that cannot be granted a
     * customer-managed key, such as Lambda's on-failure destination. Kept for {@link #RETENTION_SECONDS}.
     */
    public static Queue sqsEncryptedQueue(String name, CustomResourceOptions opts) {
        return new Queue(name, QueueArgs.builder()
                .sqsManagedSseEnabled(true)
                .messageRetentionSeconds(RETENTION_SECONDS)
                .build(), opts);
    }

    static List<IamStatement> keyGrants(String accountId) {
        IamStatement events = IamStatement.builder()
                .sid("EventBridgeEncrypts")
                .effect(IamEffect.ALLOW)
                .addPrincipal(IamPrincipal.create("Service", EVENTS))
                .addAction("kms:Decrypt")
                .addAction("kms:GenerateDataKey")
                .addResource("*")
                .addCondition(IamConditionOperator.STRING_EQUALS, "aws:SourceAccount", accountId)
                .build();
        return List.of(events);
    }

    static List<IamStatement> queuePolicy(String queueArn, String rulesArnPattern, String accountId) {
        IamStatement send = PolicyDocuments.eventBridgeMaySendTo("EventBridgeRulesSend", queueArn)
                .addCondition(IamConditionOperator.ARN_LIKE, "aws:SourceArn", rulesArnPattern)
                .addCondition(IamConditionOperator.STRING_EQUALS, "aws:SourceAccount", accountId)
                .build();
        IamStatement tls = IamStatement.builder()
                .sid("DenyInsecureTransport")
                .effect(IamEffect.DENY)
                .addPrincipal(IamPrincipal.ALL)
                .addAction("sqs:*")
                .addResource(queueArn)
                .addCondition(IamConditionOperator.BOOL, "aws:SecureTransport", "false")
                .build();
        return List.of(send, tls);
    }
}
