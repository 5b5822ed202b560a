package dev.mlops.deployment;

import static dev.mlops.testing.IamEvaluator.Decision.ALLOW;
import static dev.mlops.testing.IamEvaluator.Decision.CONDITIONAL_ALLOW;
import static dev.mlops.testing.IamEvaluator.Decision.EXPLICIT_DENY;
import static dev.mlops.testing.IamEvaluator.Decision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.config.DeploymentSettings;
import dev.mlops.config.StackSettings;
import dev.mlops.offline.ResourceState;
import dev.mlops.testing.IamEvaluator;
import dev.mlops.testing.Policies;
import dev.mlops.testing.Previews;
import dev.mlops.testing.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Continuous deployment over the offline previews of both real stacks: the pipeline and its builds in staging, the
 * deploy role in prod, and who may start, approve and assume what. The two stacks are read together where they must
 * agree (the role staging assumes is the role prod creates, trusting the build staging runs).
 */
class ContinuousDeploymentTest {

    private static final String PIPELINE = "aws:codepipeline/pipeline:Pipeline";
    private static final String PROJECT = "aws:codebuild/project:Project";
    private static final String ROLE = "aws:iam/role:Role";
    private static final String RULE = "aws:cloudwatch/eventRule:EventRule";
    private static final String TARGET = "aws:cloudwatch/eventTarget:EventTarget";
    private static final String STAGING_ACCOUNT = "111111111111";
    private static final String PROD_ACCOUNT = "222222222222";
    private static final String PIPELINE_ARN = "arn:aws:codepipeline:eu-west-1:" + STAGING_ACCOUNT + ":mlops-staging-deployment";
    private static final String PROD_DEPLOY_ROLE = "arn:aws:iam::" + PROD_ACCOUNT + ":role/mlops-prod-deployment";
    private static final String PROMOTION_BUILD_ROLE = "arn:aws:iam::" + STAGING_ACCOUNT + ":role/mlops-staging-deployment-prod";

    private static Resources staging() {
        return Previews.resources("staging");
    }

    private static Resources prod() {
        return Previews.resources("prod");
    }

    private static DeploymentSettings.PipelineSettings stagingSettings() {
        return StackSettings.fromStackFile(Previews.PROJECT, "staging").deployment().orElseThrow().pipeline().orElseThrow();
    }

    private static ResourceState pipeline() {
        return staging().one(PIPELINE, "mlops-staging-deployment-pipeline");
    }

    private static ResourceState project(String target) {
        return staging().one(PROJECT, "mlops-staging-deployment-" + target + "-build");
    }

    /** A project's environment variables by name. */
    private static Map<String, JsonNode> variables(ResourceState project) {
        Map<String, JsonNode> variables = new TreeMap<>();
        project.input("environment.environmentVariables").forEach(v -> variables.put(v.path("name").asText(), v));
        return variables;
    }

    private static IamEvaluator roleOf(Resources r, String logicalName) {
        return Policies.evaluator(r, Policies.nameOf(r.one(ROLE, logicalName)));
    }

    private static IamEvaluator stagingBuild() {
        return roleOf(staging(), "mlops-staging-deployment-staging-build-role");
    }

    private static IamEvaluator promotionBuild() {
        return roleOf(staging(), "mlops-staging-deployment-prod-build-role");
    }

    private static IamEvaluator prodDeployRole() {
        return Policies.evaluator(prod(), "mlops-prod-deployment");
    }

    // ---------------------------------------------------------------- what exists where

    @Test
    void stagingRunsThePipelineAndProdHoldsOnlyTheDeployRole() {
        assertThat(staging().ofType("mlops:deployment:ContinuousDeployment")).hasSize(1);
        assertThat(staging().ofType("mlops:deployment:DeployRole")).isEmpty();
        assertThat(prod().ofType("mlops:deployment:DeployRole")).hasSize(1);
        assertThat(prod().ofType("mlops:deployment:ContinuousDeployment")).isEmpty();
        assertThat(prod().matching(r -> r.type().equals(PIPELINE) && r.input("name").asText().contains("deployment"))).isEmpty();
        assertThat(Previews.of("staging").preview().outputs().values()).containsEntry("deploymentPipeline", "mlops-staging-deployment")
                .containsEntry("promotionBuildRoleArn", PROMOTION_BUILD_ROLE);
        assertThat(Previews.of("prod").preview().outputs().values()).containsEntry("deployRoleArn", PROD_DEPLOY_ROLE);
    }

