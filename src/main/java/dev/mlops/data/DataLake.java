package dev.mlops.data;

import com.pulumi.aws.kms.Key;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import dev.mlops.platform.ManagedKeys;
import dev.mlops.platform.PolicyDocuments;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * The platform's data: four buckets with distinct owners and two customer-managed KMS keys.
 * <ul>
 *   <li>{@code raw}: what data engineers ingest; encrypted with its own key so that access to raw data
 *       can be denied at the key as well as at the bucket.</li>
 *   <li>{@code curated}: validated data published for scientists; sends object events to EventBridge so
 *       new data can start a retraining.</li>
 *   <li>{@code artifacts}: pipeline code, model artifacts, evaluation reports, experiment tracking.</li>
 *   <li>{@code capture}: endpoint request/response capture and ground-truth labels; moves to infrequent
 *       access and expires on the configured schedule.</li>
 * </ul>
 * Keys rotate yearly; with {@code retain} the keys and buckets are protected and survive a stack delete.
 */
public final class DataLake extends ComponentResource {

    public final SecureBucket raw;
    public final SecureBucket curated;
    public final SecureBucket artifacts;
    public final SecureBucket capture;
    public final Output<String> rawKeyArn;
    public final Output<String> platformKeyArn;
    /** The Sid of the grants (bucket policy, platform key policy) that let peer accounts read model artifacts. */
    public static final String PEERS_READ_MODEL_ARTIFACTS = "PeersReadModelArtifacts";

    public DataLake(String name, DataLakeArgs args, ComponentResourceOptions opts) {
        super("mlops:data:DataLake", name, opts);
        var retain = args.retain();

        ArtifactSharing sharing = args.sharing();
        Key rawKey = key(name + "-raw-key", "Raw data ingested by data engineers (" + name + ")", args, List.of());
        // Peers read model artifacts through S3, which decrypts with the key that encrypts them: the platform key.
        Key platformKey = key(name + "-platform-key", "Curated data, model artifacts and capture data (" + name + ")", args,
                sharing.isActive() ? List.of(PolicyDocuments.allowAccountsToDecryptVia(PEERS_READ_MODEL_ARTIFACTS,
                        sharing.accountIds(), sharing.s3Service())) : List.of());
        alias(name + "-raw-key-alias", "alias/" + name + "-raw", rawKey);
        alias(name + "-platform-key-alias", "alias/" + name + "-platform", platformKey);

        int noncurrent = args.data().noncurrentVersionRetentionDays();
        var bucketOptions = ComponentResourceOptions.builder().parent(this).build();
        this.raw = new SecureBucket(name + "-raw",
                new SecureBucketArgs("raw", rawKey.arn(), noncurrent, Optional.empty(), false, retain), bucketOptions);
        this.curated = new SecureBucket(name + "-curated",
                new SecureBucketArgs("curated", platformKey.arn(), noncurrent, Optional.empty(), true, retain), bucketOptions);
        this.artifacts = new SecureBucket(name + "-artifacts",
                new SecureBucketArgs("artifacts", platformKey.arn(), noncurrent, Optional.empty(), false, retain,
                        sharing.isActive() ? List.of(new SecureBucketArgs.CrossAccountRead(PEERS_READ_MODEL_ARTIFACTS,
                                sharing.accountIds(), sharing.keyPatterns())) : List.of()), bucketOptions);
        var expiry = new SecureBucketArgs.Expiry(
                args.data().captureInfrequentAccessAfterDays(), args.data().captureRetentionDays());
        this.capture = new SecureBucket(name + "-capture",
                new SecureBucketArgs("capture", platformKey.arn(), noncurrent, Optional.of(expiry), false, retain), bucketOptions);

        this.rawKeyArn = rawKey.arn();
        this.platformKeyArn = platformKey.arn();
        registerOutputs(Map.of(
                "rawBucket", raw.bucketName,
                "curatedBucket", curated.bucketName,
                "artifactsBucket", artifacts.bucketName,
                "captureBucket", capture.bucketName,
                "rawKeyArn", rawKeyArn,
                "platformKeyArn", platformKeyArn));
    }

    /** Every ARN of the data lake, once known. */
    public Output<DataLakeArns> arns() {
        return Output.tuple(raw.arn, curated.arn, artifacts.arn, capture.arn, rawKeyArn, platformKeyArn)
                .applyValue(t -> new DataLakeArns(t.t1, t.t2, t.t3, t.t4, t.t5, t.t6));
    }

    /** Bucket names by data class, for stack outputs. */
    public Output<Map<String, String>> bucketNames() {
        return Output.tuple(raw.bucketName, curated.bucketName, artifacts.bucketName, capture.bucketName)
                .applyValue(t -> Map.of("raw", t.t1, "curated", t.t2, "artifacts", t.t3, "capture", t.t4));
    }

    private Key key(String name, String description, DataLakeArgs args, List<IamStatement> grants) {
        return ManagedKeys.rotating(this, name, description, args.accountId(), args.data().keyDeletionWindowDays(), grants,
                args.retain());
    }

    private void alias(String name, String aliasName, Key key) {
        ManagedKeys.alias(this, name, aliasName, key);
    }
}
