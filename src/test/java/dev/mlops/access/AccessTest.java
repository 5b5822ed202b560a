package dev.mlops.access;

import static dev.mlops.testing.IamEvaluator.Decision.ALLOW;
import static dev.mlops.testing.IamEvaluator.Decision.EXPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.offline.ResourceState;
import dev.mlops.testing.IamEvaluator;
import dev.mlops.testing.Policies;
import dev.mlops.testing.Previews;
import dev.mlops.testing.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The separation of people, asserted on the resolved policy documents of both stacks, in the words a reviewer
 * would use. A person's permissions are their persona role's policies; what they can do in a notebook is
 * their Studio execution role's; both are checked where the rule is about the person.
 */
class AccessTest {

    private record Stack(String name, Resources r, Map<String, String> buckets, String account) {
        String object(String dataClass) {
            return "arn:aws:s3:::" + buckets.get(dataClass) + "/batch=2026-11-23/part-0.csv";
        }

        String bucket(String dataClass) {
            return "arn:aws:s3:::" + buckets.get(dataClass);
        }

        /** The raw key (raw bucket) or the platform key (the other buckets), as their encryption names it. */
        String key(String which) {
            return r.one("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                    "mlops-" + name + "-data-" + (which.equals("raw") ? "raw" : "curated") + "-encryption")
                    .input("rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId").asText();
        }

        String sagemaker(String resource) {
            return "arn:aws:sagemaker:eu-west-1:" + account + ":" + resource;
        }

        /** The person, and their notebook. */
        List<IamEvaluator> person(String persona) {
            return List.of(Policies.evaluator(r, "mlops-" + name + "-" + persona),
                    Policies.evaluator(r, Policies.nameOf(r.one("aws:iam/role:Role", "mlops-" + name + "-access-" + persona + "-studio-role"))));
        }
    }

    @SuppressWarnings("unchecked")
    private static Stack stack(String name) {
        var preview = Previews.of(name).preview();
        return new Stack(name, Previews.resources(name), (Map<String, String>) preview.outputs().values().get("dataBuckets"),
                (String) preview.outputs().values().get("accountId"));
    }

