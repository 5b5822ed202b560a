package dev.mlops.data;

import static dev.mlops.testing.IamEvaluator.Decision.ALLOW;
import static dev.mlops.testing.IamEvaluator.Decision.CONDITIONAL_ALLOW;
import static dev.mlops.testing.IamEvaluator.Decision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.offline.ResourceState;
import dev.mlops.testing.IamEvaluator;
import dev.mlops.testing.Previews;
import dev.mlops.testing.Resources;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What prod's account may read of staging's data lake to deploy a version registered in staging: the model artifacts
 * the training pipeline writes, decrypted through S3 with the platform key, and nothing else.
 */
class ArtifactSharingTest {

    private static final String PROD_ROOT = "arn:aws:iam::222222222222:root";
    private static final String BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";

    @SuppressWarnings("unchecked")
    private static String bucket(String stack, String dataClass) {
        return ((Map<String, String>) Previews.of(stack).preview().outputs().values().get("dataBuckets")).get(dataClass);
    }

    private static String bucketPolicy(String stack, String dataClass) {
        return Previews.resources(stack).one(BUCKET_POLICY, "mlops-" + stack + "-data-" + dataClass + "-policy").input("policy").asText();
    }

    private static String keyPolicy(String stack, String key) {
        return Previews.resources(stack).one("aws:kms/key:Key", "mlops-" + stack + "-data-" + key + "-key").input("policy").asText();
    }

    /**
     * Where the staging training pipeline's Train step writes its model: the Std:Join of its S3OutputPath, with an
     * execution id and the job's output file filled in as SageMaker does.
     */
    private static String modelArtifactKeyOfATrainingRun() {
        ResourceState pipeline = Previews.resources("staging").one("aws:sagemaker/pipeline:Pipeline", "mlops-staging-house-prices-training-pipeline");
        JsonNode steps = Resources.documentOf(pipeline.input("pipelineDefinition").asText()).path("Steps");
        JsonNode train = StreamSupport.stream(steps.spliterator(), false).filter(s -> s.path("Type").asText().equals("Training"))
                .findFirst().orElseThrow();
        JsonNode join = train.path("Arguments").path("OutputDataConfig").path("S3OutputPath").path("Std:Join").path("Values");
        StringBuilder uri = new StringBuilder();
        join.forEach(part -> uri.append(part.isTextual() ? part.asText() : "0a1b2c3d4e5f"));
        uri.append("/pipelines-0a1b2c3d4e5f-Train-AbCdEf1234/output/model.tar.gz");
        String prefix = "s3://" + bucket("staging", "artifacts") + "/";
        assertThat(uri.toString()).startsWith(prefix);
        return uri.substring(prefix.length());
    }

    /** A request over TLS, as SageMaker and the SDKs send it: the bucket's TLS-only deny does not apply. */
    private static IamEvaluator overTls(IamEvaluator bucketPolicy) {
        return bucketPolicy.ignoring("DenyInsecureTransport");
    }

    @Test
    void prodsAccountGetsTheModelArtifactsTheTrainingPipelineWrites() {
        String artifacts = "arn:aws:s3:::" + bucket("staging", "artifacts");
        IamEvaluator prod = overTls(IamEvaluator.ofResourcePolicy(bucketPolicy("staging", "artifacts"), PROD_ROOT));
        assertThat(prod.decide("s3:GetObject", artifacts + "/" + modelArtifactKeyOfATrainingRun())).isEqualTo(ALLOW);
    }

    @Test
    void prodsAccountGetsNothingElseOfTheArtifactsBucket() {
        String artifacts = "arn:aws:s3:::" + bucket("staging", "artifacts");
        String document = bucketPolicy("staging", "artifacts");
        IamEvaluator prod = overTls(IamEvaluator.ofResourcePolicy(document, PROD_ROOT));
        for (String key : List.of("training/house-prices/0a1b2c3d4e5f/train/train.csv", "training/house-prices/0a1b2c3d4e5f/evaluation/evaluation.json",
                "training/rent-index/0a1b2c3d4e5f/model/job/output/model.tar.gz", "pipeline-code/10a1523140f1790b/preprocess.py",
                "mlflow/1/artifacts/model.pkl")) {
            assertThat(prod.decide("s3:GetObject", artifacts + "/" + key)).as(key).isEqualTo(IMPLICIT_DENY);
        }
        String model = artifacts + "/training/house-prices/x/model/job/output/model.tar.gz";
        for (String action : List.of("s3:PutObject", "s3:DeleteObject", "s3:GetObjectVersion")) {
            // PutObject also meets the encryption denies, which are conditional: no grant either way.
            assertThat(prod.decide(action, model)).as(action).isNotIn(ALLOW, CONDITIONAL_ALLOW);
        }
        assertThat(prod.decide("s3:ListBucket", artifacts)).isEqualTo(IMPLICIT_DENY);
        assertThat(IamEvaluator.of(List.of(document)).principals()).containsExactlyInAnyOrder("*", "AWS:" + PROD_ROOT);
    }

    @Test
    void noOtherBucketLetsAnotherAccountIn() {
        for (String dataClass : List.of("raw", "curated", "capture")) {
            assertThat(IamEvaluator.of(List.of(bucketPolicy("staging", dataClass))).principals()).as(dataClass).containsExactly("*");
        }
    }

    @Test
    void prodsAccountDecryptsWithThePlatformKeyOnlyThroughS3() {
        String key = keyPolicy("staging", "platform");
        IamEvaluator prod = IamEvaluator.ofResourcePolicy(key, PROD_ROOT);
        assertThat(prod.decide("kms:Decrypt", "*")).isEqualTo(CONDITIONAL_ALLOW);
        for (String action : List.of("kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:CreateGrant", "kms:PutKeyPolicy")) {
            assertThat(prod.decide(action, "*")).as(action).isEqualTo(IMPLICIT_DENY);
        }
        JsonNode grant = StreamSupport.stream(Resources.documentOf(key).path("Statement").spliterator(), false)
                .filter(s -> s.path("Sid").asText().equals(DataLake.PEERS_READ_MODEL_ARTIFACTS)).findFirst().orElseThrow();
        assertThat(grant.path("Condition").toString()).isEqualTo("{\"StringEquals\":{\"kms:ViaService\":\"s3.eu-west-1.amazonaws.com\"}}");
        // The raw key never leaves the account.
        assertThat(IamEvaluator.of(List.of(keyPolicy("staging", "raw"))).principals()).containsExactly("AWS:arn:aws:iam::111111111111:root");
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw", "curated", "artifacts", "capture"})
    void prodLetsNoOtherAccountReadItsData(String dataClass) {
        assertThat(IamEvaluator.of(List.of(bucketPolicy("prod", dataClass))).principals()).containsExactly("*");
        assertThat(IamEvaluator.of(List.of(keyPolicy("prod", "platform"), keyPolicy("prod", "raw"))).principals())
                .containsExactly("AWS:arn:aws:iam::222222222222:root");
    }

    @Test
    void aCrossAccountReadNeedsRealAccountsAndRelativeKeys() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SecureBucketArgs.CrossAccountRead("X", List.of("2222"), List.of("a/*")))
                .hasMessageContaining("not a 12-digit account id");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SecureBucketArgs.CrossAccountRead("X", List.of("222222222222"), List.of("/a/*")))
                .hasMessageContaining("without a leading slash");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SecureBucketArgs.CrossAccountRead("X", List.of(), List.of("a/*")))
                .hasMessageContaining("needs accounts and key patterns");
    }
}
