package dev.mlops.delivery;

import static dev.mlops.testing.IamEvaluator.Decision.ALLOW;
import static dev.mlops.testing.IamEvaluator.Decision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.offline.Previewer;
import dev.mlops.offline.ResourceState;
import dev.mlops.testing.IamEvaluator;
import dev.mlops.testing.Policies;
import dev.mlops.testing.Previews;
import dev.mlops.testing.Resources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One model's way from a merge to a registered version, as both stacks deploy it: the image repository, the source,
 * the CodePipeline that runs on merges to the branch and only then, the build, the training pipeline, and the roles
 * each of them runs as. A staging variant whose model lives on GitHub and trains on its own container covers the
 * other source and image kind.
 */
class ModelDeliveryTest {

    private static final String ECR = "aws:ecr/repository:Repository";
    private static final String CODEPIPELINE = "aws:codepipeline/pipeline:Pipeline";
    private static final String PROJECT = "aws:codebuild/project:Project";
    private static final String TRAINING = "aws:sagemaker/pipeline:Pipeline";
    private static final String RULE = "aws:cloudwatch/eventRule:EventRule";
    private static final String CONNECTION = "arn:aws:codeconnections:eu-west-1:111111111111:connection/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

    @TempDir
    static Path temp;

    /** Staging, with house-prices on GitHub and trained on its own container. */
    private static Resources github;

    @BeforeAll
    static void previewTheGitHubOwnContainerVariant() {
        Previewer.Result result = Previews.edited(temp, "staging", text -> Previews.replacing(Previews.replacing(text, """
                      repository:
                        provider: codecommit
                        name: house-prices-model
                        branch: main
                """, """
                      repository:
                        provider: github
                        name: acme/house-prices-model
                        branch: main
                        connectionArn: %s
                """.formatted(CONNECTION)), "image: builtin-xgboost", "image: own-container"));
        github = new Resources(result.preview().resources());
    }

    private static String n(String stack, String role) {
        return "mlops-" + stack + "-house-prices-" + role;
    }

    private static String account(String stack) {
        return stack.equals("prod") ? "222222222222" : "111111111111";
    }

    private static String platformKey(String stack) {
        return (String) Previews.of(stack).preview().outputs().values().get("platformKeyArn");
    }

    @SuppressWarnings("unchecked")
    private static String bucket(String stack, String dataClass) {
        return ((Map<String, String>) Previews.of(stack).preview().outputs().values().get("dataBuckets")).get(dataClass);
    }

    private static IamEvaluator roleOf(Resources r, String roleArn) {
        return Policies.evaluator(r, roleArn.substring(roleArn.lastIndexOf('/') + 1));
    }

    private static JsonNode definition(Resources r, String stack) {
        return Resources.documentOf(r.one(TRAINING, n(stack, "training-pipeline")).input("pipelineDefinition").asText());
    }

    private static List<JsonNode> steps(JsonNode definition) {
        List<JsonNode> all = new ArrayList<>();
        definition.path("Steps").forEach(s -> {
            all.add(s);
            s.path("Arguments").path("IfSteps").forEach(all::add);
            s.path("Arguments").path("ElseSteps").forEach(all::add);
        });
        return all;
    }