    private static final List<String> PERSONAS = List.of("data-engineer", "data-scientist", "ml-engineer");

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void aDataScientistCannotReadAnyObjectInTheRawBucketNorUseItsKey(String name) {
        Stack s = stack(name);
        for (IamEvaluator scientist : s.person("data-scientist")) {
            assertThat(scientist.decide("s3:GetObject", s.object("raw"))).isEqualTo(EXPLICIT_DENY);
            assertThat(scientist.decide("s3:ListBucket", s.bucket("raw"))).isEqualTo(EXPLICIT_DENY);
            assertThat(scientist.decide("s3:PutObject", s.object("raw"))).isEqualTo(EXPLICIT_DENY);
            assertThat(scientist.decide("kms:Decrypt", s.key("raw"))).isEqualTo(EXPLICIT_DENY);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void aDataScientistReadsCuratedDataButCannotWriteIt(String name) {
        Stack s = stack(name);
        for (IamEvaluator scientist : s.person("data-scientist")) {
            assertThat(scientist.decide("s3:GetObject", s.object("curated"))).isEqualTo(ALLOW);
            assertThat(scientist.decide("kms:Decrypt", s.key("platform"))).isEqualTo(ALLOW);
            assertThat(scientist.decide("s3:PutObject", s.object("curated"))).isNotEqualTo(ALLOW);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void aDataScientistWorksOnTheModelsCodeInBranchesButNeverChangesMainDirectly(String name) {
        Stack s = stack(name);
        String repo = "arn:aws:codecommit:eu-west-1:" + s.account() + ":house-prices-model";
        String other = "arn:aws:codecommit:eu-west-1:" + s.account() + ":someone-elses-code";
        for (IamEvaluator scientist : s.person("data-scientist")) {
            assertThat(scientist.decide("codecommit:GitPull", repo)).isEqualTo(ALLOW);
            assertThat(scientist.decide("codecommit:MergePullRequestBySquash", repo)).isEqualTo(ALLOW);
            // Pushes are allowed, except to main: the deny carries the codecommit:References condition.
            assertThat(scientist.decide("codecommit:GitPush", repo)).isEqualTo(IamEvaluator.Decision.CONDITIONAL_DENY);
            assertThat(scientist.grantsOf("codecommit:GitPush")).anyMatch(g -> g.contains(repo));
            assertThat(scientist.decide("codecommit:MergeBranchesByFastForward", other)).isEqualTo(IamEvaluator.Decision.CONDITIONAL_DENY);
            assertThat(scientist.decide("codecommit:GitPull", other)).isEqualTo(IamEvaluator.Decision.IMPLICIT_DENY);
        }
        for (String persona : List.of("data-engineer", "ml-engineer")) {
            for (IamEvaluator person : s.person(persona)) {
                assertThat(person.decide("codecommit:GitPush", repo)).as(persona).isEqualTo(IamEvaluator.Decision.IMPLICIT_DENY);
            }
        }
    }

    @Test
    void theModelCodePolicyIsItsOwnManagedPolicySoThePersonaPolicyDoesNotGrowWithTheModels() {
        Resources r = Previews.resources("staging");
        String persona = r.one("aws:iam/policy:Policy", "mlops-staging-access-data-scientist-policy").input("policy").asText();
        assertThat(persona).doesNotContain("codecommit:");
        String code = r.one("aws:iam/policy:Policy", "mlops-staging-access-model-code").input("policy").asText();
        assertThat(Resources.documentOf(code).path("Statement")).extracting(st -> st.path("Sid").asText())
                .containsExactly("ModelCode", "NoDirectPushToMain");
        assertThat(r.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
                .filter(a -> a.name().endsWith("model-code-attachment")).toList()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void aDataScientistCannotApproveModelsChangeEndpointsIamOrTheDeliveryPipeline(String name) {
        Stack s = stack(name);
        for (IamEvaluator scientist : s.person("data-scientist")) {
            assertThat(scientist.decide("sagemaker:UpdateModelPackage", s.sagemaker("model-package/mlops-" + name + "-house-prices/3")))
                    .isEqualTo(EXPLICIT_DENY);
            assertThat(scientist.decide("sagemaker:UpdateEndpoint", s.sagemaker("endpoint/mlops-" + name + "-house-prices-abc"))).isEqualTo(EXPLICIT_DENY);
            assertThat(scientist.decide("iam:CreateRole", "arn:aws:iam::" + s.account() + ":role/anything")).isEqualTo(EXPLICIT_DENY);
            assertThat(scientist.decide("iam:PutRolePolicy", "arn:aws:iam::" + s.account() + ":role/mlops-" + name + "-data-scientist"))
                    .isEqualTo(EXPLICIT_DENY);
            assertThat(scientist.decide("codepipeline:UpdatePipeline", "arn:aws:codepipeline:eu-west-1:" + s.account() + ":mlops-" + name
                    + "-house-prices-delivery")).isEqualTo(EXPLICIT_DENY);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void aDataScientistStartsTrainingOnlyThroughTheTrainingPipelineRole(String name) {
        Stack s = stack(name);
        IamEvaluator notebook = s.person("data-scientist").get(1);
        assertThat(notebook.decide("sagemaker:CreateTrainingJob", s.sagemaker("training-job/experiment-1"))).isEqualTo(ALLOW);
        String trainingRole = "arn:aws:iam::" + s.account() + ":role/mlops-" + name + "-delivery-house-prices-training-role-1a2b3c4";
        assertThat(notebook.decide("iam:PassRole", trainingRole)).isEqualTo(IamEvaluator.Decision.CONDITIONAL_ALLOW);
        assertThat(notebook.decide("iam:PassRole", "arn:aws:iam::" + s.account() + ":role/Admin")).isNotIn(ALLOW,
                IamEvaluator.Decision.CONDITIONAL_ALLOW);
        assertThat(notebook.decide("iam:PassRole", Policies.role(s.r(), "mlops-" + name + "-access-data-scientist-studio-role")
                .input("name").asText())).isNotIn(ALLOW, IamEvaluator.Decision.CONDITIONAL_ALLOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void dataEngineersOwnRawDataPublishCuratedDataAndRunTheDataPipelines(String name) {
        Stack s = stack(name);
        for (IamEvaluator engineer : s.person("data-engineer")) {
            assertThat(engineer.decide("s3:GetObject", s.object("raw"))).isEqualTo(ALLOW);
            assertThat(engineer.decide("s3:PutObject", s.object("raw"))).isEqualTo(ALLOW);
            assertThat(engineer.decide("s3:PutObject", s.object("curated"))).isEqualTo(ALLOW);
            assertThat(engineer.decide("kms:GenerateDataKey", s.key("raw"))).isEqualTo(ALLOW);
            assertThat(engineer.decide("sagemaker:StartPipelineExecution", s.sagemaker("pipeline/mlops-" + name + "-house-sales-data")))
                    .isEqualTo(ALLOW);
            assertThat(engineer.decide("sagemaker:UpdateModelPackage", s.sagemaker("model-package/mlops-" + name + "-house-prices/1")))
                    .isEqualTo(EXPLICIT_DENY);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void mlEngineersApproveModelsAndOperateEndpointsButNeverSeeRawData(String name) {
        Stack s = stack(name);
        for (IamEvaluator engineer : s.person("ml-engineer")) {
            assertThat(engineer.decide("sagemaker:UpdateModelPackage", s.sagemaker("model-package/mlops-" + name + "-house-prices/3")))
                    .isEqualTo(ALLOW);
            assertThat(engineer.decide("sagemaker:UpdateEndpointWeightsAndCapacities", s.sagemaker("endpoint/mlops-" + name + "-house-prices-x")))
                    .isEqualTo(ALLOW);
            assertThat(engineer.decide("cloudwatch:SetAlarmState", "arn:aws:cloudwatch:eu-west-1:" + s.account() + ":alarm:mlops-" + name
                    + "-house-prices-rmse")).isEqualTo(ALLOW);
            assertThat(engineer.decide("s3:GetObject", s.object("curated"))).isEqualTo(ALLOW);
            assertThat(engineer.decide("s3:GetObject", s.object("raw"))).isEqualTo(EXPLICIT_DENY);
            assertThat(engineer.decide("kms:Decrypt", s.key("raw"))).isEqualTo(EXPLICIT_DENY);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void noPersonaCanStopARunningPipelineOrStartDeliveryByHand(String name) {
        Stack s = stack(name);
        String delivery = "arn:aws:codepipeline:eu-west-1:" + s.account() + ":mlops-" + name + "-house-prices-delivery";
        String training = s.sagemaker("pipeline/mlops-" + name + "-house-prices-training");
        for (String persona : PERSONAS) {
            for (IamEvaluator person : s.person(persona)) {
                assertThat(person.decide("sagemaker:StopPipelineExecution", training + "/execution/abc123")).as(persona).isEqualTo(EXPLICIT_DENY);
                assertThat(person.decide("codepipeline:StopPipelineExecution", delivery)).as(persona).isEqualTo(EXPLICIT_DENY);
                assertThat(person.decide("codepipeline:StartPipelineExecution", delivery)).as(persona).isEqualTo(EXPLICIT_DENY);
                assertThat(person.decide("codepipeline:RetryStageExecution", delivery + "/Train")).as(persona).isEqualTo(EXPLICIT_DENY);
                assertThat(person.decide("codepipeline:DisableStageTransition", delivery + "/Deploy")).as(persona).isEqualTo(EXPLICIT_DENY);
                assertThat(person.decide("sagemaker:StartPipelineExecution", training)).as(persona).isEqualTo(EXPLICIT_DENY);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void noPersonaCanDeleteDataBucketsOrScheduleKeyDeletion(String name) {
        Stack s = stack(name);
        for (String persona : PERSONAS) {
            for (IamEvaluator person : s.person(persona)) {
                for (String dataClass : List.of("raw", "curated", "artifacts", "capture")) {
                    assertThat(person.decide("s3:DeleteBucket", s.bucket(dataClass))).as(persona + " " + dataClass).isEqualTo(EXPLICIT_DENY);
                }
                assertThat(person.decide("kms:ScheduleKeyDeletion", s.key("raw"))).isEqualTo(EXPLICIT_DENY);
                assertThat(person.decide("kms:ScheduleKeyDeletion", s.key("platform"))).isEqualTo(EXPLICIT_DENY);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void personaRolesHoldOnlyThisStacksOwnPoliciesAndNeverEveryAction(String name) {
        Stack s = stack(name);
        for (ResourceState attachment : s.r().ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")) {
            assertThat(attachment.input("policyArn").asText()).as("no AWS-managed policy").startsWith("arn:aws:iam::" + s.account() + ":policy/");
        }
        for (String persona : PERSONAS) {
            for (String document : Policies.of(s.r(), "mlops-" + name + "-" + persona)) {
                for (JsonNode statement : Resources.documentOf(document).path("Statement")) {
                    if (statement.path("Effect").asText().equals("Allow")) {
                        assertThat(statement.path("Action").toString()).as(persona).doesNotContain("\"*\"").doesNotContain(":*\"");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void passRoleIsAlwaysLimitedToNamedRolesAndAService(String name) {
        Stack s = stack(name);
        List<String> passRoles = new ArrayList<>();
        for (ResourceState role : s.r().ofType("aws:iam/role:Role")) {
            for (String document : Policies.of(s.r(), role.input("name").asText())) {
                for (JsonNode statement : Resources.documentOf(document).path("Statement")) {
                    if (statement.path("Effect").asText().equals("Allow") && statement.path("Action").toString().contains("iam:PassRole")) {
                        assertThat(statement.path("Resource").toString()).as(role.name()).doesNotContain("\"*\"");
                        JsonNode services = statement.path("Condition").path("StringEquals").path("iam:PassedToService");
                        assertThat(services.isArray() ? services.size() : 1).as(role.name()).isPositive();
                        for (JsonNode service : services.isArray() ? services : List.of(services)) {
                            assertThat(service.asText()).as(role.name()).endsWith(".amazonaws.com");
                        }
                        passRoles.add(role.name());
                    }
                }
            }
        }
        assertThat(passRoles).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void personaRolesTrustOnlyTheirIamIdentityCenterPermissionSet(String name) {
        Stack s = stack(name);
        for (String persona : PERSONAS) {
            ResourceState role = s.r().one("aws:iam/role:Role", "mlops-" + name + "-access-" + persona);
            assertThat(role.input("name").asText()).isEqualTo("mlops-" + name + "-" + persona);
            assertThat(role.input("maxSessionDuration").asInt()).isEqualTo(4 * 3600);
            JsonNode trust = Resources.document(role, "assumeRolePolicy").path("Statement");
            assertThat(trust).hasSize(1);
            assertThat(trust.get(0).path("Principal").path("AWS").asText()).isEqualTo("arn:aws:iam::" + s.account() + ":root");
            String permissionSet = switch (persona) {
                case "data-engineer" -> "MlopsDataEngineer";
                case "data-scientist" -> "MlopsDataScientist";
                default -> "MlopsMlEngineer";
            };
            assertThat(trust.get(0).path("Condition").path("ArnLike").path("aws:PrincipalArn").asText())
                    .endsWith(":role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_" + permissionSet + "_*");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void serviceRolesTrustOnlyTheirServiceForThisAccount(String name) {
        Stack s = stack(name);
        List<ResourceState> serviceRoles = s.r().matching(r -> r.type().equals("aws:iam/role:Role") && r.name().endsWith("-role"));
        assertThat(serviceRoles).hasSizeGreaterThanOrEqualTo(6).allSatisfy(role -> {
            JsonNode statement = Resources.document(role, "assumeRolePolicy").path("Statement").get(0);
            assertThat(statement.path("Principal").path("Service").asText()).endsWith(".amazonaws.com");
            assertThat(statement.path("Condition").path("StringEquals").path("aws:SourceAccount").asText()).isEqualTo(s.account());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theDataPipelineRoleReadsTheSourceAndWritesRawAndCuratedOnly(String name) {
        Stack s = stack(name);
        IamEvaluator pipeline = Policies.evaluator(s.r(), Policies.nameOf(s.r().one("aws:iam/role:Role", "mlops-" + name + "-access-data-pipeline-role")));
        assertThat(pipeline.decide("s3:GetObject", "arn:aws:s3:::acme-partner-landing/house-sales/2026-11-23.csv")).isEqualTo(ALLOW);
        assertThat(pipeline.decide("s3:GetObject", "arn:aws:s3:::acme-partner-landing/other/x.csv")).isNotEqualTo(ALLOW);
        assertThat(pipeline.decide("s3:PutObject", s.object("raw"))).isEqualTo(ALLOW);
        assertThat(pipeline.decide("s3:PutObject", s.object("curated"))).isEqualTo(ALLOW);
        assertThat(pipeline.decide("s3:PutObject", s.object("capture"))).isNotEqualTo(ALLOW);
        assertThat(pipeline.decide("sagemaker:CreateProcessingJob", s.sagemaker("processing-job/ingest-1"))).isEqualTo(ALLOW);
    }
}
