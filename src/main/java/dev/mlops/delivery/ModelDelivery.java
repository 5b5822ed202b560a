package dev.mlops.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.cloudwatch.inputs.EventTargetRetryPolicyArgs;
import com.pulumi.aws.codebuild.Project;
import com.pulumi.aws.codebuild.ProjectArgs;
import com.pulumi.aws.codebuild.inputs.ProjectArtifactsArgs;
import com.pulumi.aws.codebuild.inputs.ProjectEnvironmentArgs;
import com.pulumi.aws.codebuild.inputs.ProjectEnvironmentEnvironmentVariableArgs;
import com.pulumi.aws.codebuild.inputs.ProjectLogsConfigArgs;
import com.pulumi.aws.codebuild.inputs.ProjectLogsConfigCloudwatchLogsArgs;
import com.pulumi.aws.codebuild.inputs.ProjectSourceArgs;
import com.pulumi.aws.codecommit.Repository;
import com.pulumi.aws.codecommit.RepositoryArgs;
import com.pulumi.aws.codepipeline.Pipeline;
import com.pulumi.aws.codepipeline.PipelineArgs;
import com.pulumi.aws.codepipeline.inputs.PipelineArtifactStoreArgs;
import com.pulumi.aws.codepipeline.inputs.PipelineArtifactStoreEncryptionKeyArgs;
import com.pulumi.aws.codepipeline.inputs.PipelineStageActionArgs;
import com.pulumi.aws.codepipeline.inputs.PipelineStageArgs;
import com.pulumi.aws.codepipeline.inputs.PipelineTriggerArgs;
import com.pulumi.aws.codepipeline.inputs.PipelineTriggerGitConfigurationArgs;
import com.pulumi.aws.codepipeline.inputs.PipelineTriggerGitConfigurationPushArgs;
import com.pulumi.aws.codepipeline.inputs.PipelineTriggerGitConfigurationPushBranchesArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.mlops.access.DeliveryPolicies;
import dev.mlops.access.ServiceRole;
import dev.mlops.access.ServiceRoleArgs;
import dev.mlops.config.ModelSettings;
import dev.mlops.delivery.pipeline.TrainingPipeline;
import dev.mlops.delivery.pipeline.TrainingPipelineInputs;
import dev.mlops.delivery.pipeline.VpcConfig;
import dev.mlops.platform.Arns;
import dev.mlops.platform.PolicyDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * How one model gets from a merge to a registered version: its image repository, its source (a CodeCommit
 * repository this stack creates, or GitHub through a CodeStar connection), a CodePipeline (V2) that runs
 * on every merge to the model's branch and only then — a newer merge supersedes an older run — whose build
 * pushes the container, uploads pipeline code and starts the model's SageMaker training pipeline.
 */
