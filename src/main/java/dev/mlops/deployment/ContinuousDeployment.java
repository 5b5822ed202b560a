package dev.mlops.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.aws.cloudwatch.EventRule;
import com.pulumi.aws.cloudwatch.EventRuleArgs;
import com.pulumi.aws.cloudwatch.EventTarget;
import com.pulumi.aws.cloudwatch.EventTargetArgs;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.cloudwatch.inputs.EventTargetDeadLetterConfigArgs;
import com.pulumi.aws.cloudwatch.inputs.EventTargetRetryPolicyArgs;
import com.pulumi.aws.codebuild.Project;
import com.pulumi.aws.codebuild.ProjectArgs;
import com.pulumi.aws.codebuild.inputs.ProjectArtifactsArgs;
import com.pulumi.aws.codebuild.inputs.ProjectEnvironmentArgs;
import com.pulumi.aws.codebuild.inputs.ProjectEnvironmentEnvironmentVariableArgs;
import com.pulumi.aws.codebuild.inputs.ProjectLogsConfigArgs;
import com.pulumi.aws.codebuild.inputs.ProjectLogsConfigCloudwatchLogsArgs;
import com.pulumi.aws.codebuild.inputs.ProjectSourceArgs;
import com.pulumi.aws.codepipeline.Pipeline;
import com.pulumi.aws.codepipeline.PipelineArgs;
import com.pulumi.aws.codepipeline.inputs.PipelineArtifactStoreArgs;
import com.pulumi.aws.codepipeline.inputs.PipelineArtifactStoreEncryptionKeyArgs;
import com.pulumi.aws.codepipeline.inputs.PipelineStageActionArgs;
import com.pulumi.aws.codepipeline.inputs.PipelineStageArgs;
import com.pulumi.aws.codepipeline.inputs.PipelineStageBeforeEntryArgs;
import com.pulumi.aws.codepipeline.inputs.PipelineStageBeforeEntryConditionArgs;
import com.pulumi.aws.codepipeline.inputs.PipelineStageBeforeEntryConditionRuleArgs;
import com.pulumi.aws.codepipeline.inputs.PipelineStageBeforeEntryConditionRuleRuleTypeIdArgs;
import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.sns.Topic;
import com.pulumi.aws.sns.TopicArgs;
import com.pulumi.aws.sns.TopicSubscription;
import com.pulumi.aws.sns.TopicSubscriptionArgs;
import com.pulumi.aws.sqs.QueuePolicy;
import com.pulumi.aws.sqs.QueuePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.mlops.access.ArnPatterns;
import dev.mlops.access.DeploymentPolicies;
import dev.mlops.access.ServiceRole;
import dev.mlops.access.ServiceRoleArgs;
import dev.mlops.config.DeploymentSettings;
import dev.mlops.config.ModelSettings;
import dev.mlops.platform.DeadLetters;
import dev.mlops.platform.PolicyDocuments;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Continuous deployment of this program, run by the stack it deploys first (staging). A CodePipeline (V2) whose runs
 * queue, so that no two {@code pulumi up} of a stack overlap, started by EventBridge when the registry changes:
 * <ol>
 *   <li>a model package registered (PendingManualApproval) or rejected: {@code pulumi up} of this stack, so the
 *       challenger enters (or leaves) the shadow variant; then {@code verify};</li>
 *   <li>a model package approved: the same, then, behind a manual approval the ML engineers are notified of, {@code pulumi
 *       up} of the stack approvals promote to (prod), with that stack's deploy role; then {@code verify} there.</li>
 * </ol>
 * The pipeline tells the two apart by the rule that started the run (the deploy build reads it and exports
 * {@code PROMOTE}); the promotion stage's entry condition skips the stage unless {@code PROMOTE} is true. Both builds
 * run the repository's {@code deployment/buildspec.yml}, install the Pulumi CLI release pinned in settings with the
 * official installer, and read the backend's credentials from Secrets Manager. Nobody can stop, start or retry the
 * pipeline by hand (the access guardrails cover every pipeline named {@code <prefix>-*}).
 */