    private static JsonNode step(JsonNode definition, String name) {
        return steps(definition).stream().filter(s -> s.path("Name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name));
    }

    // ---------------------------------------------------------------- image repository

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void imagesAreImmutableScannedOnPushAndEncryptedWithThePlatformKey(String stack) {
        ResourceState images = Previews.resources(stack).one(ECR, n(stack, "images"));
        assertThat(images.input("name").asText()).isEqualTo("mlops-" + stack + "-house-prices");
        assertThat(images.input("imageTagMutability").asText()).isEqualTo("IMMUTABLE");
        assertThat(images.input("imageScanningConfiguration.scanOnPush").asBoolean()).isTrue();
        assertThat(images.input("encryptionConfigurations.0.encryptionType").asText()).isEqualTo("KMS");
        assertThat(images.input("encryptionConfigurations.0.kmsKey").asText()).isEqualTo(platformKey(stack));
        assertThat(images.input("forceDelete").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void untaggedLayersExpireAfterAWeekAndTheNewestHundredImagesStay(String stack) {
        ResourceState lifecycle = Previews.resources(stack).one("aws:ecr/lifecyclePolicy:LifecyclePolicy", n(stack, "image-lifecycle"));
        assertThat(lifecycle.input("repository").asText()).isEqualTo("mlops-" + stack + "-house-prices");
        JsonNode rules = Resources.documentOf(lifecycle.input("policy").asText()).path("rules");
        assertThat(rules).hasSize(2);
        JsonNode untagged = rules.get(0).path("selection");
        assertThat(untagged.path("tagStatus").asText()).isEqualTo("untagged");
        assertThat(untagged.path("countType").asText()).isEqualTo("sinceImagePushed");
        assertThat(untagged.path("countNumber").asInt()).isEqualTo(7);
        JsonNode any = rules.get(1);
        assertThat(any.path("selection").path("tagStatus").asText()).isEqualTo("any");
        assertThat(any.path("selection").path("countNumber").asInt()).isEqualTo(100);
        // ECR evaluates rules by priority; a tagStatus "any" rule must have the highest number.
        assertThat(any.path("rulePriority").asInt()).isGreaterThan(rules.get(0).path("rulePriority").asInt());
        assertThat(rules).allSatisfy(rule -> assertThat(rule.path("action").path("type").asText()).isEqualTo("expire"));
    }

    @ParameterizedTest
    @CsvSource({"staging, false", "prod, true"})
    void repositoriesAreProtectedAndKeptWhereTheStackHoldsRealData(String stack, boolean realData) {
        Resources r = Previews.resources(stack);
        for (ResourceState repository : List.of(r.one(ECR, n(stack, "images")), r.one("aws:codecommit/repository:Repository", n(stack, "code")))) {
            assertThat(repository.protect()).as(repository.name()).isEqualTo(realData);
            assertThat(repository.retainOnDelete()).as(repository.name()).isEqualTo(realData);
        }
    }

    @Test
    void ownImagesArePullableByTheAccountThatDeploysStagingsVersions() {
        ResourceState policy = github.one("aws:ecr/repositoryPolicy:RepositoryPolicy", n("staging", "image-sharing"));
        assertThat(policy.input("repository").asText()).isEqualTo("mlops-staging-house-prices");
        String document = policy.input("policy").asText();
        assertThat(IamEvaluator.of(List.of(document)).principals()).containsExactly("AWS:arn:aws:iam::222222222222:root");
        // ECR repository policies name no Resource: the repository is the resource.
        JsonNode statements = Resources.documentOf(document).path("Statement");
        assertThat(statements).allSatisfy(s -> assertThat(s.has("Resource")).isFalse());
        assertThat(StreamSupport.stream(statements.spliterator(), false).flatMap(s -> StreamSupport.stream(s.path("Action").spliterator(), false))
                .map(JsonNode::asText).toList())
                .containsExactlyInAnyOrder("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void builtInAlgorithmModelsShareNoImages(String stack) {
        assertThat(Previews.resources(stack).ofType("aws:ecr/repositoryPolicy:RepositoryPolicy")).isEmpty();
    }

    // ---------------------------------------------------------------- source and triggers

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theStackCreatesTheModelsCodeCommitRepositoryEncrypted(String stack) {
        ResourceState code = Previews.resources(stack).one("aws:codecommit/repository:Repository", n(stack, "code"));
        assertThat(code.input("repositoryName").asText()).isEqualTo("house-prices-model");
        assertThat(code.input("defaultBranch").asText()).isEqualTo("main");
        assertThat(code.input("kmsKeyId").asText()).isEqualTo(platformKey(stack));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theDeliveryIsAV2PipelineWhereANewerMergeSupersedesARunningOne(String stack) {
        ResourceState delivery = Previews.resources(stack).one(CODEPIPELINE, n(stack, "delivery"));
        assertThat(delivery.input("name").asText()).isEqualTo("mlops-" + stack + "-house-prices-delivery");
        assertThat(delivery.input("pipelineType").asText()).isEqualTo("V2");
        assertThat(delivery.input("executionMode").asText()).isEqualTo("SUPERSEDED");
        assertThat(delivery.input("artifactStores.0.location").asText()).isEqualTo(bucket(stack, "artifacts"));
        assertThat(delivery.input("artifactStores.0.encryptionKey.type").asText()).isEqualTo("KMS");
        assertThat(delivery.input("artifactStores.0.encryptionKey.id").asText()).isEqualTo(platformKey(stack));
        JsonNode stages = delivery.input("stages");
        assertThat(stages).extracting(s -> s.path("name").asText()).containsExactly("Source", "Build");
        JsonNode source = stages.get(0).path("actions").get(0);
        assertThat(source.path("provider").asText()).isEqualTo("CodeCommit");
        assertThat(source.path("configuration").path("RepositoryName").asText()).isEqualTo("house-prices-model");
        assertThat(source.path("configuration").path("BranchName").asText()).isEqualTo("main");
        JsonNode build = stages.get(1).path("actions").get(0);
        assertThat(build.path("provider").asText()).isEqualTo("CodeBuild");
        assertThat(build.path("configuration").path("ProjectName").asText()).isEqualTo("mlops-" + stack + "-house-prices-delivery");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void aCodeCommitDeliveryStartsOnlyWhenTheBranchChanges(String stack) {
        Resources r = Previews.resources(stack);
        ResourceState delivery = r.one(CODEPIPELINE, n(stack, "delivery"));
        // No polling and no V2 trigger: the EventBridge rule below is the only way in.
        assertThat(delivery.input("stages.0.actions.0.configuration.PollForSourceChanges").asText()).isEqualTo("false");
        assertThat(delivery.input("triggers").isMissingNode() || delivery.input("triggers").isEmpty()).isTrue();

        JsonNode pattern = Resources.documentOf(r.one(RULE, n(stack, "on-merge")).input("eventPattern").asText());
        assertThat(pattern.path("source").toString()).isEqualTo("[\"aws.codecommit\"]");
        assertThat(pattern.path("detail-type").toString()).isEqualTo("[\"CodeCommit Repository State Change\"]");
        assertThat(pattern.path("resources").toString())
                .isEqualTo("[\"arn:aws:codecommit:eu-west-1:" + account(stack) + ":house-prices-model\"]");
        assertThat(pattern.path("detail").path("referenceType").toString()).isEqualTo("[\"branch\"]");
        assertThat(pattern.path("detail").path("referenceName").toString()).isEqualTo("[\"main\"]");
        assertThat(pattern.path("detail").path("event").toString()).isEqualTo("[\"referenceCreated\",\"referenceUpdated\"]");

        ResourceState target = r.one("aws:cloudwatch/eventTarget:EventTarget", n(stack, "on-merge-target"));
        String deliveryArn = "arn:aws:codepipeline:eu-west-1:" + account(stack) + ":mlops-" + stack + "-house-prices-delivery";
        assertThat(target.input("arn").asText()).isEqualTo(deliveryArn);
        assertThat(target.input("retryPolicy.maximumRetryAttempts").asInt()).isPositive();
        IamEvaluator events = roleOf(r, target.input("roleArn").asText());
        assertThat(events.decide("codepipeline:StartPipelineExecution", deliveryArn)).isEqualTo(ALLOW);
        assertThat(events.decide("codepipeline:StartPipelineExecution", deliveryArn.replace("house-prices", "rent-index"))).isEqualTo(IMPLICIT_DENY);
        assertThat(events.decide("codepipeline:StopPipelineExecution", deliveryArn)).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void aGitHubDeliveryTriggersOnPushesToTheBranchOnly() {
        ResourceState delivery = github.one(CODEPIPELINE, n("staging", "delivery"));
        JsonNode triggers = delivery.input("triggers");
        assertThat(triggers).hasSize(1);
        JsonNode trigger = triggers.get(0);
        assertThat(trigger.path("providerType").asText()).isEqualTo("CodeStarSourceConnection");
        assertThat(trigger.path("gitConfiguration").path("sourceActionName").asText()).isEqualTo("Source");
        assertThat(trigger.path("gitConfiguration").path("pushes")).hasSize(1);
        assertThat(trigger.path("gitConfiguration").path("pushes").get(0).path("branches").path("includes").toString()).isEqualTo("[\"main\"]");
        assertThat(trigger.path("gitConfiguration").path("pullRequests").isMissingNode()
                || trigger.path("gitConfiguration").path("pullRequests").isEmpty()).isTrue();
        JsonNode source = delivery.input("stages.0.actions.0");
        assertThat(source.path("provider").asText()).isEqualTo("CodeStarSourceConnection");
        assertThat(source.path("configuration").path("ConnectionArn").asText()).isEqualTo(CONNECTION);
        assertThat(source.path("configuration").path("FullRepositoryId").asText()).isEqualTo("acme/house-prices-model");
        assertThat(github.ofType("aws:codecommit/repository:Repository")).isEmpty();
        assertThat(github.matching(x -> x.type().equals(RULE) && x.name().endsWith("-on-merge"))).isEmpty();

        IamEvaluator pipeline = roleOf(github, delivery.input("roleArn").asText());
        assertThat(pipeline.decide("codestar-connections:UseConnection", CONNECTION)).isEqualTo(ALLOW);
        assertThat(pipeline.decide("codestar-connections:UseConnection", CONNECTION.replace("0a1b2c3d", "ffffffff"))).isEqualTo(IMPLICIT_DENY);
    }

    // ---------------------------------------------------------------- build

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theBuildRunsTheRepositorysBuildspecEncryptedAndLogged(String stack) {
        Resources r = Previews.resources(stack);
        ResourceState build = r.one(PROJECT, n(stack, "build"));
        assertThat(build.input("source.buildspec").asText()).isEqualTo(ModelDelivery.resource("/delivery/buildspec.yml"));
        assertThat(build.input("encryptionKey").asText()).isEqualTo(platformKey(stack));
        assertThat(build.input("environment.privilegedMode").asBoolean()).isFalse();
        Map<String, String> variables = new java.util.HashMap<>();
        build.input("environment.environmentVariables").forEach(v -> variables.put(v.path("name").asText(), v.path("value").asText()));
        assertThat(variables).containsEntry("MODEL_NAME", "house-prices").containsEntry("IMAGE_KIND", "builtin")
                .containsEntry("ARTIFACTS_BUCKET", bucket(stack, "artifacts"))
                .containsEntry("PIPELINE_NAME", "mlops-" + stack + "-house-prices-training")
                .containsEntry("ECR_REPOSITORY_URI", account(stack) + ".dkr.ecr.eu-west-1.amazonaws.com/mlops-" + stack + "-house-prices");
        ResourceState logs = r.one("aws:cloudwatch/logGroup:LogGroup", n(stack, "build-logs"));
        assertThat(build.input("logsConfig.cloudwatchLogs.groupName").asText()).isEqualTo(logs.input("name").asText());
        assertThat(logs.input("retentionInDays").asInt()).isPositive();
    }

    @Test
    void onlyAnOwnContainerBuildGetsDocker() {
        ResourceState build = github.one(PROJECT, n("staging", "build"));
        assertThat(build.input("environment.privilegedMode").asBoolean()).isTrue();
        assertThat(build.input("environment.environmentVariables").toString()).contains("{\"name\":\"IMAGE_KIND\",\"type\":\"PLAINTEXT\",\"value\":\"own-container\"}");
    }

    /**
     * Every parameter the buildspec passes to StartPipelineExecution must be one the training pipeline declares:
     * SageMaker resolves execution parameters against the definition.
     */
    @Test
    void theBuildStartsTheTrainingPipelineWithParametersItDeclares() {
        String buildspec = ModelDelivery.resource("/delivery/buildspec.yml");
        Matcher m = Pattern.compile("Name=([A-Za-z0-9]+),Value=").matcher(buildspec);
        Set<String> passed = new TreeSet<>();
        while (m.find()) {
            passed.add(m.group(1));
        }
        assertThat(passed).contains("TriggerType", "ImageTag");
        Set<String> ownContainer = declared(definition(github, "staging"));
        assertThat(ownContainer).containsAll(passed);
        Set<String> builtIn = declared(definition(Previews.resources("staging"), "staging"));
        // The buildspec passes ImageTag only when IMAGE_KIND is own-container.
        assertThat(builtIn).containsAll(passed.stream().filter(p -> !p.equals("ImageTag")).toList()).doesNotContain("ImageTag");
    }

    private static Set<String> declared(JsonNode definition) {
        Set<String> names = new TreeSet<>();
        definition.path("Parameters").forEach(p -> names.add(p.path("Name").asText()));
        return names;
    }

    // ---------------------------------------------------------------- training pipeline

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theTrainingPipelineHasAnExplicitNameAndRunsAsItsOwnRole(String stack) {
        Resources r = Previews.resources(stack);
        ResourceState training = r.one(TRAINING, n(stack, "training-pipeline"));
        assertThat(training.input("pipelineName").asText()).isEqualTo("mlops-" + stack + "-house-prices-training")
                .matches("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}");
        String role = training.input("roleArn").asText();
        assertThat(role).contains(":role/mlops-" + stack + "-house-prices-training-role-");
        JsonNode definition = definition(r, stack);
        assertThat(steps(definition)).filteredOn(s -> s.path("Arguments").has("RoleArn"))
                .hasSize(3).allSatisfy(s -> assertThat(s.path("Arguments").path("RoleArn").asText()).isEqualTo(role));
        // It waits for the scripts it runs.
        List<String> uploads = r.matching(x -> x.type().equals("aws:s3/bucketObjectv2:BucketObjectv2")
                && x.name().startsWith("mlops-" + stack + "-pipeline-code-training-")).stream().map(ResourceState::urn).toList();
        assertThat(uploads).hasSize(2);
        assertThat(training.dependencies()).containsAll(uploads);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theDefinitionReadsCuratedDataWritesArtifactsWithThePlatformKeyAndRegistersInTheModelsGroup(String stack) {
        JsonNode definition = definition(Previews.resources(stack), stack);
        JsonNode inputData = StreamSupport.stream(definition.path("Parameters").spliterator(), false)
                .filter(p -> p.path("Name").asText().equals("InputData")).findFirst().orElseThrow();
        assertThat(inputData.path("DefaultValue").asText()).isEqualTo("s3://" + bucket(stack, "curated") + "/house-sales/");
        String artifacts = "s3://" + bucket(stack, "artifacts") + "/";
        assertThat(step(definition, "Train").path("Arguments").path("OutputDataConfig").path("S3OutputPath").toString())
                .contains(artifacts + "training/house-prices/");
        assertThat(step(definition, "Train").path("Arguments").path("OutputDataConfig").path("KmsKeyId").asText()).isEqualTo(platformKey(stack));
        step(definition, "Preprocess").path("Arguments").path("ProcessingInputs").forEach(input -> {
            if (input.path("InputName").asText().equals("code")) {
                assertThat(input.path("S3Input").path("S3Uri").asText()).startsWith(artifacts + "pipeline-code/");
            }
        });
        assertThat(step(definition, "Register").path("Arguments").path("ModelPackageGroupName").asText())
                .isEqualTo(Previews.resources(stack).one("aws:sagemaker/modelPackageGroup:ModelPackageGroup",
                        "mlops-" + stack + "-registry-house-prices").input("modelPackageGroupName").asText());
    }

    // ---------------------------------------------------------------- roles

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theTrainingRoleReadsItsDataWritesItsOutputsAndRegistersOnlyInItsGroup(String stack) {
        Resources r = Previews.resources(stack);
        IamEvaluator training = roleOf(r, r.one(TRAINING, n(stack, "training-pipeline")).input("roleArn").asText());
        String curated = "arn:aws:s3:::" + bucket(stack, "curated");
        String artifacts = "arn:aws:s3:::" + bucket(stack, "artifacts");
        assertThat(training.decide("s3:GetObject", curated + "/house-sales/batch=1/part-0.csv")).isEqualTo(ALLOW);
        assertThat(training.decide("s3:GetObject", curated + "/other-source/part-0.csv")).isEqualTo(IMPLICIT_DENY);
        assertThat(training.decide("s3:PutObject", curated + "/house-sales/x.csv")).isEqualTo(IMPLICIT_DENY);
        assertThat(training.decide("s3:GetObject", "arn:aws:s3:::" + bucket(stack, "raw") + "/house-sales/x.csv")).isEqualTo(IMPLICIT_DENY);
        assertThat(training.decide("s3:PutObject", artifacts + "/training/house-prices/e1/model/m.tar.gz")).isEqualTo(ALLOW);
        assertThat(training.decide("s3:PutObject", artifacts + "/training/rent-index/e1/model/m.tar.gz")).isEqualTo(IMPLICIT_DENY);
        assertThat(training.decide("s3:PutObject", artifacts + "/pipeline-code/abc/preprocess.py")).isEqualTo(IMPLICIT_DENY);
        String sagemaker = "arn:aws:sagemaker:eu-west-1:" + account(stack) + ":";
        assertThat(training.decide("sagemaker:CreateModelPackage", sagemaker + "model-package-group/mlops-" + stack + "-house-prices")).isEqualTo(ALLOW);
        assertThat(training.decide("sagemaker:CreateModelPackage", sagemaker + "model-package-group/mlops-" + stack + "-rent-index")).isEqualTo(IMPLICIT_DENY);
        // Approval belongs to ML engineers, never to the pipeline.
        assertThat(training.decide("sagemaker:UpdateModelPackage", sagemaker + "model-package/mlops-" + stack + "-house-prices/1")).isEqualTo(IMPLICIT_DENY);
        String self = r.one(TRAINING, n(stack, "training-pipeline")).input("roleArn").asText();
        assertThat(training.decide("iam:PassRole", self)).isNotEqualTo(IMPLICIT_DENY);
        assertThat(training.decide("iam:PassRole", "arn:aws:iam::" + account(stack) + ":role/mlops-" + stack + "-ml-engineer")).isEqualTo(IMPLICIT_DENY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void theBuildRolePushesItsImageUploadsItsCodeAndStartsOnlyItsTrainingPipeline(String stack) {
        Resources r = Previews.resources(stack);
        IamEvaluator build = roleOf(r, r.one(PROJECT, n(stack, "build")).input("serviceRole").asText());
        String ecr = "arn:aws:ecr:eu-west-1:" + account(stack) + ":repository/";
        assertThat(build.decide("ecr:PutImage", ecr + "mlops-" + stack + "-house-prices")).isEqualTo(ALLOW);
        assertThat(build.decide("ecr:PutImage", ecr + "mlops-" + stack + "-rent-index")).isEqualTo(IMPLICIT_DENY);
        assertThat(build.decide("ecr:BatchDeleteImage", ecr + "mlops-" + stack + "-house-prices")).isEqualTo(IMPLICIT_DENY);
        String artifacts = "arn:aws:s3:::" + bucket(stack, "artifacts");
        assertThat(build.decide("s3:PutObject", artifacts + "/pipelines/house-prices/abc123/train.py")).isEqualTo(ALLOW);
        assertThat(build.decide("s3:PutObject", artifacts + "/pipelines/rent-index/abc123/train.py")).isEqualTo(IMPLICIT_DENY);
        assertThat(build.decide("s3:PutObject", artifacts + "/training/house-prices/e1/model/m.tar.gz")).isEqualTo(IMPLICIT_DENY);
        String pipelines = "arn:aws:sagemaker:eu-west-1:" + account(stack) + ":pipeline/mlops-" + stack + "-";
        assertThat(build.decide("sagemaker:StartPipelineExecution", pipelines + "house-prices-training")).isEqualTo(ALLOW);
        assertThat(build.decide("sagemaker:StartPipelineExecution", pipelines + "rent-index-training")).isEqualTo(IMPLICIT_DENY);
        assertThat(build.decide("sagemaker:StartPipelineExecution", pipelines + "house-sales-data")).isEqualTo(IMPLICIT_DENY);
        assertThat(build.decide("sagemaker:StopPipelineExecution", pipelines + "house-prices-training/execution/x")).isEqualTo(IMPLICIT_DENY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void thePipelineRoleReadsItsSourceAndRunsItsBuildOnly(String stack) {
        Resources r = Previews.resources(stack);
        IamEvaluator pipeline = roleOf(r, r.one(CODEPIPELINE, n(stack, "delivery")).input("roleArn").asText());
        String repo = "arn:aws:codecommit:eu-west-1:" + account(stack) + ":";
        assertThat(pipeline.decide("codecommit:GetBranch", repo + "house-prices-model")).isEqualTo(ALLOW);
        assertThat(pipeline.decide("codecommit:UploadArchive", repo + "house-prices-model")).isEqualTo(ALLOW);
        assertThat(pipeline.decide("codecommit:GitPush", repo + "house-prices-model")).isEqualTo(IMPLICIT_DENY);
        assertThat(pipeline.decide("codecommit:GetBranch", repo + "rent-index-model")).isEqualTo(IMPLICIT_DENY);
        String projects = "arn:aws:codebuild:eu-west-1:" + account(stack) + ":project/mlops-" + stack + "-";
        assertThat(pipeline.decide("codebuild:StartBuild", projects + "house-prices-delivery")).isEqualTo(ALLOW);
        assertThat(pipeline.decide("codebuild:StartBuild", projects + "rent-index-delivery")).isEqualTo(IMPLICIT_DENY);
        assertThat(pipeline.decide("sagemaker:StartPipelineExecution",
                "arn:aws:sagemaker:eu-west-1:" + account(stack) + ":pipeline/mlops-" + stack + "-house-prices-training")).isEqualTo(IMPLICIT_DENY);
    }
}