public final class ModelDelivery extends ComponentResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int BUILD_LOG_RETENTION_DAYS = 90;

    public final Output<String> trainingPipelineArn;
    public final Output<String> trainingPipelineName;
    public final Output<String> imageRepositoryUrl;
    public final Output<String> deliveryPipelineName;

    public ModelDelivery(String name, ModelDeliveryArgs args, ComponentResourceOptions opts) {
        super("mlops:delivery:ModelDelivery", name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var inDelivery = ComponentResourceOptions.builder().parent(this).build();
        var retained = CustomResourceOptions.builder().parent(this).protect(args.retain()).retainOnDelete(args.retain()).build();
        ModelSettings model = args.model();
        String prefix = args.arns().prefix();
        String account = args.arns().accountId();

        var images = new com.pulumi.aws.ecr.Repository(name + "-images", com.pulumi.aws.ecr.RepositoryArgs.builder()
                .name(prefix + "-" + model.name())
                .imageTagMutability("IMMUTABLE")
                .imageScanningConfiguration(com.pulumi.aws.ecr.inputs.RepositoryImageScanningConfigurationArgs.builder()
                        .scanOnPush(true).build())
                .encryptionConfigurations(com.pulumi.aws.ecr.inputs.RepositoryEncryptionConfigurationArgs.builder()
                        .encryptionType("KMS").kmsKey(args.kmsKeyArn()).build())
                .forceDelete(false)
                .build(), retained);
        new com.pulumi.aws.ecr.LifecyclePolicy(name + "-image-lifecycle", com.pulumi.aws.ecr.LifecyclePolicyArgs.builder()
                .repository(images.name())
                .policy(imageLifecycle())
                .build(), child);
        boolean ownImage = model.training().image().kind() == ModelSettings.TrainingImage.Kind.OWN_CONTAINER;
        if (ownImage && !args.imageReaderAccounts().isEmpty()) {
            // A version registered here names this repository's image; an account deploying it pulls from here.
            new com.pulumi.aws.ecr.RepositoryPolicy(name + "-image-sharing", com.pulumi.aws.ecr.RepositoryPolicyArgs.builder()
                    .repository(images.name())
                    .policy(imagePullPolicy(args.imageReaderAccounts()))
                    .build(), child);
        }

        Optional<Repository> codeCommit = model.repository().isGitHub() ? Optional.empty()
                : Optional.of(new Repository(name + "-code", RepositoryArgs.builder()
                .repositoryName(model.repository().name())
                .defaultBranch(model.repository().branch())
                .description("Code of the " + model.name() + " model; a merge to " + model.repository().branch() + " delivers it")
                .kmsKeyId(args.kmsKeyArn())
                .build(), retained));

        String pipelineName = model.pipelineNameFor(prefix);
        String trainingPipeline = args.arns().sagemaker("pipeline/" + pipelineName);
        String groupArn = args.arns().sagemaker("model-package-group/" + args.modelPackageGroup());
        var buildLogs = new LogGroup(name + "-build-logs", LogGroupArgs.builder()
                .name("/aws/codebuild/" + prefix + "-" + model.name() + "-delivery")
                .retentionInDays(BUILD_LOG_RETENTION_DAYS)
                .build(), child);

        Output<DeliveryPolicies.Model> policyInputs = Output.tuple(args.data(), images.arn(),
                        codeCommit.map(Repository::arn).map(a -> a.applyValue(Optional::of)).orElse(Output.of(Optional.empty())))
                .applyValue(t -> new DeliveryPolicies.Model(model.name(), t.t1, t.t2, trainingPipeline, groupArn, t.t3,
                        model.repository().connectionArn(), "arn:aws:codebuild:" + args.arns().region() + ":" + account + ":project/"
                        + prefix + "-" + model.name() + "-delivery"));

        var trainingRole = new ServiceRole(name + "-training", new ServiceRoleArgs("sagemaker.amazonaws.com", account,
                "Training pipeline of the " + model.name() + " model and its jobs",
                self -> policyInputs.applyValue(p -> DeliveryPolicies.trainingPipeline(p, args.arns(), model.curatedPrefix(), self))),
                inDelivery);
        Output<String> definition = Output.tuple(trainingRole.arn, args.curatedBucket(), args.artifactsBucket(), args.kmsKeyArn(),
                        args.subnetIds(), args.securityGroupId(), images.repositoryUrl())
                .applyValue(t -> TrainingPipeline.generate(model, new TrainingPipelineInputs(prefix, args.arns().region(), t.t1, t.t2,
                        t.t3, t.t4, new VpcConfig(List.of(t.t6), t.t5), args.modelPackageGroup(),
                        ownImage ? Optional.of(t.t7) : Optional.empty(), args.code())).definitionJson());
        var training = new com.pulumi.aws.sagemaker.Pipeline(name + "-training-pipeline", com.pulumi.aws.sagemaker.PipelineArgs.builder()
                .pipelineName(pipelineName)
                .pipelineDisplayName(pipelineName)
                .pipelineDescription("Process, train, evaluate, check and register the " + model.name() + " model")
                .roleArn(trainingRole.arn)
                .pipelineDefinition(definition)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(args.codeUploads()).build());

        var buildRole = new ServiceRole(name + "-build", new ServiceRoleArgs("codebuild.amazonaws.com", account,
                "Delivery build of the " + model.name() + " model", self -> policyInputs.applyValue(p -> DeliveryPolicies.codeBuild(p, args.arns()))),
                inDelivery);
        boolean ownContainer = ownImage;
        var build = new Project(name + "-build", ProjectArgs.builder()
                .name(prefix + "-" + model.name() + "-delivery")
                .description("Builds the " + model.name() + " model on a merge and starts its training pipeline")
                .serviceRole(buildRole.arn)
                .encryptionKey(args.kmsKeyArn())
                .buildTimeout(60)
                .source(ProjectSourceArgs.builder().type("CODEPIPELINE").buildspec(resource("/delivery/buildspec.yml")).build())
                .artifacts(ProjectArtifactsArgs.builder().type("CODEPIPELINE").build())
                .environment(ProjectEnvironmentArgs.builder()
                        .type("LINUX_CONTAINER")
                        .computeType("BUILD_GENERAL1_SMALL")
                        .image("aws/codebuild/amazonlinux-x86_64-standard:5.0")
                        // Docker needs privileged mode; only models with their own container build one.
                        .privilegedMode(ownContainer)
                        .environmentVariables(List.of(
                                variable("MODEL_NAME", Output.of(model.name())),
                                variable("IMAGE_KIND", Output.of(ownContainer ? "own-container" : "builtin")),
                                variable("ECR_REPOSITORY_URI", images.repositoryUrl()),
                                variable("ARTIFACTS_BUCKET", args.artifactsBucket()),
                                variable("PIPELINE_NAME", Output.of(pipelineName))))
                        .build())
                .logsConfig(ProjectLogsConfigArgs.builder()
                        .cloudwatchLogs(ProjectLogsConfigCloudwatchLogsArgs.builder().groupName(buildLogs.name()).build())
                        .build())
                .build(), child);

        var pipelineRole = new ServiceRole(name + "-pipeline", new ServiceRoleArgs("codepipeline.amazonaws.com", account,
                "Delivery pipeline of the " + model.name() + " model", self -> policyInputs.applyValue(DeliveryPolicies::codePipeline)),
                inDelivery);
        String deliveryName = prefix + "-" + model.name() + "-delivery";
        var pipelineArgs = PipelineArgs.builder()
                .name(deliveryName)
                .pipelineType("V2")
                // A newer merge supersedes a run still in progress; nobody can stop one (see access guardrails).
                .executionMode("SUPERSEDED")
                .roleArn(pipelineRole.arn)
                .artifactStores(PipelineArtifactStoreArgs.builder()
                        .type("S3")
                        .location(args.artifactsBucket())
                        .encryptionKey(PipelineArtifactStoreEncryptionKeyArgs.builder().type("KMS").id(args.kmsKeyArn()).build())
                        .build())
                .stages(List.of(
                        PipelineStageArgs.builder().name("Source").actions(sourceAction(model, codeCommit)).build(),
                        PipelineStageArgs.builder().name("Build").actions(PipelineStageActionArgs.builder()
                                .name("BuildAndTrain").category("Build").owner("AWS").provider("CodeBuild").version("1")
                                .inputArtifacts("source")
                                .configuration(build.name().applyValue(project -> Map.of("ProjectName", project)))
                                .build()).build()));
        if (model.repository().isGitHub()) {
            pipelineArgs.triggers(PipelineTriggerArgs.builder()
                    .providerType("CodeStarSourceConnection")
                    .gitConfiguration(PipelineTriggerGitConfigurationArgs.builder()
                            .sourceActionName("Source")
                            .pushes(PipelineTriggerGitConfigurationPushArgs.builder()
                                    .branches(PipelineTriggerGitConfigurationPushBranchesArgs.builder()
                                            .includes(model.repository().branch()).build())
                                    .build())
                            .build())
                    .build());
        }
        var delivery = new Pipeline(name + "-delivery", pipelineArgs.build(), child);
        codeCommit.ifPresent(repo -> startOnMerge(name, model, repo, delivery, account, inDelivery, child));

        this.trainingPipelineArn = training.arn();
        this.trainingPipelineName = Output.of(pipelineName);
        this.imageRepositoryUrl = images.repositoryUrl();
        this.deliveryPipelineName = delivery.name();
        registerOutputs(Map.of("trainingPipelineArn", trainingPipelineArn, "imageRepositoryUrl", imageRepositoryUrl,
                "deliveryPipelineName", deliveryPipelineName));
    }

    private static PipelineStageActionArgs sourceAction(ModelSettings model, Optional<Repository> codeCommit) {
        var action = PipelineStageActionArgs.builder().name("Source").category("Source").owner("AWS").version("1")
                .outputArtifacts("source");
        if (codeCommit.isPresent()) {
            // Started by an EventBridge rule on the branch, not by polling.
            return action.provider("CodeCommit").configuration(Map.of("RepositoryName", model.repository().name(),
                    "BranchName", model.repository().branch(), "PollForSourceChanges", "false", "OutputArtifactFormat", "CODE_ZIP")).build();
        }
        return action.provider("CodeStarSourceConnection").configuration(Map.of(
                "ConnectionArn", model.repository().connectionArn().orElseThrow(),
                "FullRepositoryId", model.repository().name(),
                "BranchName", model.repository().branch(),
                "OutputArtifactFormat", "CODE_ZIP")).build();
    }

    /** CodeCommit has no push trigger in CodePipeline V2: an EventBridge rule on the branch starts the delivery. */
    private void startOnMerge(String name, ModelSettings model, Repository repo, Pipeline delivery, String account,
                              ComponentResourceOptions inDelivery, CustomResourceOptions child) {
        var rule = new EventRule(name + "-on-merge", EventRuleArgs.builder()
                .description("A merge to " + model.repository().branch() + " of " + model.repository().name() + " starts its delivery")
                .eventPattern(repo.arn().applyValue(arn -> mergePattern(arn, model.repository().branch())))
                .build(), child);
        var role = new ServiceRole(name + "-on-merge", new ServiceRoleArgs("events.amazonaws.com", account,
                "Starts the delivery of the " + model.name() + " model on a merge",
                self -> delivery.arn().applyValue(DeliveryPolicies::startDelivery)), inDelivery);
        new EventTarget(name + "-on-merge-target", EventTargetArgs.builder()
                .rule(rule.name())
                .arn(delivery.arn())
                .roleArn(role.arn)
                .retryPolicy(EventTargetRetryPolicyArgs.builder().maximumRetryAttempts(10).maximumEventAgeInSeconds(3600).build())
                .build(), child);
    }

    static String mergePattern(String repositoryArn, String branch) {
        ObjectNode pattern = JSON.createObjectNode();
        pattern.putArray("source").add("aws.codecommit");
        pattern.putArray("detail-type").add("CodeCommit Repository State Change");
        pattern.putArray("resources").add(repositoryArn);
        ObjectNode detail = pattern.putObject("detail");
        detail.putArray("event").add("referenceCreated").add("referenceUpdated");
        detail.putArray("referenceType").add("branch");
        detail.putArray("referenceName").add(branch);
        return pattern.toString();
    }

    /** What another account needs to pull an image by tag or digest (ECR decrypts KMS-encrypted layers through its own grant). */
    static final List<String> PULL_ACTIONS = List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability");

    /** The repository policy letting the principals of {@code accounts} pull (as far as their own IAM allows). */
    static String imagePullPolicy(List<String> accounts) {
        return PolicyDocuments.json(List.of(IamStatement.builder()
                .sid("PeersPullModelImages")
                .effect(IamEffect.ALLOW)
                .principals(accounts.stream().map(a -> IamPrincipal.create("AWS", Arns.accountRoot(a))).toList())
                .actionIds(PULL_ACTIONS)
                .build()));
    }

    /** Keep every tagged image a version may still be deployed from (the newest 100); drop untagged layers after a week. */
    static String imageLifecycle() {
        ObjectNode policy = JSON.createObjectNode();
        var rules = policy.putArray("rules");
        ObjectNode untagged = rules.addObject();
        untagged.put("rulePriority", 1).put("description", "Expire untagged images after 7 days");
        untagged.putObject("selection").put("tagStatus", "untagged").put("countType", "sinceImagePushed")
                .put("countUnit", "days").put("countNumber", 7);
        untagged.putObject("action").put("type", "expire");
        ObjectNode tagged = rules.addObject();
        tagged.put("rulePriority", 2).put("description", "Keep the newest 100 images");
        tagged.putObject("selection").put("tagStatus", "any").put("countType", "imageCountMoreThan").put("countNumber", 100);
        tagged.putObject("action").put("type", "expire");
        return policy.toString();
    }

    private static ProjectEnvironmentEnvironmentVariableArgs variable(String name, Output<String> value) {
        return ProjectEnvironmentEnvironmentVariableArgs.builder().name(name).value(value).type("PLAINTEXT").build();
    }

    static String resource(String path) {
        try (InputStream in = ModelDelivery.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the program's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
