package dev.mlops.registry;

import static dev.mlops.testing.IamEvaluator.Decision.ALLOW;
import static dev.mlops.testing.IamEvaluator.Decision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.offline.ResourceState;
import dev.mlops.testing.IamEvaluator;
import dev.mlops.testing.Previews;
import dev.mlops.testing.Resources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The model package groups of both stacks, and how staging shares them with prod's account. */
class ModelRegistryTest {

    private static final String GROUP = "aws:sagemaker/modelPackageGroup:ModelPackageGroup";
    private static final String GROUP_POLICY = "aws:sagemaker/modelPackageGroupPolicy:ModelPackageGroupPolicy";
    private static final String STAGING_ACCOUNT = "111111111111";
    private static final String PROD_ROOT = "arn:aws:iam::222222222222:root";
    // SageMaker ModelPackageGroupName: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$
    private static final String GROUP_NAME_PATTERN = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}";

    @TempDir
    Path temp;

    private static String sagemaker(String resource) {
        return "arn:aws:sagemaker:eu-west-1:" + STAGING_ACCOUNT + ":" + resource;
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void eachModelHasAGroupWithAnExplicitNameWithinSageMakersPattern(String stack) {
        List<ResourceState> groups = Previews.resources(stack).ofType(GROUP);
        assertThat(groups).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("mlops-" + stack + "-registry-house-prices");
            assertThat(g.input("modelPackageGroupName").asText()).isEqualTo("mlops-" + stack + "-house-prices").matches(GROUP_NAME_PATTERN);
            assertThat(g.input("__defaults").toString()).doesNotContain("modelPackageGroupName");
            assertThat(g.input("modelPackageGroupDescription").asText()).startsWith("Predicts the sale price");
            assertThat(g.input("tags.model").asText()).isEqualTo("house-prices");
            assertThat(g.input("tags.model-tag").asText()).isEqualTo("1");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theStackExportsItsGroupsByModel(String stack) {
        assertThat(Previews.of(stack).preview().outputs().values().get("modelPackageGroups"))
                .isEqualTo(Map.of("house-prices", "mlops-" + stack + "-house-prices"));
    }

    @ParameterizedTest
    @CsvSource({"staging, false", "prod, true"})
    void groupsAreProtectedAndKeptWhereTheStackHoldsRealData(String stack, boolean realData) {
        assertThat(Previews.resources(stack).ofType(GROUP)).allSatisfy(g -> {
            assertThat(g.protect()).isEqualTo(realData);
            assertThat(g.retainOnDelete()).isEqualTo(realData);
        });
    }

    @Test
    void stagingLetsProdsAccountReadEachGroupAndDeployItsVersions() {
        Resources r = Previews.resources("staging");
        ResourceState policy = r.one(GROUP_POLICY, "mlops-staging-registry-house-prices-sharing");
        assertThat(policy.input("modelPackageGroupName").asText()).isEqualTo("mlops-staging-house-prices");
        assertThat(policy.dependencies()).contains(r.one(GROUP, "mlops-staging-registry-house-prices").urn());

        String document = policy.input("resourcePolicy").asText();
        assertThat(IamEvaluator.of(List.of(document)).principals()).containsExactly("AWS:" + PROD_ROOT);
        IamEvaluator prod = IamEvaluator.ofResourcePolicy(document, PROD_ROOT);
        String group = sagemaker("model-package-group/mlops-staging-house-prices");
        String version = sagemaker("model-package/mlops-staging-house-prices/3");
        assertThat(prod.decide("sagemaker:DescribeModelPackageGroup", group)).isEqualTo(ALLOW);
        for (String action : List.of("sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages", "sagemaker:CreateModel")) {
            assertThat(prod.decide(action, version)).as(action).isEqualTo(ALLOW);
        }
    }

    @Test
    void prodCannotApproveRegisterOrDeleteStagingsVersionsNorReadOtherGroups() {
        String document = Previews.resources("staging").one(GROUP_POLICY, "mlops-staging-registry-house-prices-sharing")
                .input("resourcePolicy").asText();
        IamEvaluator prod = IamEvaluator.ofResourcePolicy(document, PROD_ROOT);
        String version = sagemaker("model-package/mlops-staging-house-prices/3");
        for (String action : List.of("sagemaker:UpdateModelPackage", "sagemaker:DeleteModelPackage", "sagemaker:AddTags")) {
            assertThat(prod.decide(action, version)).as(action).isEqualTo(IMPLICIT_DENY);
        }
        for (String action : List.of("sagemaker:CreateModelPackage", "sagemaker:DeleteModelPackageGroup", "sagemaker:PutModelPackageGroupPolicy")) {
            assertThat(prod.decide(action, sagemaker("model-package-group/mlops-staging-house-prices"))).as(action).isEqualTo(IMPLICIT_DENY);
        }
        assertThat(prod.decide("sagemaker:DescribeModelPackage", sagemaker("model-package/mlops-staging-rent-index/1"))).isEqualTo(IMPLICIT_DENY);
        assertThat(IamEvaluator.ofResourcePolicy(document, "arn:aws:iam::333333333333:root")
                .decide("sagemaker:DescribeModelPackage", version)).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void prodSharesItsRegistryWithNobody() {
        assertThat(Previews.resources("prod").ofType(GROUP_POLICY)).isEmpty();
    }

    @Test
    void aPeerInTheSameAccountGetsNoGrantAnywhere() {
        // Staging and prod in one account: prod's roles read staging through their own IAM policies.
        var preview = Previews.edited(temp, "staging", text -> Previews.replacing(text, "prod: \"222222222222\"", "prod: \"111111111111\""));
        Resources r = new Resources(preview.preview().resources());
        assertThat(preview.settings().registry().sharedWith()).containsExactly("prod");
        assertThat(r.ofType(GROUP_POLICY)).isEmpty();
        assertThat(r.ofType("aws:ecr/repositoryPolicy:RepositoryPolicy")).isEmpty();
        for (ResourceState withPolicy : r.matching(x -> x.type().equals("aws:kms/key:Key") || x.type().equals("aws:s3/bucketPolicy:BucketPolicy"))) {
            assertThat(withPolicy.input("policy").asText()).as(withPolicy.name()).doesNotContain("PeersRead");
        }
    }
}