public final class ContinuousDeployment extends ComponentResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Deployment builds are the audit trail of what reached each stack. */
    static final int BUILD_LOG_RETENTION_DAYS = 365;
    /** A blue/green endpoint update with linear steps and a baking period takes a while. */
    static final int BUILD_TIMEOUT_MINUTES = 180;
    static final String BUILD_IMAGE = "aws/codebuild/amazonlinux-x86_64-standard:5.0";
    static final String BUILDSPEC = "/deployment/buildspec.yml";
    /** How often verify asks again, a minute apart, while endpoints are still updating. */
    static final int VERIFY_ATTEMPTS = 30;
    static final String SOURCE_ARTIFACT = "program";
    static final String PROMOTE_VARIABLE = "PROMOTE";
    static final String DEPLOY_ACTION = "pulumi-up";
    static final String APPROVE_ACTION = "approve";

    public final Output<String> pipelineName;
    public final Output<String> pipelineArn;
    /** The role the promotion build runs as: the target stack's deploy role trusts it. Empty without a promotion target. */
    public final Optional<Output<String>> promotionBuildRoleArn;
    public final Output<String> approvalTopicArn;

    public ContinuousDeployment(String name, ContinuousDeploymentArgs args, ComponentResourceOptions opts) {
        super("mlops:deployment:ContinuousDeployment", name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        var inDeployment = ComponentResourceOptions.builder().parent(this).build();
        ArnPatterns a = args.arns();
        DeploymentSettings.PipelineSettings settings = args.pipeline();
        String environment = args.naming().environment();
        String pipelineName = args.naming().deployment();
        String pipelineArn = "arn:aws:codepipeline:" + a.region() + ":" + a.accountId() + ":" + pipelineName;
        String buildspec = Buildspec.text();

        var topic = new Topic(name + "-approvals", TopicArgs.builder()
                .displayName("Deployments of " + a.prefix() + " waiting for approval")
                .kmsMasterKeyId(args.platformKeyArn())
                .build(), child);
        for (String email : args.approverEmails()) {
            new TopicSubscription(name + "-approvals-" + shortHash(email), TopicSubscriptionArgs.builder()
                    .topic(topic.arn())
                    .protocol("email")
                    .endpoint(email)
                    .build(), child);
        }

        // This stack: deployed with the build's own role.
        String deployProject = a.prefix() + "-deploy-" + environment;
        Build deploy = build(name + "-" + environment, deployProject, args, buildspec, child, inDeployment,
                self -> args.data().applyValue(d -> DeploymentPolicies.deployBuild(
                        new DeploymentPolicies.Build(a, deployProject, settings.secretArn(), d, stateBucket(args.backend())), pipelineArn)),
                Optional.empty(), "Deploys " + args.stack() + " (this stack) with pulumi up, then verifies its endpoints",
                List.of(plain("STACK", settings.stack().toString()), plain("PIPELINE_NAME", pipelineName),
                        plain("PROMOTE_RULE", approvalRuleName(args))));
        new DeployPermissions(name + "-" + environment + "-permissions", pipelineName, args.scope(), deploy.role.roleName, inDeployment);

        // The stack approvals promote to: deployed with its deploy role, which trusts this build's role only.
        Optional<Build> promotion = settings.promoteTo().map(target -> {
            String targetEnvironment = target.peer().environment();
            String project = a.prefix() + "-deploy-" + targetEnvironment;
            String deployRoleArn = "arn:aws:iam::" + target.peer().accountId() + ":role/" + args.naming().deployRoleOf(targetEnvironment);
            List<ProjectEnvironmentEnvironmentVariableArgs> variables = List.of(plain("STACK", target.stack().toString()),
                    plain("DEPLOY_ROLE_ARN", deployRoleArn),
                    plain("DEPLOY_ROLE_EXTERNAL_ID", DeployRole.externalId(args.naming().project(), environment, targetEnvironment)));
            return build(name + "-" + targetEnvironment, project, args, buildspec, child, inDeployment,
                    self -> args.data().applyValue(d -> DeploymentPolicies.promotionBuild(new DeploymentPolicies.Build(a, project,
                            settings.secretArn(), d, stateBucket(args.backend())), deployRoleArn)),
                    Optional.of(args.naming().promotionBuildRole(targetEnvironment)),
                    "Deploys " + target.stack() + " after an approval, with its deploy role " + deployRoleArn, variables);
        });

        List<Output<String>> projectArns = new ArrayList<>(List.of(deploy.project.arn()));
        promotion.ifPresent(p -> projectArns.add(p.project.arn()));
        Optional<String> codeRepository = settings.source().isGitHub() ? Optional.empty()
                : Optional.of(a.codeRepository(settings.source().name()));
        var pipelineRole = new ServiceRole(name + "-pipeline", new ServiceRoleArgs("codepipeline.amazonaws.com", a.accountId(),
                "The deployment pipeline of " + a.prefix(),
                self -> Output.tuple(args.data(), Output.all(projectArns), topic.arn()).applyValue(t -> DeploymentPolicies.pipeline(t.t1,
                        t.t2, codeRepository, settings.source().connectionArn(), promotion.map(p -> t.t3)))),
                inDeployment);

        List<PipelineStageArgs> stages = new ArrayList<>();
        stages.add(PipelineStageArgs.builder().name("Source").actions(sourceAction(settings.source())).build());
        stages.add(PipelineStageArgs.builder().name(environment).actions(PipelineStageActionArgs.builder()
                .name(DEPLOY_ACTION).category("Build").owner("AWS").provider("CodeBuild").version("1")
                .namespace(environment)
                .inputArtifacts(SOURCE_ARTIFACT)
                .configuration(deploy.project.name().applyValue(project -> Map.of("ProjectName", project,
                        "EnvironmentVariables", executionIdVariable())))
                .build()).build());
        settings.promoteTo().ifPresent(target -> stages.add(promotionStage(target, environment, promotion.orElseThrow(), topic)));
        var pipeline = new Pipeline(name + "-pipeline", PipelineArgs.builder()
                .name(pipelineName)
                .pipelineType("V2")
                // Runs wait their turn: two `pulumi up` of one stack never overlap, and none is superseded half-way.
                .executionMode("QUEUED")
                .roleArn(pipelineRole.arn)
                .artifactStores(PipelineArtifactStoreArgs.builder()
                        .type("S3")
                        .location(args.artifactsBucket())
                        .encryptionKey(PipelineArtifactStoreEncryptionKeyArgs.builder().type("KMS").id(args.platformKeyArn()).build())
                        .build())
                .stages(stages)
                .build(), child);

        startOnRegistryEvents(name, args, pipeline, child, inDeployment);
        promotion.ifPresent(p -> approvers(name, args, pipelineArn, settings.promoteTo().orElseThrow(), deploy, p, child));

        this.pipelineName = pipeline.name();
        this.pipelineArn = pipeline.arn();
        this.promotionBuildRoleArn = promotion.map(p -> p.role.arn);
        this.approvalTopicArn = topic.arn();
        registerOutputs(Map.of("pipelineName", this.pipelineName, "pipelineArn", this.pipelineArn, "approvalTopicArn", approvalTopicArn));
    }

    /** A deployment build: its role, its log group, its project. */
    private record Build(ServiceRole role, Project project, String logGroup) {
    }

    private Build build(String name, String projectName, ContinuousDeploymentArgs args, String buildspec, CustomResourceOptions child,
                        ComponentResourceOptions inDeployment,
                        java.util.function.Function<String, Output<List<software.amazon.awssdk.policybuilder.iam.IamStatement>>> permissions,
                        Optional<String> roleName, String description, List<ProjectEnvironmentEnvironmentVariableArgs> variables) {
        ArnPatterns a = args.arns();
        DeploymentSettings.PipelineSettings settings = args.pipeline();
        var role = new ServiceRole(name + "-build", new ServiceRoleArgs("codebuild.amazonaws.com", a.accountId(), description, permissions,
                roleName), inDeployment);
        String logGroupName = "/aws/codebuild/" + projectName;
        var logs = new LogGroup(name + "-build-logs", LogGroupArgs.builder()
                .name(logGroupName)
                .retentionInDays(BUILD_LOG_RETENTION_DAYS)
                .build(), child);
        List<ProjectEnvironmentEnvironmentVariableArgs> environment = new ArrayList<>();
        environment.add(plain("PULUMI_VERSION", settings.pulumiVersion()));
        environment.add(plain("PULUMI_BACKEND_URL", args.backend().url()));
        // In the order given: a Map.of here ordered the variables differently from one JVM to the next.
        environment.addAll(variables);
        environment.add(plain("VERIFY_ATTEMPTS", Integer.toString(VERIFY_ATTEMPTS)));
        // The project-level form of the buildspec's env.secrets-manager: CodeBuild reads the secret when the build starts.
        settings.secretArn().ifPresent(secret -> environment.add(ProjectEnvironmentEnvironmentVariableArgs.builder()
                .name(args.backend().secretVariable()).value(secret).type("SECRETS_MANAGER").build()));
        var project = new Project(name + "-build", ProjectArgs.builder()
                .name(projectName)
                .description(description)
                .serviceRole(role.arn)
                .encryptionKey(args.platformKeyArn())
                .buildTimeout(BUILD_TIMEOUT_MINUTES)
                // The pipeline runs one build of a stage at a time; a second build of the project could only be a hand-started one.
                .concurrentBuildLimit(1)
                .source(ProjectSourceArgs.builder().type("CODEPIPELINE").buildspec(buildspec).build())
                .artifacts(ProjectArtifactsArgs.builder().type("CODEPIPELINE").build())
                .environment(ProjectEnvironmentArgs.builder()
                        .type("LINUX_CONTAINER")
                        // Maven, the program and the Pulumi engine together need more than the small size's 3 GB.
                        .computeType("BUILD_GENERAL1_MEDIUM")
                        .image(BUILD_IMAGE)
                        .environmentVariables(environment)
                        .build())
                .logsConfig(ProjectLogsConfigArgs.builder()
                        .cloudwatchLogs(ProjectLogsConfigCloudwatchLogsArgs.builder().groupName(logs.name()).build())
                        .build())
                .build(), child);
        return new Build(role, project, logGroupName);
    }

    private static ProjectEnvironmentEnvironmentVariableArgs plain(String name, String value) {
        return ProjectEnvironmentEnvironmentVariableArgs.builder().name(name).value(value).type("PLAINTEXT").build();
    }

    /** The pipeline passes its run's id, so the deploy build can read which rule started the run. */
    static String executionIdVariable() {
        ArrayNode variables = JSON.createArrayNode();
        variables.addObject().put("name", "PIPELINE_EXECUTION_ID").put("value", "#{codepipeline.PipelineExecutionId}").put("type", "PLAINTEXT");
        return variables.toString();
    }

    private static PipelineStageActionArgs sourceAction(ModelSettings.RepositorySettings source) {
        var action = PipelineStageActionArgs.builder().name("Source").category("Source").owner("AWS").version("1")
                .outputArtifacts(SOURCE_ARTIFACT);
        // Registry events start a run, not pushes: merges to the program's main branch are deployed by the repository's
        // own workflow, and a run takes the branch's head when it starts.
        if (!source.isGitHub()) {
            return action.provider("CodeCommit").configuration(Map.of("RepositoryName", source.name(), "BranchName", source.branch(),
                    "PollForSourceChanges", "false", "OutputArtifactFormat", "CODE_ZIP")).build();
        }
        return action.provider("CodeStarSourceConnection").configuration(Map.of(
                "ConnectionArn", source.connectionArn().orElseThrow(),
                "FullRepositoryId", source.name(),
                "BranchName", source.branch(),
                "DetectChanges", "false",
                "OutputArtifactFormat", "CODE_ZIP")).build();
    }

    /** Approve, then deploy the target; entered only when the deploy build says the approval rule started this run. */
    private static PipelineStageArgs promotionStage(DeploymentSettings.Target target, String environment, Build promotion, Topic topic) {
        var condition = PipelineStageBeforeEntryConditionArgs.builder()
                .result("SKIP")
                .rules(PipelineStageBeforeEntryConditionRuleArgs.builder()
                        .name("started-by-an-approval")
                        .ruleTypeId(PipelineStageBeforeEntryConditionRuleRuleTypeIdArgs.builder()
                                .category("Rule").owner("AWS").provider("VariableCheck").version("1").build())
                        .configuration(Map.of("Variable", "#{" + environment + "." + PROMOTE_VARIABLE + "}", "Value", "true", "Operator", "EQ"))
                        .build())
                .build();
        return PipelineStageArgs.builder()
                .name(target.peer().environment())
                .beforeEntry(PipelineStageBeforeEntryArgs.builder().condition(condition).build())
                .actions(
                        PipelineStageActionArgs.builder()
                                .name(APPROVE_ACTION).category("Approval").owner("AWS").provider("Manual").version("1").runOrder(1)
                                .configuration(topic.arn().applyValue(arn -> Map.of("NotificationArn", arn, "CustomData",
                                        "A model package was approved and " + environment + " now runs it and passed verify. Approve to "
                                                + "run pulumi up on " + target.stack() + " with the same commit; reject to stop here.")))
                                .build(),
                        PipelineStageActionArgs.builder()
                                .name(DEPLOY_ACTION).category("Build").owner("AWS").provider("CodeBuild").version("1").runOrder(2)
                                .inputArtifacts(SOURCE_ARTIFACT)
                                .configuration(promotion.project.name().applyValue(project -> Map.of("ProjectName", project)))
                                .build())
                .build();
    }

    static String registrationRuleName(ContinuousDeploymentArgs args) {
        return args.naming().deployment() + "-on-registration";
    }

    static String approvalRuleName(ContinuousDeploymentArgs args) {
        return args.naming().deployment() + "-on-approval";
    }

    /**
     * Two rules on the registry's events, each starting the pipeline through a role that may start it only, retried for
     * an hour and kept in a dead-letter queue when they cannot be delivered.
     */
    private void startOnRegistryEvents(String name, ContinuousDeploymentArgs args, Pipeline pipeline, CustomResourceOptions child,
                                       ComponentResourceOptions inDeployment) {
        ArnPatterns a = args.arns();
        if (args.modelPackageGroups().isEmpty()) {
            return;
        }
        var deadLetters = DeadLetters.sqsEncryptedQueue(name + "-dead-letters", child);
        var role = new ServiceRole(name + "-events", new ServiceRoleArgs("events.amazonaws.com", a.accountId(),
                "Starts the deployment pipeline of " + a.prefix() + " on model registry events",
                self -> pipeline.arn().applyValue(DeploymentPolicies::startDeployment)), inDeployment);
        List<Output<String>> ruleArns = new ArrayList<>();
        Map<String, RuleSpec> rules = new LinkedHashMap<>();
        rules.put("on-registration", new RuleSpec(registrationRuleName(args), List.of("PendingManualApproval", "Rejected"),
                "A model package registered or rejected: deploy " + args.stack() + " (the challenger enters or leaves the shadow variant)"));
        rules.put("on-approval", new RuleSpec(approvalRuleName(args), List.of("Approved"),
                "A model package approved: deploy " + args.stack() + ", then promote behind a manual approval"));
        rules.forEach((key, spec) -> {
            var rule = new EventRule(name + "-" + key, EventRuleArgs.builder()
                    .name(spec.name())
                    .description(spec.description())
                    .eventPattern(registryPattern(a.accountId(), args.modelPackageGroups(), spec.statuses()))
                    .build(), child);
            new EventTarget(name + "-" + key + "-target", EventTargetArgs.builder()
                    .rule(rule.name())
                    .arn(pipeline.arn())
                    .roleArn(role.arn)
                    .retryPolicy(EventTargetRetryPolicyArgs.builder().maximumRetryAttempts(10).maximumEventAgeInSeconds(3600).build())
                    .deadLetterConfig(EventTargetDeadLetterConfigArgs.builder().arn(deadLetters.arn()).build())
                    .build(), child);
            ruleArns.add(rule.arn());
        });
        new QueuePolicy(name + "-dead-letters-policy", QueuePolicyArgs.builder()
                .queueUrl(deadLetters.url())
                .policy(Output.tuple(deadLetters.arn(), Output.all(ruleArns)).applyValue(t -> DeploymentPolicies.deadLetters(t.t1, t.t2)))
                .build(), child);
    }

    private record RuleSpec(String name, List<String> statuses, String description) {
    }

    /** SageMaker's event when a package of one of the groups reaches one of the approval statuses (and is complete). */
    static String registryPattern(String accountId, List<String> groups, List<String> approvalStatuses) {
        ObjectNode pattern = JSON.createObjectNode();
        pattern.putArray("source").add("aws.sagemaker");
        pattern.putArray("detail-type").add("SageMaker Model Package State Change");
        pattern.putArray("account").add(accountId);
        ObjectNode detail = pattern.putObject("detail");
        ArrayNode names = detail.putArray("ModelPackageGroupName");
        groups.forEach(names::add);
        ArrayNode statuses = detail.putArray("ModelApprovalStatus");
        approvalStatuses.forEach(statuses::add);
        detail.putArray("ModelPackageStatus").add("Completed");
        return pattern.toString();
    }

    /** ML engineers approve promotions: a policy of this stack's own, attached to their persona role. */
    private void approvers(String name, ContinuousDeploymentArgs args, String pipelineArn, DeploymentSettings.Target target, Build deploy,
                           Build promotion, CustomResourceOptions child) {
        String approvalAction = pipelineArn + "/" + target.peer().environment() + "/" + APPROVE_ACTION;
        var policy = new Policy(name + "-approvers", PolicyArgs.builder()
                .description("Approve the promotion of " + args.arns().prefix() + " to " + target.stack() + ", and watch deployments")
                .policy(Output.tuple(deploy.project.arn(), promotion.project.arn()).applyValue(t -> PolicyDocuments.json(
                        DeploymentPolicies.approvers(pipelineArn, approvalAction, List.of(t.t1, t.t2),
                                List.of(args.arns().logGroup(deploy.logGroup()), args.arns().logGroup(promotion.logGroup()))))))
                .build(), child);
        new RolePolicyAttachment(name + "-approvers-attachment", RolePolicyAttachmentArgs.builder()
                .role(args.approverRoleName())
                .policyArn(policy.arn())
                .build(), child);
    }

    private static Optional<DeploymentPolicies.StateBucket> stateBucket(DeploymentSettings.Backend backend) {
        return backend.stateBucket().map(b -> new DeploymentPolicies.StateBucket(b, backend.statePrefix()));
    }

    /** Eight hex characters of the address's SHA-256: a stable child name that does not shift when the list changes. */
    static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
