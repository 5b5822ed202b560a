package dev.mlops.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.offline.ResourceState;
import dev.mlops.testing.Previews;
import dev.mlops.testing.Resources;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The data lake of both real stacks, asserted on the resolved inputs a `pulumi up` would send. */
class DataLakeTest {

    private static final String BUCKET = "aws:s3/bucketV2:BucketV2";
    private static final List<String> CLASSES = List.of("raw", "curated", "artifacts", "capture");

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void everyBucketIsVersionedEncryptedPrivateAndOwnerEnforced(String stack) {
        Resources r = Previews.resources(stack);
        assertThat(r.ofType(BUCKET)).hasSize(4);
        for (String dataClass : CLASSES) {
            String prefix = "mlops-" + stack + "-data-" + dataClass;
            assertThat(r.one(BUCKET, prefix + "-bucket").input("tags.data-class").asText()).isEqualTo(dataClass);
            assertThat(r.one(BUCKET, prefix + "-bucket").input("forceDestroy").asBoolean()).isFalse();
            assertThat(r.one("aws:s3/bucketVersioningV2:BucketVersioningV2", prefix + "-versioning")
                    .input("versioningConfiguration.status").asText()).isEqualTo("Enabled");
            ResourceState sse = r.one("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                    prefix + "-encryption");
            assertThat(sse.input("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm").asText()).isEqualTo("aws:kms");
            assertThat(sse.input("rules.0.bucketKeyEnabled").asBoolean()).isTrue();
            ResourceState block = r.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", prefix + "-public-access");
            for (String flag : List.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")) {
                assertThat(block.input(flag).asBoolean()).as(prefix + " " + flag).isTrue();
            }
            assertThat(r.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", prefix + "-ownership")
                    .input("rule.objectOwnership").asText()).isEqualTo("BucketOwnerEnforced");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void rawDataHasItsOwnKeySoAccessCanBeDeniedAtTheKey(String stack) {
        Resources r = Previews.resources(stack);
        String rawKeyArn = keyArnUsedBy(r, stack, "raw");
        assertThat(rawKeyArn).contains(":key/");
        for (String other : List.of("curated", "artifacts", "capture")) {
            assertThat(keyArnUsedBy(r, stack, other)).isNotEqualTo(rawKeyArn);
        }
        assertThat(keyArnUsedBy(r, stack, "curated")).isEqualTo(keyArnUsedBy(r, stack, "capture"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void bucketPoliciesRefusePlainHttpAndForeignEncryption(String stack) {
        Resources r = Previews.resources(stack);
        for (String dataClass : CLASSES) {
            ResourceState policy = r.one("aws:s3/bucketPolicy:BucketPolicy", "mlops-" + stack + "-data-" + dataClass + "-policy");
            JsonNode statements = Resources.document(policy, "policy").path("Statement");
            JsonNode tls = statement(statements, "DenyInsecureTransport");
            assertThat(tls.path("Effect").asText()).isEqualTo("Deny");
            assertThat(tls.path("Principal").toString()).isEqualTo("\"*\"");
            assertThat(tls.path("Condition").path("Bool").path("aws:SecureTransport").asText()).isEqualTo("false");
            assertThat(tls.path("Resource").toString()).contains(":::mlops-" + stack + "-data-" + dataClass + "-bucket-").contains("/*");
            JsonNode otherKeys = statement(statements, "DenyOtherKmsKeys");
            assertThat(otherKeys.path("Condition").path("StringNotEquals")
                    .path("s3:x-amz-server-side-encryption-aws-kms-key-id").asText()).isEqualTo(keyArnUsedBy(r, stack, dataClass));
            assertThat(statement(statements, "DenyNonKmsEncryption").path("Condition").path("Null").isObject()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theBucketPolicyWaitsForThePublicAccessBlock(String stack) {
        Resources r = Previews.resources(stack);
        ResourceState policy = r.one("aws:s3/bucketPolicy:BucketPolicy", "mlops-" + stack + "-data-raw-policy");
        ResourceState block = r.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "mlops-" + stack + "-data-raw-public-access");
        assertThat(policy.dependencies()).contains(block.urn());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void onlyCuratedDataSendsObjectEventsToEventBridge(String stack) {
        List<ResourceState> notifications = Previews.resources(stack).ofType("aws:s3/bucketNotification:BucketNotification");
        assertThat(notifications).singleElement().satisfies(n -> {
            assertThat(n.name()).isEqualTo("mlops-" + stack + "-data-curated-notifications");
            assertThat(n.input("eventbridge").asBoolean()).isTrue();
        });
    }

    @ParameterizedTest
    @CsvSource({"staging, 30, 0, 7", "prod, 365, 30, 30"})
    void captureDataExpiresOnTheConfiguredSchedule(String stack, int retention, int infrequent, int noncurrent) {
        ResourceState lifecycle = Previews.resources(stack).one(
                "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "mlops-" + stack + "-data-capture-lifecycle");
        JsonNode rules = lifecycle.input("rules");
        JsonNode versions = rule(rules, "expire-old-versions");
        assertThat(versions.path("noncurrentVersionExpiration").path("noncurrentDays").asInt()).isEqualTo(noncurrent);
        assertThat(versions.path("abortIncompleteMultipartUpload").path("daysAfterInitiation").asInt()).isEqualTo(7);
        JsonNode capture = rule(rules, "expire-capture");
        assertThat(capture.path("expiration").path("days").asInt()).isEqualTo(retention);
        if (infrequent == 0) {
            assertThat(capture.path("transitions").isMissingNode() || capture.path("transitions").isEmpty()).isTrue();
        } else {
            assertThat(capture.path("transitions").path(0).path("days").asInt()).isEqualTo(infrequent);
            assertThat(capture.path("transitions").path(0).path("storageClass").asText()).isEqualTo("STANDARD_IA");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void keysRotateAndNameThemselvesThroughAliases(String stack) {
        Resources r = Previews.resources(stack);
        List<ResourceState> keys = r.matching(k -> k.type().equals("aws:kms/key:Key") && k.urn().contains("mlops:data:DataLake"));
        assertThat(keys).hasSize(2).allSatisfy(k -> {
            assertThat(k.input("enableKeyRotation").asBoolean()).isTrue();
            assertThat(k.input("deletionWindowInDays").asInt()).isEqualTo(30);
            JsonNode statement = Resources.document(k, "policy").path("Statement").path(0);
            assertThat(statement.path("Principal").path("AWS").asText()).endsWith(":root");
        });
        assertThat(r.matching(a -> a.type().equals("aws:kms/alias:Alias") && a.urn().contains("mlops:data:DataLake")))
                .extracting(a -> a.input("name").asText())
                .containsExactlyInAnyOrder("alias/mlops-" + stack + "-data-raw", "alias/mlops-" + stack + "-data-platform");
    }

    @ParameterizedTest
    @CsvSource({"staging, false", "prod, true"})
    void statefulResourcesAreProtectedWhereTheStackHoldsRealData(String stack, boolean realData) {
        Resources r = Previews.resources(stack);
        List<ResourceState> stateful = r.matching(x -> (x.type().equals(BUCKET) || x.type().equals("aws:kms/key:Key"))
                && x.urn().contains("mlops:data:DataLake"));
        assertThat(stateful).hasSize(6).allSatisfy(x -> {
            assertThat(x.protect()).as(x.name() + " protect").isEqualTo(realData);
            assertThat(x.retainOnDelete()).as(x.name() + " retainOnDelete").isEqualTo(realData);
        });
        assertThat(r.ofType("aws:s3/bucketPolicy:BucketPolicy")).allSatisfy(p -> assertThat(p.protect()).isFalse());
    }

    private static String keyArnUsedBy(Resources r, String stack, String dataClass) {
        return r.one("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                        "mlops-" + stack + "-data-" + dataClass + "-encryption")
                .input("rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId").asText();
    }

    private static JsonNode statement(JsonNode statements, String sid) {
        return StreamSupport.stream(statements.spliterator(), false).filter(s -> s.path("Sid").asText().equals(sid)).findFirst()
                .orElseThrow(() -> new AssertionError("no statement " + sid + " in " + statements));
    }

    private static JsonNode rule(JsonNode rules, String id) {
        return StreamSupport.stream(rules.spliterator(), false).filter(s -> s.path("id").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no lifecycle rule " + id + " in " + rules));
    }
}
