package dev.mlops.platform;

import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicPolicy;
import com.pulumi.aws.sns.TopicPolicyArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
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
 * Where every alarm of the stack goes: one SNS topic, encrypted with its own KMS key, with an e-mail
 * subscription per address in {@code mlops:alertEmails} (each recipient confirms once). CloudWatch alarms
 * and EventBridge rules of this account may publish; nothing else may.
 */
public final class Alerts extends ComponentResource {

    /** Services that publish alarms and events to the topic. */
    static final List<String> PUBLISHERS = List.of("cloudwatch.amazonaws.com", "events.amazonaws.com");

    public final Output<String> topicArn;
    /** The key the topic is encrypted with: whoever publishes needs kms:GenerateDataKey and kms:Decrypt on it. */
    public final Output<String> keyArn;

    /**
     * @param retain whether the topic's key is protected and kept on delete (stacks that hold real data): a key
     *               scheduled for deletion silences every alarm of the stack
     */
    public Alerts(String name, String accountId, List<String> emails, boolean retain, ComponentResourceOptions opts) {
        super("mlops:platform:Alerts", name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        // An AWS-managed key (alias/aws/sns) cannot be used: its policy does not let CloudWatch encrypt.
        var key = ManagedKeys.rotating(this, name + "-key", "Alarm notifications (" + name + ")", accountId, 7,
                keyGrants(accountId), retain);
        ManagedKeys.alias(this, name + "-key-alias", "alias/" + name, key);
        var topic = new Topic(name + "-topic", TopicArgs.builder()
                .name(name)
                .displayName("mlops alerts")
                .kmsMasterKeyId(key.arn())
                .build(), child);
        new TopicPolicy(name + "-topic-policy", TopicPolicyArgs.builder()
                .arn(topic.arn())
                .policy(topic.arn().applyValue(arn -> PolicyDocuments.json(topicPolicy(arn, accountId))))
                .build(), child);
        for (int i = 0; i < emails.size(); i++) {
            new TopicSubscription(name + "-email-" + (i + 1), TopicSubscriptionArgs.builder()
                    .topic(topic.arn())
                    .protocol("email")
                    .endpoint(emails.get(i))
                    .build(), child);
        }
        this.topicArn = topic.arn();
        this.keyArn = key.arn();
        registerOutputs(Map.of("topicArn", topicArn, "keyArn", keyArn));
    }

    /** Beside the account's administration: the services that publish to the topic may encrypt with its key. */
    static List<IamStatement> keyGrants(String accountId) {
        IamStatement.Builder publishers = IamStatement.builder()
                .sid("AlarmsAndEventsEncrypt")
                .effect(IamEffect.ALLOW)
                .addAction("kms:Decrypt")
                .addAction("kms:GenerateDataKey*")
                .addResource("*")
                .addCondition(IamConditionOperator.STRING_EQUALS, "aws:SourceAccount", accountId);
        PUBLISHERS.forEach(p -> publishers.addPrincipal(IamPrincipal.create("Service", p)));
        return List.of(publishers.build());
    }

    static List<IamStatement> topicPolicy(String topicArn, String accountId) {
        IamStatement.Builder publish = IamStatement.builder()
                .sid("AlarmsAndEventsPublish")
                .effect(IamEffect.ALLOW)
                .addAction("sns:Publish")
                .addResource(topicArn)
                .addCondition(IamConditionOperator.STRING_EQUALS, "aws:SourceAccount", accountId);
        PUBLISHERS.forEach(p -> publish.addPrincipal(IamPrincipal.create("Service", p)));
        IamStatement owner = IamStatement.builder()
                .sid("AccountManages")
                .effect(IamEffect.ALLOW)
                .addPrincipal(IamPrincipal.create("AWS", "arn:aws:iam::" + accountId + ":root"))
                .addAction("sns:GetTopicAttributes")
                .addAction("sns:SetTopicAttributes")
                .addAction("sns:Subscribe")
                .addAction("sns:ListSubscriptionsByTopic")
                .addAction("sns:Publish")
                .addResource(topicArn)
                .build();
        IamStatement tls = IamStatement.builder()
                .sid("DenyInsecureTransport")
                .effect(IamEffect.DENY)
                .addPrincipal(IamPrincipal.ALL)
                .addAction("sns:Publish")
                .addResource(topicArn)
                .addCondition(IamConditionOperator.BOOL, "aws:SecureTransport", "false")
                .build();
        return List.of(owner, publish.build(), tls);
    }
}