    @Test
    void thePipelineQueuesItsRunsAndPromotesOnlyBehindAnApproval() {
        ResourceState p = pipeline();
        assertThat(p.input("name").asText()).isEqualTo("mlops-staging-deployment");
        assertThat(p.input("pipelineType").asText()).isEqualTo("V2");
        assertThat(p.input("executionMode").asText()).isEqualTo("QUEUED");
        assertThat(StreamSupport.stream(p.input("stages").spliterator(), false).map(s -> s.path("name").asText()))
                .containsExactly("Source", "staging", "prod");
        assertThat(p.input("stages.1.actions.0.configuration.ProjectName").asText()).isEqualTo("mlops-staging-deploy-staging");
        assertThat(p.input("stages.1.actions.0.namespace").asText()).isEqualTo("staging");
        assertThat(p.input("stages.1.actions.0.configuration.EnvironmentVariables").asText()).contains("#{codepipeline.PipelineExecutionId}");

        JsonNode prodStage = p.input("stages.2");
        JsonNode condition = prodStage.path("beforeEntry").path("condition");
        assertThat(condition.path("result").asText()).isEqualTo("SKIP");
        assertThat(condition.path("rules").get(0).path("ruleTypeId").path("provider").asText()).isEqualTo("VariableCheck");
        assertThat(condition.path("rules").get(0).path("configuration").path("Variable").asText()).isEqualTo("#{staging.PROMOTE}");
        assertThat(condition.path("rules").get(0).path("configuration").path("Value").asText()).isEqualTo("true");
        assertThat(condition.path("rules").get(0).path("configuration").path("Operator").asText()).isEqualTo("EQ");
        JsonNode approve = prodStage.path("actions").get(0);
        JsonNode deploy = prodStage.path("actions").get(1);
        assertThat(approve.path("category").asText()).isEqualTo("Approval");
        assertThat(approve.path("provider").asText()).isEqualTo("Manual");
        assertThat(approve.path("configuration").path("NotificationArn").asText())
                .startsWith("arn:aws:sns:eu-west-1:" + STAGING_ACCOUNT + ":mlops-staging-deployment-approvals");
        assertThat(approve.path("runOrder").asInt()).isLessThan(deploy.path("runOrder").asInt());
        assertThat(deploy.path("configuration").path("ProjectName").asText()).isEqualTo("mlops-staging-deploy-prod");
    }

    @Test
    void theSourceIsTheProgramsRepositoryAndPushesDoNotStartARun() {
        JsonNode source = pipeline().input("stages.0.actions.0");
        var settings = stagingSettings().source();
        assertThat(source.path("provider").asText()).isEqualTo("CodeStarSourceConnection");
        assertThat(source.path("configuration").path("FullRepositoryId").asText()).isEqualTo(settings.name());
        assertThat(source.path("configuration").path("BranchName").asText()).isEqualTo(settings.branch());
        assertThat(source.path("configuration").path("ConnectionArn").asText()).isEqualTo(settings.connectionArn().orElseThrow());
        assertThat(source.path("configuration").path("DetectChanges").asText()).isEqualTo("false");
        assertThat(pipeline().input("triggers").isMissingNode() || pipeline().input("triggers").isEmpty()).isTrue();
    }

