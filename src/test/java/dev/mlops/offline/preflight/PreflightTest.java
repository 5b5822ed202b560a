package dev.mlops.offline.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.offline.ResourceState;
import dev.mlops.testing.Previews;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each AWS limit preflight knows, shown with a value AWS would reject and one it accepts. */
class PreflightTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ResourceState resource(String type, String name, String inputs) {
        try {
            return new ResourceState("urn:pulumi:s::mlops::" + type + "::" + name, type, true, "", "", false, false, List.of(),
                    (ObjectNode) JSON.readTree(inputs));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<Finding> check(String type, String name, String inputs) {
        return Preflight.check(List.of(resource(type, name, inputs)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theRealStacksPass(String stack) {
        assertThat(Preflight.check(Previews.of(stack).preview().resources())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ab|3..63",
            "Upper-Case-Bucket|lowercase letters",
            "-starts-with-hyphen|starting and ending",
            "two..periods|adjacent periods",
            "192.168.1.10|IP address",
            "xn--bucket|reserves",
            "sthree-bucket|reserves",
            "amzn-s3-demo-bucket|reserves",
            "my-bucket-s3alias|reserves",
            "my-bucket--ol-s3|reserves",
            "my-bucket--x-s3|reserves",
            "my.bucket.mrap|reserves"})
    void s3RejectsTheseBucketNames(String bucket, String why) {
        assertThat(check("aws:s3/bucketV2:BucketV2", "b", "{\"bucket\": \"" + bucket + "\"}"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains(why));
    }

    @Test
    void anAutoNamedBucketSaysHowLongTheLogicalNameMayBe() {
        String logical = "x".repeat(56);
        List<Finding> findings = check("aws:s3/bucketV2:BucketV2", logical,
                "{\"bucket\": \"" + logical + "-1234567\", \"__defaults\": [\"bucket\"]}");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.property()).isEqualTo("bucket");
            assertThat(f.message()).contains("64 characters", "3..63", "keep the logical name", "to 55 characters");
        });
        assertThat(check("aws:s3/bucketV2:BucketV2", "ok", "{\"bucket\": \"" + "x".repeat(55) + "-1234567\"}")).isEmpty();
    }

    @Test
    void iamNamesHaveTheirLimits() {
        String logical = "r".repeat(57);
        assertThat(check("aws:iam/role:Role", logical, "{\"name\": \"" + logical + "-1234567\", \"__defaults\": [\"name\"]}"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("1..64", "to 56 characters"));
        assertThat(check("aws:iam/role:Role", "r", "{\"name\": \"has space\"}")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("not allowed"));
        assertThat(check("aws:iam/role:Role", "r", "{\"name\": \"data-scientist+x=y,z.w@v_u\"}")).isEmpty();
    }

    @Test
    void kmsLimits() {
        assertThat(check("aws:kms/key:Key", "k", "{\"deletionWindowInDays\": 6}")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("7..30"));
        assertThat(check("aws:kms/key:Key", "k", "{\"rotationPeriodInDays\": 3000}")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("90..2560"));
        assertThat(check("aws:kms/alias:Alias", "a", "{\"name\": \"alias/aws/s3\"}")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("reserves"));
        assertThat(check("aws:kms/alias:Alias", "a", "{\"name\": \"my-raw-key\"}")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("alias/ followed by"));
        assertThat(check("aws:kms/key:Key", "k", "{\"deletionWindowInDays\": 30, \"rotationPeriodInDays\": 365}")).isEmpty();
    }

    @Test
    void lifecycleRules() {
        String type = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
        assertThat(check(type, "l", "{\"rules\": [{\"id\": \"a\", \"status\": \"Enabled\", \"transitions\": [{\"days\": 10, \"storageClass\": \"STANDARD_IA\"}]}]}"))
                .singleElement().satisfies(f -> {
                    assertThat(f.property()).isEqualTo("rules[0].transitions[0].days");
                    assertThat(f.message()).contains("after 30 days at the earliest");
                });
        assertThat(check(type, "l", "{\"rules\": [{\"id\": \"a\", \"status\": \"Enabled\", \"expiration\": {\"days\": 30},"
                + " \"transitions\": [{\"days\": 30, \"storageClass\": \"STANDARD_IA\"}]}]}"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("later than the last transition"));
        assertThat(check(type, "l", "{\"rules\": [{\"id\": \"a\", \"status\": \"On\"}, {\"id\": \"a\", \"status\": \"Enabled\"}]}"))
                .extracting(Finding::property).containsExactlyInAnyOrder("rules[0].status", "rules[1].id");
        assertThat(check(type, "l", "{\"rules\": [{\"id\": \"a\", \"status\": \"Enabled\", \"noncurrentVersionExpiration\": {\"noncurrentDays\": 0}}]}"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("at least 1"));
        assertThat(check(type, "l", "{\"rules\": [{\"id\": \"a\", \"status\": \"Enabled\", \"expiration\": {\"days\": 90},"
                + " \"transitions\": [{\"days\": 30, \"storageClass\": \"STANDARD_IA\"}]}]}")).isEmpty();
    }

    @Test
    void componentsAreNotChecked() {
        ResourceState component = new ResourceState("urn:pulumi:s::mlops::aws:s3/bucketV2:BucketV2::c", "aws:s3/bucketV2:BucketV2",
                false, "", "", false, false, List.of(), JSON.createObjectNode().put("bucket", "NOT VALID"));
        assertThat(Preflight.check(List.of(component))).isEmpty();
    }

    private static String quoted(String json) {
        return json.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Test
    void iamRejectsPoliciesOverItsSizeLimits() {
        String statements = String.join(",", java.util.Collections.nCopies(60,
                "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::a-rather-long-bucket-name-for-data/prefix/*\"}"));
        String big = "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
        assertThat(check("aws:iam/policy:Policy", "p", "{\"policy\": \"" + quoted(big) + "\"}"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("without white space", "6144"));
    }

    @Test
    void inlinePoliciesAreLimitedTogetherPerRole() {
        String statement = "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket-with-a-long-name-of-data/p/*\"}";
        String doc = "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", java.util.Collections.nCopies(60, statement)) + "]}";
        List<ResourceState> two = List.of(
                resource("aws:iam/rolePolicy:RolePolicy", "a", "{\"role\": \"r\", \"policy\": \"" + quoted(doc) + "\"}"),
                resource("aws:iam/rolePolicy:RolePolicy", "b", "{\"role\": \"r\", \"policy\": \"" + quoted(doc) + "\"}"));
        assertThat(Preflight.check(two)).singleElement().satisfies(f -> {
            assertThat(f.resourceName()).isEqualTo("b");
            assertThat(f.message()).contains("inline policies of role r", "10240 per role");
        });
    }

    @Test
    void iamRejectsEmptyAndMalformedStatements() {
        assertThat(check("aws:iam/policy:Policy", "p", "{\"policy\": \"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[]}\"}"))
                .extracting(Finding::message).containsExactly("has no statements");
        String bad = "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Sid\":\"a-b\",\"Effect\":\"Permit\",\"Action\":\"GetObject\","
                + "\"Resource\":\"my-bucket\"},{\"Sid\":\"x\",\"Effect\":\"Allow\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"x\",\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b\",\"Principal\":\"*\"}]}";
        assertThat(check("aws:iam/policy:Policy", "p", "{\"policy\": \"" + quoted(bad) + "\"}")).extracting(Finding::message)
                .anyMatch(m -> m.contains("Version \"2008-10-17\""))
                .anyMatch(m -> m.contains("Sid \"a-b\" may hold only letters and digits"))
                .anyMatch(m -> m.contains("Effect \"Permit\""))
                .anyMatch(m -> m.contains("action \"GetObject\" is not service:Action"))
                .anyMatch(m -> m.contains("resource \"my-bucket\" is neither * nor an ARN"))
                .anyMatch(m -> m.contains("Statement[1] has no Action"))
                .anyMatch(m -> m.contains("Sid \"x\" is used by another statement"))
                .anyMatch(m -> m.contains("an identity policy takes none"));
    }

    @Test
    void trustPoliciesNeedAPrincipalAndNoResource() {
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}]}";
        assertThat(check("aws:iam/role:Role", "r", "{\"assumeRolePolicy\": \"" + quoted(trust) + "\"}")).extracting(Finding::message)
                .containsExactlyInAnyOrder("Statement[0] has no Principal; a trust policy names who may assume the role",
                        "Statement[0] has a Resource; a trust policy takes none");
    }

    @Test
    void sageMakerNamesFollowTheirPattern() {
        assertThat(check("aws:sagemaker/userProfile:UserProfile", "u", "{\"userProfileName\": \"alice_smith\"}"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("letters, digits and hyphens"));
        assertThat(check("aws:sagemaker/domain:Domain", "d", "{\"domainName\": \"" + "d".repeat(64) + "\"}"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("1..63"));
        assertThat(check("aws:sagemaker/domain:Domain", "d", "{\"domainName\": \"mlops-staging-studio\"}")).isEmpty();
    }

    @Test
    void servingNamesFitSageMakersLimitWithPulumisSuffix() {
        // A 32-character model name in staging: <prefix>-<model>-challenger is 57 characters, and Pulumi adds 8.
        String logical = "mlops-staging-" + "m".repeat(32) + "-challenger";
        String autoNamed = "{\"__defaults\": [\"name\"], \"name\": \"" + logical + "-1234567\"}";
        assertThat(check("aws:sagemaker/model:Model", logical, autoNamed)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("is 65 characters; AWS allows 1..63", "keep the logical name to 55"));
        assertThat(check("aws:sagemaker/endpointConfiguration:EndpointConfiguration", logical, autoNamed)).hasSize(1);
        assertThat(check("aws:sagemaker/endpoint:Endpoint", "e", "{\"name\": \"mlops-staging_house-prices\"}")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("letters, digits and hyphens"));
        assertThat(check("aws:sagemaker/model:Model", "m", "{\"__defaults\": [\"name\"], \"name\": \"mlops-staging-house-prices-challenger-289c18b\"}"))
                .isEmpty();
    }
}
