package dev.mlops.data;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketNotification;
import com.pulumi.aws.s3.BucketNotificationArgs;
import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleTransitionArgs;
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.mlops.platform.PolicyDocuments;
import dev.mlops.platform.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * An S3 bucket hardened the same way everywhere in the data lake: versioned, encrypted with a
 * customer-managed KMS key (bucket keys on, to cut KMS request costs), public access blocked, ACLs
 * disabled (bucket owner enforced), and a policy that refuses plain HTTP and foreign encryption.
 * Every bucket expires old object versions and abandoned multipart uploads.
 */
public final class SecureBucket extends ComponentResource {

    /** The bucket's name (auto-named from the logical name). */
    public final Output<String> bucketName;
    public final Output<String> arn;

    public SecureBucket(String name, SecureBucketArgs args, ComponentResourceOptions opts) {
        super("mlops:data:SecureBucket", name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();

        var bucket = new BucketV2(name + "-bucket", BucketV2Args.builder()
                .forceDestroy(false)
                .tags(Map.of(Tags.DATA_CLASS, args.dataClass()))
                .build(),
                CustomResourceOptions.builder().parent(this).protect(args.retain()).retainOnDelete(args.retain()).build());

        var versioning = new BucketVersioningV2(name + "-versioning", BucketVersioningV2Args.builder()
                .bucket(bucket.id())
                .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
                .build(), child);

        new BucketServerSideEncryptionConfigurationV2(name + "-encryption", BucketServerSideEncryptionConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                        .applyServerSideEncryptionByDefault(
                                BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder()
                                        .sseAlgorithm("aws:kms")
                                        .kmsMasterKeyId(args.kmsKeyArn())
                                        .build())
                        .bucketKeyEnabled(true)
                        .build())
                .build(), child);

        var publicAccess = new BucketPublicAccessBlock(name + "-public-access", BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true)
                .blockPublicPolicy(true)
                .ignorePublicAcls(true)
                .restrictPublicBuckets(true)
                .build(), child);

        new BucketOwnershipControls(name + "-ownership", BucketOwnershipControlsArgs.builder()
                .bucket(bucket.id())
                .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build())
                .build(), child);

        // S3 rejects a policy while the public access block is being applied; order them.
        new BucketPolicy(name + "-policy", BucketPolicyArgs.builder()
                .bucket(bucket.id())
                .policy(Output.tuple(bucket.arn(), args.kmsKeyArn()).applyValue(t -> policy(t.t1, t.t2, args.crossAccountReads())))
                .build(),
                CustomResourceOptions.builder().parent(this).dependsOn(publicAccess).build());

        // Noncurrent-version rules act only once versioning is on.
        new BucketLifecycleConfigurationV2(name + "-lifecycle", BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(lifecycleRules(args))
                .build(),
                CustomResourceOptions.builder().parent(this).dependsOn(versioning).build());

        if (args.eventBridgeNotifications()) {
            new BucketNotification(name + "-notifications", BucketNotificationArgs.builder()
                    .bucket(bucket.id())
                    .eventbridge(true)
                    .build(), child);
        }

        this.bucketName = bucket.bucket();
        this.arn = bucket.arn();
        registerOutputs(Map.of("bucketName", bucketName, "arn", arn));
    }

    private static String policy(String bucketArn, String kmsKeyArn, List<SecureBucketArgs.CrossAccountRead> reads) {
        List<IamStatement> statements = new ArrayList<>();
        statements.add(PolicyDocuments.denyInsecureTransport(bucketArn));
        statements.addAll(PolicyDocuments.denyForeignEncryption(bucketArn, kmsKeyArn));
        for (SecureBucketArgs.CrossAccountRead read : reads) {
            statements.add(PolicyDocuments.allowAccountsToGetObjects(read.sid(), read.accountIds(),
                    read.keyPatterns().stream().map(key -> bucketArn + "/" + key).toList()));
        }
        return PolicyDocuments.json(statements);
    }

    private static List<BucketLifecycleConfigurationV2RuleArgs> lifecycleRules(SecureBucketArgs args) {
        List<BucketLifecycleConfigurationV2RuleArgs> rules = new ArrayList<>();
        rules.add(BucketLifecycleConfigurationV2RuleArgs.builder()
                .id("expire-old-versions")
                .status("Enabled")
                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                .noncurrentVersionExpiration(BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                        .noncurrentDays(args.noncurrentVersionRetentionDays())
                        .build())
                .abortIncompleteMultipartUpload(BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs.builder()
                        .daysAfterInitiation(7)
                        .build())
                .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                        .expiredObjectDeleteMarker(true)
                        .build())
                .build());
        args.expiry().ifPresent(expiry -> {
            var rule = BucketLifecycleConfigurationV2RuleArgs.builder()
                    .id("expire-" + args.dataClass())
                    .status("Enabled")
                    .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                    .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder()
                            .days(expiry.expireAfterDays())
                            .build());
            if (expiry.infrequentAccessAfterDays() > 0) {
                rule.transitions(BucketLifecycleConfigurationV2RuleTransitionArgs.builder()
                        .days(expiry.infrequentAccessAfterDays())
                        .storageClass("STANDARD_IA")
                        .build());
            }
            rules.add(rule.build());
        });
        return rules;
    }
}