    @Test
    void artifactsAndTheApprovalTopicAreEncryptedWithThePlatformKey() {
        String platformKey = (String) Previews.of("staging").preview().outputs().values().get("platformKeyArn");
        assertThat(pipeline().input("artifactStores.0.encryptionKey.id").asText()).isEqualTo(platformKey);
        assertThat(staging().oneEndingWith("aws:sns/topic:Topic", "deployment-approvals").input("kmsMasterKeyId").asText()).isEqualTo(platformKey);
        assertThat(project("staging").input("encryptionKey").asText()).isEqualTo(platformKey);
        assertThat(staging().ofType("aws:sns/topicSubscription:TopicSubscription").stream()
                .filter(s -> s.name().contains("-approvals-")).toList())
                .extracting(s -> s.input("endpoint").asText())
                .containsExactlyInAnyOrderElementsOf(StackSettings.fromStackFile(Previews.PROJECT, "staging").alertEmails());
    }

    // ---------------------------------------------------------------- the builds

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void eachBuildInstallsThePinnedCliRunsTheRepositorysBuildspecAndReadsTheTokenFromSecretsManager(String target) {
        ResourceState project = project(target);
        Map<String, JsonNode> variables = variables(project);
        DeploymentSettings.PipelineSettings settings = stagingSettings();
        assertThat(project.input("name").asText()).isEqualTo("mlops-staging-deploy-" + target);
        assertThat(project.input("source.buildspec").asText()).isEqualTo(Buildspec.text());
        assertThat(project.input("concurrentBuildLimit").asInt()).isEqualTo(1);
        assertThat(variables.get("PULUMI_VERSION").path("value").asText()).isEqualTo(settings.pulumiVersion());
        assertThat(variables.get("PULUMI_BACKEND_URL").path("value").asText()).isEqualTo("https://api.pulumi.com");
        assertThat(variables.get("PULUMI_ACCESS_TOKEN").path("type").asText()).isEqualTo("SECRETS_MANAGER");
        assertThat(variables.get("PULUMI_ACCESS_TOKEN").path("value").asText()).isEqualTo(settings.secretArn().orElseThrow());
        assertThat(variables.get("STACK").path("value").asText()).isEqualTo("acme/mlops/" + target);
        assertThat(variables.values()).filteredOn(v -> !v.path("type").asText().equals("SECRETS_MANAGER"))
                .noneSatisfy(v -> assertThat(v.path("value").asText()).contains("secret"));
    }

    @Test
    void onlyThePromotionBuildDeploysThroughTheProdDeployRole() {
        Map<String, JsonNode> promotion = variables(project("prod"));
        Map<String, JsonNode> self = variables(project("staging"));
        assertThat(promotion.get("DEPLOY_ROLE_ARN").path("value").asText()).isEqualTo(PROD_DEPLOY_ROLE);
        assertThat(promotion.get("DEPLOY_ROLE_EXTERNAL_ID").path("value").asText()).isEqualTo("mlops-staging-deploys-prod");
        assertThat(self).doesNotContainKeys("DEPLOY_ROLE_ARN", "DEPLOY_ROLE_EXTERNAL_ID");
        // The staging build decides whether a run promotes, by the rule that started it.
        assertThat(self.get("PROMOTE_RULE").path("value").asText()).isEqualTo(staging().one(RULE, "mlops-staging-deployment-on-approval")
                .input("name").asText());
        assertThat(self.get("PIPELINE_NAME").path("value").asText()).isEqualTo(pipeline().input("name").asText());
        assertThat(promotion).doesNotContainKey("PROMOTE_RULE");
    }

