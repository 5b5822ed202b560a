package dev.mlops.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * IAM documents built from types (aws-sdk-java-v2's policy builder), never by string formatting, so a
 * reviewer reads every permission in the preview diff and a typo cannot produce invalid JSON.
 */
public final class PolicyDocuments {

    public static final String VERSION = "2012-10-17";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyDocuments() {
    }

    /**
     * The policy as compact JSON. {@code Statement} is always a list: the SDK writes a lone statement as an
     * object, which is valid, but then adding a second statement would show as a rewrite in every diff.
     */
    public static String json(List<IamStatement> statements) {
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("an IAM policy needs at least one statement");
        }
        String written = IamPolicy.builder().version(VERSION).statements(statements).build().toJson();
        try {
            ObjectNode policy = (ObjectNode) JSON.readTree(written);
            JsonNode statement = policy.get("Statement");
            if (statement.isObject()) {
                policy.putArray("Statement").add(statement);
            }
            return JSON.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the IAM policy builder wrote invalid JSON: " + written, e);
        }
    }

    /**
     * Lets EventBridge (its service principal) put events it could not deliver on a dead-letter queue; the caller
     * narrows it to its own rules with an {@code aws:SourceArn} condition.
     */
    public static IamStatement.Builder eventBridgeMaySendTo(String sid, String queueArn) {
        return IamStatement.builder()
                .sid(sid)
                .effect(IamEffect.ALLOW)
                .addPrincipal(IamPrincipal.create("Service", "events.amazonaws.com"))
                .addAction("sqs:SendMessage")
                .addResource(queueArn);
    }

    /** Denies every S3 request to the bucket that does not use TLS. */
    public static IamStatement denyInsecureTransport(String bucketArn) {
        return IamStatement.builder()
                .sid("DenyInsecureTransport")
                .effect(IamEffect.DENY)
                .addPrincipal(IamPrincipal.ALL)
                .addAction("s3:*")
                .addResource(bucketArn)
                .addResource(Arns.objectsIn(bucketArn))
                .addCondition(IamConditionOperator.BOOL, "aws:SecureTransport", "false")
                .build();
    }

    /**
     * Denies uploads that ask for an encryption other than SSE-KMS with this bucket's key. Uploads that
     * name no encryption get the bucket default (the same key); the {@code Null} condition keeps them allowed.
     */
    public static List<IamStatement> denyForeignEncryption(String bucketArn, String kmsKeyArn) {
        return List.of(
                IamStatement.builder()
                        .sid("DenyNonKmsEncryption")
                        .effect(IamEffect.DENY)
                        .addPrincipal(IamPrincipal.ALL)
                        .addAction("s3:PutObject")
                        .addResource(Arns.objectsIn(bucketArn))
                        .addCondition(IamConditionOperator.STRING_NOT_EQUALS, "s3:x-amz-server-side-encryption", "aws:kms")
                        .addCondition(IamConditionOperator.NULL, "s3:x-amz-server-side-encryption", "false")
                        .build(),
                IamStatement.builder()
                        .sid("DenyOtherKmsKeys")
                        .effect(IamEffect.DENY)
                        .addPrincipal(IamPrincipal.ALL)
                        .addAction("s3:PutObject")
                        .addResource(Arns.objectsIn(bucketArn))
                        .addCondition(IamConditionOperator.STRING_NOT_EQUALS,
                                "s3:x-amz-server-side-encryption-aws-kms-key-id", kmsKeyArn)
                        .addCondition(IamConditionOperator.NULL, "s3:x-amz-server-side-encryption-aws-kms-key-id", "false")
                        .build());
    }

    /**
     * Lets the principals of other accounts get the objects {@code objectArns} name, as far as their own account's IAM
     * policies allow: a bucket policy statement naming each account's root, so the other account decides which of its
     * roles read.
     */
    public static IamStatement allowAccountsToGetObjects(String sid, List<String> accountIds, List<String> objectArns) {
        return IamStatement.builder()
                .sid(sid)
                .effect(IamEffect.ALLOW)
                .principals(accountIds.stream().map(a -> IamPrincipal.create("AWS", Arns.accountRoot(a))).toList())
                .addAction("s3:GetObject")
                .resourceIds(objectArns)
                .build();
    }

    /**
     * A key policy statement letting the principals of other accounts decrypt with the key only through {@code service}
     * (e.g. {@code s3.eu-west-1.amazonaws.com}: reading objects encrypted with it), never by calling KMS directly.
     */
    public static IamStatement allowAccountsToDecryptVia(String sid, List<String> accountIds, String service) {
        return IamStatement.builder()
                .sid(sid)
                .effect(IamEffect.ALLOW)
                .principals(accountIds.stream().map(a -> IamPrincipal.create("AWS", Arns.accountRoot(a))).toList())
                .addAction("kms:Decrypt")
                .addResource("*")
                .addCondition(IamConditionOperator.STRING_EQUALS, "kms:ViaService", service)
                .build();
    }

    /**
     * The key policy statement that lets the account's IAM policies grant use of the key; without it
     * only the key policy itself could, and a lost policy would lock the key.
     */
    public static IamStatement keyAdministeredByAccount(String accountId) {
        return IamStatement.builder()
                .sid("EnableIamPolicies")
                .effect(IamEffect.ALLOW)
                .addPrincipal(IamPrincipal.create("AWS", Arns.accountRoot(accountId)))
                .addAction("kms:*")
                .addResource("*")
                .build();
    }
}
