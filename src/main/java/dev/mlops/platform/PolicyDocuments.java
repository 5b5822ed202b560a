package dev.mlops.platform;

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

    private PolicyDocuments() {
    }

    public static String json(List<IamStatement> statements) {
        return IamPolicy.builder().version(VERSION).statements(statements).build().toJson();
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