    @Test
    void theStagingBuildDeploysStagingAndAssumesNoRole() {
        IamEvaluator build = stagingBuild();
        assertThat(build.grantsOf("sts:AssumeRole")).isEmpty();
        assertThat(build.decide("sts:AssumeRole", PROD_DEPLOY_ROLE)).isEqualTo(IMPLICIT_DENY);
        assertThat(build.decide("secretsmanager:GetSecretValue", stagingSettings().secretArn().orElseThrow())).isEqualTo(ALLOW);
        assertThat(build.decide("codepipeline:GetPipelineExecution", PIPELINE_ARN)).isEqualTo(ALLOW);
        assertThat(build.decide("sagemaker:CreateEndpoint", "arn:aws:sagemaker:eu-west-1:" + STAGING_ACCOUNT + ":endpoint/mlops-staging-house-prices-1"))
                .isEqualTo(ALLOW);
        assertThat(build.decide("iam:CreateRole", "arn:aws:iam::" + STAGING_ACCOUNT + ":role/mlops-staging-serving-role-1")).isEqualTo(ALLOW);
        // Other teams' resources in the account are out of reach where names allow it.
        assertThat(build.decide("sagemaker:DeleteEndpoint", "arn:aws:sagemaker:eu-west-1:" + STAGING_ACCOUNT + ":endpoint/other-team-endpoint"))
                .isEqualTo(IMPLICIT_DENY);
        assertThat(build.decide("iam:CreateRole", "arn:aws:iam::" + STAGING_ACCOUNT + ":role/Admin")).isEqualTo(IMPLICIT_DENY);
        assertThat(build.decide("s3:DeleteBucket", "arn:aws:s3:::other-team-bucket")).isEqualTo(IMPLICIT_DENY);
        // Nothing is started, approved or read that deploying does not need.
        assertThat(build.decide("codebuild:StartBuild", "arn:aws:codebuild:eu-west-1:" + STAGING_ACCOUNT + ":project/mlops-staging-deploy-prod"))
                .isEqualTo(IMPLICIT_DENY);
        assertThat(build.decide("codepipeline:StartPipelineExecution", PIPELINE_ARN)).isEqualTo(IMPLICIT_DENY);
        assertThat(build.decide("sagemaker:StartPipelineExecution", "arn:aws:sagemaker:eu-west-1:" + STAGING_ACCOUNT
                + ":pipeline/mlops-staging-house-prices-training")).isEqualTo(IMPLICIT_DENY);
        assertThat(build.decide("sagemaker:UpdateModelPackage", "arn:aws:sagemaker:eu-west-1:" + STAGING_ACCOUNT
                + ":model-package/mlops-staging-house-prices/3")).isEqualTo(EXPLICIT_DENY);
        assertThat(build.decide("s3:GetObject", rawObject("staging"))).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void thePromotionBuildCanAssumeTheProdDeployRoleAndNothingElse() {
        IamEvaluator build = promotionBuild();
        assertThat(build.decide("sts:AssumeRole", PROD_DEPLOY_ROLE)).isEqualTo(ALLOW);
        assertThat(build.grantsOf("sts:AssumeRole")).singleElement().satisfies(g -> assertThat(g).endsWith("\"" + PROD_DEPLOY_ROLE + "\""));
        for (String other : List.of("arn:aws:iam::" + PROD_ACCOUNT + ":role/mlops-prod-ml-engineer", "arn:aws:iam::" + PROD_ACCOUNT + ":role/Admin",
                "arn:aws:iam::" + STAGING_ACCOUNT + ":role/mlops-staging-deployment-staging-build-role-1")) {
            assertThat(build.decide("sts:AssumeRole", other)).as(other).isEqualTo(IMPLICIT_DENY);
        }
        // It changes nothing in staging itself.
        assertThat(build.decide("iam:CreateRole", "arn:aws:iam::" + STAGING_ACCOUNT + ":role/mlops-staging-x")).isEqualTo(IMPLICIT_DENY);
        assertThat(build.decide("sagemaker:UpdateEndpoint", "arn:aws:sagemaker:eu-west-1:" + STAGING_ACCOUNT + ":endpoint/mlops-staging-x"))
                .isEqualTo(IMPLICIT_DENY);
        assertThat(Policies.of(staging(), "mlops-staging-deployment-prod")).hasSize(1);
    }

    // ---------------------------------------------------------------- the prod deploy role

    @Test
    void nobodyButThePromotionBuildCanAssumeTheProdDeployRole() {
        ResourceState role = prod().one(ROLE, "mlops-prod-deployment-deployer");
        assertThat(role.input("name").asText()).isEqualTo("mlops-prod-deployment");
        JsonNode trust = Resources.document(role, "assumeRolePolicy").path("Statement");
        assertThat(trust).hasSize(1);
        JsonNode statement = trust.get(0);
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.path("Action").asText()).isEqualTo("sts:AssumeRole");
        assertThat(statement.path("Principal").size()).isEqualTo(1);
        assertThat(statement.path("Principal").path("AWS").asText()).isEqualTo(PROMOTION_BUILD_ROLE);
        assertThat(statement.path("Condition").path("StringEquals").path("sts:ExternalId").asText())
                .isEqualTo(variables(project("prod")).get("DEPLOY_ROLE_EXTERNAL_ID").path("value").asText());
        // The role prod trusts is the one staging's promotion build runs as, in staging's account.
        assertThat(project("prod").input("serviceRole").asText()).isEqualTo(PROMOTION_BUILD_ROLE);
        assertThat(role.input("maxSessionDuration").asInt()).isEqualTo(3600);
    }

    @Test
    void theProdDeployRoleDeploysProdButKeepsItsDataAndCannotWidenItself() {
        IamEvaluator deployer = prodDeployRole();
        Map<String, String> buckets = buckets("prod");
        String raw = "arn:aws:s3:::" + buckets.get("raw");
        assertThat(deployer.decide("s3:PutBucketPolicy", raw)).isEqualTo(ALLOW);
        assertThat(deployer.decide("s3:DeleteBucket", raw)).isEqualTo(EXPLICIT_DENY);
        assertThat(deployer.decide("kms:ScheduleKeyDeletion", (String) Previews.of("prod").preview().outputs().values().get("rawKeyArn")))
                .isEqualTo(EXPLICIT_DENY);
        assertThat(deployer.decide("sagemaker:DeleteModelPackageGroup", "arn:aws:sagemaker:eu-west-1:" + PROD_ACCOUNT
                + ":model-package-group/mlops-prod-house-prices")).isEqualTo(EXPLICIT_DENY);
        assertThat(deployer.decide("sagemaker:CreateEndpointConfig", "arn:aws:sagemaker:eu-west-1:" + PROD_ACCOUNT
                + ":endpoint-config/mlops-prod-house-prices-1")).isEqualTo(ALLOW);
        // Staging's approved versions are read where they are registered.
        assertThat(deployer.decide("sagemaker:DescribeModelPackage", "arn:aws:sagemaker:eu-west-1:" + STAGING_ACCOUNT
                + ":model-package/mlops-staging-house-prices/3")).isEqualTo(ALLOW);
        for (String action : List.of("iam:PutRolePolicy", "iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole")) {
            assertThat(deployer.decide(action, PROD_DEPLOY_ROLE)).as(action).isEqualTo(EXPLICIT_DENY);
        }
        for (ResourceState policy : prod().matching(r -> r.type().equals("aws:iam/policy:Policy") && r.name().startsWith("mlops-prod-deployment"))) {
            String arn = "arn:aws:iam::" + PROD_ACCOUNT + ":policy/" + policy.input("name").asText();
            assertThat(deployer.decide("iam:CreatePolicyVersion", arn)).as(arn).isEqualTo(EXPLICIT_DENY);
        }
        assertThat(deployer.decide("iam:PutRolePolicy", "arn:aws:iam::" + PROD_ACCOUNT + ":role/mlops-prod-serving-role-1")).isEqualTo(ALLOW);
        assertThat(deployer.decide("sts:AssumeRole", "arn:aws:iam::" + STAGING_ACCOUNT + ":role/mlops-staging-deployment-prod"))
                .isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void stagingHoldsNoRealDataSoItsDeployMayTearDownBuckets() {
        assertThat(stagingBuild().decide("s3:DeleteBucket", "arn:aws:s3:::" + buckets("staging").get("raw"))).isEqualTo(ALLOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void attachedPoliciesAreOnlyTheStacksOwnAndPassedRolesGoToNamedServices(String stack) {
        Resources r = Previews.resources(stack);
        IamEvaluator deployer = stack.equals("staging") ? stagingBuild() : prodDeployRole();
        String account = stack.equals("staging") ? STAGING_ACCOUNT : PROD_ACCOUNT;
        String anyRole = "arn:aws:iam::" + account + ":role/mlops-" + stack + "-anything";
        // Attaching is allowed only under a condition: the policy must be this stack's own (never AdministratorAccess).
        assertThat(deployer.decide("iam:AttachRolePolicy", anyRole)).isEqualTo(CONDITIONAL_ALLOW);
        assertThat(deployer.decide("iam:PassRole", anyRole)).isEqualTo(CONDITIONAL_ALLOW);
        List<JsonNode> attach = statementsWith(r, stack, "iam:AttachRolePolicy");
        assertThat(attach).singleElement().satisfies(s -> assertThat(s.path("Condition").path("ArnLike").path("iam:PolicyARN").asText())
                .isEqualTo("arn:aws:iam::" + account + ":policy/mlops-" + stack + "-*"));
    }

    // ---------------------------------------------------------------- what starts a run

    @Test
    void registryEventsOfThisStacksGroupsStartThePipeline() {
        JsonNode registration = Resources.document(staging().one(RULE, "mlops-staging-deployment-on-registration"), "eventPattern");
        JsonNode approval = Resources.document(staging().one(RULE, "mlops-staging-deployment-on-approval"), "eventPattern");
        for (JsonNode pattern : List.of(registration, approval)) {
            assertThat(pattern.path("source").get(0).asText()).isEqualTo("aws.sagemaker");
            assertThat(pattern.path("detail-type").get(0).asText()).isEqualTo("SageMaker Model Package State Change");
            assertThat(pattern.path("account").get(0).asText()).isEqualTo(STAGING_ACCOUNT);
            assertThat(pattern.path("detail").path("ModelPackageGroupName")).extracting(JsonNode::asText).containsExactly("mlops-staging-house-prices");
            assertThat(pattern.path("detail").path("ModelPackageStatus")).extracting(JsonNode::asText).containsExactly("Completed");
        }
        assertThat(registration.path("detail").path("ModelApprovalStatus")).extracting(JsonNode::asText)
                .containsExactly("PendingManualApproval", "Rejected");
        assertThat(approval.path("detail").path("ModelApprovalStatus")).extracting(JsonNode::asText).containsExactly("Approved");
    }

    @Test
    void eventBridgeCanStartThisPipelineOnlyAndRetriesIntoADeadLetterQueue() {
        ResourceState role = staging().one(ROLE, "mlops-staging-deployment-events-role");
        IamEvaluator events = Policies.evaluator(staging(), Policies.nameOf(role));
        assertThat(events.decide("codepipeline:StartPipelineExecution", PIPELINE_ARN)).isEqualTo(ALLOW);
        assertThat(events.decide("codepipeline:StartPipelineExecution", "arn:aws:codepipeline:eu-west-1:" + STAGING_ACCOUNT
                + ":mlops-staging-house-prices-delivery")).isEqualTo(IMPLICIT_DENY);
        assertThat(Policies.of(staging(), Policies.nameOf(role))).singleElement().satisfies(doc ->
                assertThat(Resources.documentOf(doc).path("Statement")).singleElement().satisfies(s -> {
                    assertThat(s.path("Action").asText()).isEqualTo("codepipeline:StartPipelineExecution");
                    assertThat(s.path("Resource").asText()).isEqualTo(PIPELINE_ARN);
                }));
        assertThat(Resources.document(role, "assumeRolePolicy").path("Statement").get(0).path("Principal").path("Service").asText())
                .isEqualTo("events.amazonaws.com");

        String queue = staging().oneEndingWith("aws:sqs/queue:Queue", "deployment-dead-letters").input("name").asText();
        List<ResourceState> targets = staging().matching(t -> t.type().equals(TARGET) && t.name().startsWith("mlops-staging-deployment"));
        assertThat(targets).hasSize(2).allSatisfy(t -> {
            assertThat(t.input("arn").asText()).isEqualTo(PIPELINE_ARN);
            assertThat(t.input("roleArn").asText()).endsWith(":role/" + Policies.nameOf(role));
            assertThat(t.input("retryPolicy.maximumRetryAttempts").asInt()).isPositive();
            assertThat(t.input("deadLetterConfig.arn").asText()).endsWith(":" + queue);
        });
        JsonNode queuePolicy = Resources.document(staging().oneEndingWith("aws:sqs/queuePolicy:QueuePolicy", "deployment-dead-letters-policy"), "policy")
                .path("Statement").get(0);
        assertThat(queuePolicy.path("Principal").path("Service").asText()).isEqualTo("events.amazonaws.com");
        assertThat(queuePolicy.path("Condition").path("ArnEquals").path("aws:SourceArn")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "arn:aws:events:eu-west-1:" + STAGING_ACCOUNT + ":rule/mlops-staging-deployment-on-registration",
                "arn:aws:events:eu-west-1:" + STAGING_ACCOUNT + ":rule/mlops-staging-deployment-on-approval");
    }

    // ---------------------------------------------------------------- people

    @Test
    void mlEngineersApproveThePromotionOthersCannotAndNobodyDrivesThePipelineByHand() {
        String approval = PIPELINE_ARN + "/prod/approve";
        IamEvaluator mlEngineer = Policies.evaluator(staging(), "mlops-staging-ml-engineer");
        assertThat(mlEngineer.decide("codepipeline:PutApprovalResult", approval)).isEqualTo(ALLOW);
        assertThat(mlEngineer.decide("codepipeline:PutApprovalResult", "arn:aws:codepipeline:eu-west-1:" + STAGING_ACCOUNT
                + ":mlops-staging-house-prices-delivery/Build/approve")).isEqualTo(IMPLICIT_DENY);
        assertThat(Policies.evaluator(staging(), "mlops-staging-data-scientist").decide("codepipeline:PutApprovalResult", approval))
                .isEqualTo(EXPLICIT_DENY);
        assertThat(Policies.evaluator(staging(), "mlops-staging-data-engineer").decide("codepipeline:PutApprovalResult", approval))
                .isEqualTo(IMPLICIT_DENY);
        for (String persona : List.of("data-engineer", "data-scientist", "ml-engineer")) {
            IamEvaluator person = Policies.evaluator(staging(), "mlops-staging-" + persona);
            for (String action : List.of("codepipeline:StartPipelineExecution", "codepipeline:StopPipelineExecution")) {
                assertThat(person.decide(action, PIPELINE_ARN)).as(persona + " " + action).isEqualTo(EXPLICIT_DENY);
            }
            assertThat(person.decide("codepipeline:RetryStageExecution", PIPELINE_ARN + "/prod")).as(persona).isEqualTo(EXPLICIT_DENY);
            assertThat(person.decide("codepipeline:DisableStageTransition", PIPELINE_ARN + "/prod")).as(persona).isEqualTo(EXPLICIT_DENY);
        }
    }

    // ---------------------------------------------------------------- helpers

    @SuppressWarnings("unchecked")
    private static Map<String, String> buckets(String stack) {
        return (Map<String, String>) Previews.of(stack).preview().outputs().values().get("dataBuckets");
    }

    private static String rawObject(String stack) {
        return "arn:aws:s3:::" + buckets(stack).get("raw") + "/batch=1/part-0.csv";
    }

    /** Every Allow statement of the stack's deploy role that names {@code action}. */
    private static List<JsonNode> statementsWith(Resources r, String stack, String action) {
        String roleName = stack.equals("staging") ? Policies.nameOf(r.one(ROLE, "mlops-staging-deployment-staging-build-role")) : "mlops-prod-deployment";
        List<JsonNode> found = new ArrayList<>();
        for (String document : Policies.of(r, roleName)) {
            for (JsonNode s : Resources.documentOf(document).path("Statement")) {
                JsonNode actions = s.path("Action");
                boolean names = actions.isArray() ? StreamSupport.stream(actions.spliterator(), false).anyMatch(a -> a.asText().equals(action))
                        : actions.asText().equals(action);
                if (names && s.path("Effect").asText().equals("Allow")) {
                    found.add(s);
                }
            }
        }
        return found;
    }
}
