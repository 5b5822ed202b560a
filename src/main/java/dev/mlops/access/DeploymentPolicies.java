package dev.mlops.access;

import dev.mlops.data.DataLakeArns;
import dev.mlops.platform.PolicyDocuments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * The roles of continuous deployment: the builds that run {@code pulumi up}, the pipeline, the EventBridge rules that
 * start it, the ML engineers who approve a promotion, and the deploy role a pipeline in another account assumes.
 *
 * <p>{@code pulumi up} of this program creates and changes most kinds of resource it declares, so its permissions are
 * wide by nature. They are scoped three ways: to the services the program uses (no service it does not), to the verbs
 * that manage resources (never starting, invoking or approving anything), and to names starting with the stack's prefix
 * ({@code mlops-staging-...}) wherever the resource's ARN carries its name. What remains broad, and why:
 * <ul>
 *   <li>EC2 network resources, KMS keys, API Gateway APIs and scalable targets have generated ids, not names: any of
 *       them in the stack's account and region (EC2 by {@code aws:RequestedRegion});</li>
 *   <li>SageMaker domains, user profiles and apps are addressed by domain id and user name;</li>
 *   <li>a role the deploy creates may carry any inline policy the program declares: a merge to the program's main
 *       branch is as powerful as the deploy role, so main needs reviews. Attached managed policies must be this
 *       stack's own, never AWS-managed ones (no AdministratorAccess by the back door).</li>
 * </ul>
 * Explicit denies hold whatever the allows say: the deploy can change none of the deployment's own roles and policies
 * (named {@code <prefix>-deployment...}), so a deploy cannot widen what deploys may do (an administrator applies such
 * changes); it never approves, deletes or opens model versions, nor opens Studio as a user; and where the stack holds
 * real data, it cannot delete the data buckets or schedule the deletion of their keys.
 */
public final class DeploymentPolicies {

    /**
     * What {@code pulumi up} of this program manages in one account.
     *
     * @param arns             name patterns of the stack being deployed
     * @param stack            that stack's name (the {@code stack} tag)
     * @param data             its data lake
     * @param codeRepositories CodeCommit repositories it manages (the models' code), by name
     * @param connections      CodeStar connections its pipelines read GitHub through
     * @param promotesFrom     the stack it promotes from, whose model packages it reads (prod reads staging's)
     * @param holdsRealData    whether its data buckets and keys must survive any deploy
     */
    public record Scope(ArnPatterns arns, String stack, DataLakeArns data, List<String> codeRepositories, List<String> connections,
                        Optional<ArnPatterns> promotesFrom, boolean holdsRealData) {
        public Scope {
            codeRepositories = List.copyOf(codeRepositories);
            connections = List.copyOf(connections.stream().distinct().toList());
        }
    }

    /**
     * What every deployment build needs besides deploying.
     *
     * @param arns        name patterns of the stack the build runs in
     * @param project     the CodeBuild project (its log group is {@code /aws/codebuild/<project>})
     * @param secretArn   the secret with the Pulumi access token or passphrase, if any
     * @param data        the data lake of the stack the build runs in (pipeline artifacts)
     * @param stateBucket the S3 bucket and key prefix of an s3 backend's state, if the backend is one
     */
    public record Build(ArnPatterns arns, String project, Optional<String> secretArn, DataLakeArns data,
                        Optional<StateBucket> stateBucket) {
    }

    /** Where an s3 backend keeps the stacks' state. */
    public record StateBucket(String bucket, String prefix) {
        String arn() {
            return "arn:aws:s3:::" + bucket;
        }
    }

    /** Services the deploy passes roles to: those the program's roles are for. */
    static final List<String> PASSED_TO = List.of("sagemaker.amazonaws.com", "codebuild.amazonaws.com", "codepipeline.amazonaws.com",
            "events.amazonaws.com", "scheduler.amazonaws.com", "lambda.amazonaws.com");
    /** Service-linked roles the program's resources need: endpoint autoscaling, Studio. */
    static final List<String> SERVICE_LINKED = List.of("sagemaker.application-autoscaling.amazonaws.com", "sagemaker.amazonaws.com");
    /** Changes to a role or policy that change what it may do, or who may use it. */
    static final List<String> ROLE_CHANGES = List.of("iam:CreateRole", "iam:DeleteRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
            "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:PutRolePermissionsBoundary",
            "iam:DeleteRolePermissionsBoundary");
    static final List<String> POLICY_CHANGES = List.of("iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion",
            "iam:DeletePolicy");

    /** The groups of {@link #pulumiUp}, one managed policy each. */
    public static final List<String> GROUPS = List.of("storage", "identity", "network", "machine-learning", "delivery", "operations");

    private DeploymentPolicies() {
    }

    /** The deployment's own roles and policies: {@code <prefix>-deployment...}, which no deploy may change. */
    public static String machineryName(ArnPatterns a) {
        return a.prefix() + "-deployment";
    }

    /**
     * The permissions of {@code pulumi up}, in groups small enough for one managed policy each (a role's inline
     * policies share 10,240 characters; a managed policy holds 6,144). Keys are the groups' names.
     */
    public static Map<String, List<IamStatement>> pulumiUp(Scope s) {
        Map<String, List<IamStatement>> groups = new LinkedHashMap<>();
        // In the order of GROUPS.
        groups.put("storage", storage(s));
        groups.put("identity", identity(s));
        groups.put("network", network(s));
        groups.put("machine-learning", machineLearning(s));
        groups.put("delivery", delivery(s));
        groups.put("operations", operations(s));
        return groups;
    }

    private static String arn(ArnPatterns a, String service, String resource) {
        return "arn:aws:" + service + ":" + a.region() + ":" + a.accountId() + ":" + resource;
    }

    static List<IamStatement> storage(Scope s) {
        ArnPatterns a = s.arns();
        DataLakeArns d = s.data();
        String buckets = "arn:aws:s3:::" + a.prefix() + "-*";
        List<IamStatement> st = new ArrayList<>();
        st.add(Statements.allow("Buckets", List.of("s3:CreateBucket", "s3:DeleteBucket", "s3:ListBucket", "s3:ListBucketVersions",
                "s3:GetBucket*", "s3:PutBucket*", "s3:DeleteBucketPolicy", "s3:GetEncryptionConfiguration", "s3:PutEncryptionConfiguration",
                "s3:GetLifecycleConfiguration", "s3:PutLifecycleConfiguration", "s3:GetReplicationConfiguration",
                "s3:GetAccelerateConfiguration"), List.of(buckets)));
        // The program uploads pipeline code and configuration to the artifacts bucket; it writes no other data.
        st.add(Statements.allow("UploadedObjects", List.of("s3:PutObject", "s3:GetObject", "s3:GetObjectVersion", "s3:DeleteObject",
                "s3:GetObjectTagging", "s3:PutObjectTagging", "s3:DeleteObjectTagging"), List.of(d.objects(d.artifactsBucket()))));
        st.add(Statements.allow("CreateKeys", List.of("kms:CreateKey", "kms:ListAliases", "kms:ListKeys"), List.of("*")));
        st.add(Statements.allow("ManageKeys", List.of("kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus",
                "kms:ListResourceTags", "kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:TagResource", "kms:UntagResource",
                "kms:UpdateKeyDescription", "kms:ScheduleKeyDeletion", "kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey",
                "kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"), List.of(arn(a, "kms", "key/*"))));
        st.add(Statements.allow("KeyAliases", List.of("kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"),
                List.of(arn(a, "kms", "alias/" + a.prefix() + "-*"))));
        // ECR, CodeCommit and SageMaker (Studio's EFS volume) create grants on the key for the resources they encrypt.
        st.add(Statements.allowWhere("GrantsForAwsResources", List.of("kms:CreateGrant", "kms:ListGrants"), List.of(arn(a, "kms", "key/*")))
                .addCondition(IamConditionOperator.BOOL, "kms:GrantIsForAWSResource", "true")
                .build());
        if (s.holdsRealData()) {
            st.add(Statements.deny("KeepDataBuckets", List.of("s3:DeleteBucket"), d.buckets()));
            st.add(Statements.deny("KeepDataKeys", List.of("kms:ScheduleKeyDeletion", "kms:DisableKey"), d.keys()));
        }
        return st;
    }

    static List<IamStatement> identity(Scope s) {
        ArnPatterns a = s.arns();
        String roles = "arn:aws:iam::" + a.accountId() + ":role/" + a.prefix() + "-*";
        String policies = "arn:aws:iam::" + a.accountId() + ":policy/" + a.prefix() + "-*";
        List<IamStatement> st = new ArrayList<>();
        st.add(Statements.allow("Roles", List.of("iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:UpdateRole",
                "iam:UpdateRoleDescription", "iam:UpdateAssumeRolePolicy", "iam:TagRole", "iam:UntagRole", "iam:ListRoleTags",
                "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:GetRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
                "iam:DetachRolePolicy", "iam:ListInstanceProfilesForRole"), List.of(roles)));
        // Only this stack's own managed policies: an AWS-managed one such as AdministratorAccess can never be attached.
        st.add(Statements.allowWhere("AttachOwnPolicies", List.of("iam:AttachRolePolicy"), List.of(roles))
                .addCondition(IamConditionOperator.ARN_LIKE, "iam:PolicyARN", policies)
                .build());
        st.add(Statements.allow("Policies", List.of("iam:CreatePolicy", "iam:DeletePolicy", "iam:GetPolicy", "iam:GetPolicyVersion",
                "iam:ListPolicyVersions", "iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:TagPolicy", "iam:UntagPolicy",
                "iam:ListPolicyTags", "iam:ListEntitiesForPolicy"), List.of(policies)));
        st.add(Statements.allowWhere("PassOwnRoles", List.of("iam:PassRole"), List.of(roles))
                .addConditions(IamConditionOperator.STRING_EQUALS, "iam:PassedToService", PASSED_TO)
                .build());
        st.add(Statements.allowWhere("ServiceLinkedRoles", List.of("iam:CreateServiceLinkedRole"),
                        List.of("arn:aws:iam::" + a.accountId() + ":role/aws-service-role/*"))
                .addConditions(IamConditionOperator.STRING_EQUALS, "iam:AWSServiceName", SERVICE_LINKED)
                .build());
        String machinery = machineryName(a);
        st.add(Statements.deny("NoChangingTheDeployment", ROLE_CHANGES,
                List.of("arn:aws:iam::" + a.accountId() + ":role/" + machinery + "*")));
        st.add(Statements.deny("NoChangingDeployPermissions", POLICY_CHANGES,
                List.of("arn:aws:iam::" + a.accountId() + ":policy/" + machinery + "*")));
        return st;
    }

    static List<IamStatement> network(Scope s) {
        ArnPatterns a = s.arns();
        List<IamStatement> st = new ArrayList<>();
        st.add(Statements.allow("DescribeNetwork", List.of("ec2:Describe*"), List.of("*")));
        // EC2 names resources by generated ids: scoped to the stack's region.
        st.add(Statements.allowWhere("ManageNetwork", List.of("ec2:CreateVpc", "ec2:DeleteVpc", "ec2:ModifyVpcAttribute",
                        "ec2:CreateSubnet", "ec2:DeleteSubnet", "ec2:ModifySubnetAttribute", "ec2:CreateRouteTable", "ec2:DeleteRouteTable",
                        "ec2:AssociateRouteTable", "ec2:DisassociateRouteTable", "ec2:ReplaceRouteTableAssociation", "ec2:CreateRoute",
                        "ec2:DeleteRoute", "ec2:ReplaceRoute", "ec2:CreateSecurityGroup", "ec2:DeleteSecurityGroup",
                        "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress",
                        "ec2:RevokeSecurityGroupEgress", "ec2:ModifySecurityGroupRules", "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
                        "ec2:UpdateSecurityGroupRuleDescriptionsEgress", "ec2:CreateVpcEndpoint", "ec2:DeleteVpcEndpoints",
                        "ec2:ModifyVpcEndpoint", "ec2:CreateInternetGateway", "ec2:DeleteInternetGateway", "ec2:AttachInternetGateway",
                        "ec2:DetachInternetGateway", "ec2:AllocateAddress", "ec2:ReleaseAddress", "ec2:DisassociateAddress",
                        "ec2:CreateNatGateway", "ec2:DeleteNatGateway", "ec2:CreateTags", "ec2:DeleteTags"), List.of("*"))
                .addCondition(IamConditionOperator.STRING_EQUALS, "aws:RequestedRegion", a.region())
                .build());
        // Interface endpoints with private DNS associate the VPC with the service's private hosted zone.
        st.add(Statements.allow("EndpointPrivateDns", List.of("route53:AssociateVPCWithHostedZone"), List.of("arn:aws:route53:::hostedzone/*")));
        return st;
    }

    static List<IamStatement> machineLearning(Scope s) {
        ArnPatterns a = s.arns();
        String p = a.prefix();
        List<IamStatement> st = new ArrayList<>();
        st.add(Statements.allow("SageMakerResources", List.of("sagemaker:Create*", "sagemaker:Update*", "sagemaker:Delete*",
                "sagemaker:Describe*", "sagemaker:Put*", "sagemaker:Get*", "sagemaker:AddTags", "sagemaker:DeleteTags", "sagemaker:ListTags"),
                List.of(a.sagemaker("domain/*"), a.userProfiles(), a.spaces(), a.apps(), a.sagemaker("studio-lifecycle-config/" + p + "-*"),
                        a.sagemaker("code-repository/" + p + "-*"), a.mlflowTrackingServers(), a.modelPackageGroups(),
                        a.sagemaker("pipeline/" + p + "-*"), a.sagemaker("model/" + p + "-*"), a.endpointConfigs(), a.endpoints(),
                        a.sagemaker("monitoring-schedule/" + p + "-*"))));
        // The champion/challenger lookup reads the registry at deploy time.
        List<String> packages = new ArrayList<>(List.of(a.modelPackages()));
        s.promotesFrom().ifPresent(from -> packages.add(from.modelPackages()));
        st.add(Statements.allow("ReadModelVersions", List.of("sagemaker:DescribeModelPackage", "sagemaker:ListModelPackages",
                "sagemaker:ListTags"), packages));
        st.add(Statements.allow("ListSageMaker", List.of("sagemaker:List*"), List.of("*")));
        st.add(Statements.deny("NoModelApprovalOrDeletion", List.of("sagemaker:UpdateModelPackage", "sagemaker:DeleteModelPackage"),
                List.of(a.modelPackages())));
        st.add(Statements.deny("NoOpeningStudio", List.of("sagemaker:CreatePresigned*"), List.of("*")));
        if (s.holdsRealData()) {
            st.add(Statements.deny("KeepModelRegistry", List.of("sagemaker:DeleteModelPackageGroup"), List.of(a.modelPackageGroups())));
        }
        st.add(Statements.allow("EndpointAutoscaling", List.of("application-autoscaling:RegisterScalableTarget",
                "application-autoscaling:DeregisterScalableTarget", "application-autoscaling:PutScalingPolicy",
                "application-autoscaling:DeleteScalingPolicy", "application-autoscaling:PutScheduledAction",
                "application-autoscaling:DeleteScheduledAction", "application-autoscaling:TagResource",
                "application-autoscaling:UntagResource", "application-autoscaling:ListTagsForResource"),
                List.of(arn(a, "application-autoscaling", "scalable-target/*"))));
        st.add(Statements.allow("DescribeAutoscaling", List.of("application-autoscaling:Describe*"), List.of("*")));
        return st;
    }

    static List<IamStatement> delivery(Scope s) {
        ArnPatterns a = s.arns();
        List<IamStatement> st = new ArrayList<>();
        st.add(Statements.allow("BuildProjects", List.of("codebuild:CreateProject", "codebuild:UpdateProject", "codebuild:DeleteProject",
                "codebuild:BatchGetProjects"), List.of(a.buildProjects())));
        st.add(Statements.allow("Pipelines", List.of("codepipeline:CreatePipeline", "codepipeline:UpdatePipeline",
                "codepipeline:DeletePipeline", "codepipeline:GetPipeline", "codepipeline:TagResource", "codepipeline:UntagResource",
                "codepipeline:ListTagsForResource"), List.of(a.deliveryPipelines())));
        if (!s.codeRepositories().isEmpty()) {
            st.add(Statements.allow("CodeRepositories", List.of("codecommit:CreateRepository", "codecommit:DeleteRepository",
                    "codecommit:GetRepository", "codecommit:UpdateRepositoryDescription", "codecommit:UpdateDefaultBranch",
                    "codecommit:UpdateRepositoryEncryptionKey", "codecommit:TagResource", "codecommit:UntagResource",
                    "codecommit:ListTagsForResource"), s.codeRepositories().stream().map(a::codeRepository).toList()));
        }
        if (!s.connections().isEmpty()) {
            st.add(Statements.allow("PassConnections", List.of("codestar-connections:PassConnection", "codeconnections:PassConnection"),
                    s.connections().stream().flatMap(c -> bothSpellings(c).stream()).toList()));
        }
        st.add(Statements.allow("ImageRepositories", List.of("ecr:CreateRepository", "ecr:DeleteRepository", "ecr:DescribeRepositories",
                "ecr:PutImageTagMutability", "ecr:PutImageScanningConfiguration", "ecr:PutLifecyclePolicy", "ecr:GetLifecyclePolicy",
                "ecr:DeleteLifecyclePolicy", "ecr:SetRepositoryPolicy", "ecr:GetRepositoryPolicy", "ecr:DeleteRepositoryPolicy",
                "ecr:TagResource", "ecr:UntagResource", "ecr:ListTagsForResource"), List.of(arn(a, "ecr", "repository/" + a.prefix() + "-*"))));
        return st;
    }

    static List<IamStatement> operations(Scope s) {
        ArnPatterns a = s.arns();
        String p = a.prefix();
        List<IamStatement> st = new ArrayList<>();
        st.add(Statements.allow("EventRules", List.of("events:PutRule", "events:DeleteRule", "events:DescribeRule", "events:EnableRule",
                "events:DisableRule", "events:PutTargets", "events:RemoveTargets", "events:ListTargetsByRule", "events:TagResource",
                "events:UntagResource", "events:ListTagsForResource"), List.of(arn(a, "events", "rule/" + p + "-*"))));
        st.add(Statements.allow("Schedules", List.of("scheduler:CreateSchedule", "scheduler:UpdateSchedule", "scheduler:DeleteSchedule",
                "scheduler:GetSchedule"), List.of(arn(a, "scheduler", "schedule/default/" + p + "-*"))));
        st.add(Statements.allow("LogGroups", List.of("logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy",
                "logs:DeleteRetentionPolicy", "logs:TagResource", "logs:UntagResource", "logs:ListTagsForResource", "logs:TagLogGroup",
                "logs:UntagLogGroup", "logs:ListTagsLogGroup", "logs:AssociateKmsKey", "logs:DisassociateKmsKey"),
                List.of(a.logGroup("/aws/codebuild/" + p + "-*"), a.logGroup("/aws/lambda/" + p + "-*"))));
        st.add(Statements.allow("DescribeLogGroups", List.of("logs:DescribeLogGroups"), List.of("*")));
        st.add(Statements.allow("Queues", List.of("sqs:CreateQueue", "sqs:DeleteQueue", "sqs:GetQueueAttributes", "sqs:SetQueueAttributes",
                "sqs:GetQueueUrl", "sqs:TagQueue", "sqs:UntagQueue", "sqs:ListQueueTags"), List.of(arn(a, "sqs", p + "-*"))));
        st.add(Statements.allow("Topics", List.of("sns:CreateTopic", "sns:DeleteTopic", "sns:GetTopicAttributes", "sns:SetTopicAttributes",
                "sns:Subscribe", "sns:Unsubscribe", "sns:GetSubscriptionAttributes", "sns:SetSubscriptionAttributes",
                "sns:ListSubscriptionsByTopic", "sns:TagResource", "sns:UntagResource", "sns:ListTagsForResource"),
                List.of(arn(a, "sns", p + "-*"))));
        st.add(Statements.allow("Functions", List.of("lambda:Create*", "lambda:Update*", "lambda:Delete*", "lambda:Get*", "lambda:Put*",
                "lambda:PublishVersion", "lambda:AddPermission", "lambda:RemovePermission", "lambda:TagResource", "lambda:UntagResource",
                "lambda:ListTags", "lambda:ListVersionsByFunction", "lambda:ListAliases"), List.of(arn(a, "lambda", "function:" + p + "-*"))));
        // HTTP APIs have generated ids: any API of the stack's region.
        st.add(Statements.allow("HttpApis", List.of("apigateway:GET", "apigateway:POST", "apigateway:PUT", "apigateway:PATCH",
                "apigateway:DELETE"), List.of("arn:aws:apigateway:" + a.region() + "::/apis*", "arn:aws:apigateway:" + a.region() + "::/tags/*")));
        st.add(Statements.allow("Alarms", List.of("cloudwatch:PutMetricAlarm", "cloudwatch:PutCompositeAlarm", "cloudwatch:DeleteAlarms",
                "cloudwatch:DescribeAlarms", "cloudwatch:TagResource", "cloudwatch:UntagResource", "cloudwatch:ListTagsForResource"),
                List.of(a.alarms())));
        st.add(Statements.allow("Dashboards", List.of("cloudwatch:PutDashboard", "cloudwatch:GetDashboard", "cloudwatch:DeleteDashboards"),
                List.of("arn:aws:cloudwatch::" + a.accountId() + ":dashboard/" + p + "-*")));
        return st;
    }

    /**
     * A CodeStar connection under both its service names: connections made since the service's 2024 rename have
     * {@code codeconnections} ARNs, older ones {@code codestar-connections}, and IAM knows each action under both prefixes.
     */
    static List<String> bothSpellings(String connectionArn) {
        String codeConnections = connectionArn.replaceFirst("^arn:aws:codestar-connections:", "arn:aws:codeconnections:");
        String codeStar = connectionArn.replaceFirst("^arn:aws:codeconnections:", "arn:aws:codestar-connections:");
        return List.of(codeStar, codeConnections);
    }

    /** Reading and writing the state of an s3 backend (the bucket's policy must also admit the role, if it is another account's). */
    static List<IamStatement> state(StateBucket b) {
        return List.of(
                Statements.allow("StateObjects", List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
                        List.of(b.arn() + "/" + b.prefix() + "*")),
                Statements.allow("StateBucket", List.of("s3:ListBucket", "s3:GetBucketLocation"), List.of(b.arn())));
    }

    /** Logs, the Pulumi secret, the pipeline's artifacts (and an s3 backend's state): what any deployment build needs. */
    static List<IamStatement> build(Build b) {
        DataLakeArns d = b.data();
        List<IamStatement> st = new ArrayList<>();
        st.add(Statements.allow("BuildLogs", List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"),
                List.of(b.arns().logGroup("/aws/codebuild/" + b.project()), b.arns().logGroup("/aws/codebuild/" + b.project() + ":*"))));
        b.secretArn().ifPresent(secret -> st.add(Statements.allow("PulumiCredentials", List.of("secretsmanager:GetSecretValue"),
                List.of(secret))));
        st.add(Statements.allow("PipelineArtifacts", List.of("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"),
                List.of(d.objects(d.artifactsBucket()))));
        st.add(Statements.allow("ArtifactsKey", List.of("kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"), List.of(d.platformKey())));
        b.stateBucket().ifPresent(state -> st.addAll(state(state)));
        return st;
    }

    /**
     * The build that deploys the stack it runs in (inline; {@link #pulumiUp} comes as managed policies): its own needs,
     * and reading which rule started the pipeline run, to decide whether the run goes on to promote.
     */
    public static List<IamStatement> deployBuild(Build b, String pipelineArn) {
        List<IamStatement> st = new ArrayList<>(build(b));
        st.add(Statements.allow("ReadPipelineTrigger", List.of("codepipeline:GetPipelineExecution"), List.of(pipelineArn)));
        return st;
    }

    /** The build that deploys the stack approvals promote to: its own needs, and assuming that stack's deploy role, only. */
    public static List<IamStatement> promotionBuild(Build b, String deployRoleArn) {
        List<IamStatement> st = new ArrayList<>(build(b));
        st.add(Statements.allow("AssumeTargetDeployRole", List.of("sts:AssumeRole"), List.of(deployRoleArn)));
        return st;
    }

    /** The deploy role's inline policy (its {@link #pulumiUp} comes as managed policies): an s3 backend's state, if any. */
    public static Optional<List<IamStatement>> deployRole(Optional<StateBucket> stateBucket) {
        return stateBucket.map(DeploymentPolicies::state);
    }

    /**
     * Who may assume the deploy role: exactly one role, the build of the pipeline that promotes into this stack, with
     * the external id both stacks derive from their names (a guard against using the role by accident, not a secret).
     */
    public static String deployRoleTrust(String buildRoleArn, String externalId) {
        return PolicyDocuments.json(List.of(IamStatement.builder()
                .sid("PromotionBuildOnly")
                .effect(IamEffect.ALLOW)
                .addPrincipal(IamPrincipal.create("AWS", buildRoleArn))
                .addAction("sts:AssumeRole")
                .addCondition(IamConditionOperator.STRING_EQUALS, "sts:ExternalId", externalId)
                .build()));
    }

    /**
     * The deployment pipeline: its artifacts, its two builds, its source, and the approval notification.
     *
     * @param buildProjects the CodeBuild projects it runs
     * @param codeRepository the CodeCommit repository of the program (CodeCommit source)
     * @param connection    the CodeStar connection to GitHub (GitHub source)
     * @param approvalTopic the SNS topic approvers are notified on, if the pipeline promotes
     */
    public static List<IamStatement> pipeline(DataLakeArns d, List<String> buildProjects, Optional<String> codeRepository,
                                              Optional<String> connection, Optional<String> approvalTopic) {
        List<IamStatement> st = new ArrayList<>();
        st.add(Statements.allow("PipelineArtifacts", PersonaPolicies.concat(PersonaPolicies.READ_OBJECTS, PersonaPolicies.WRITE_OBJECTS),
                List.of(d.objects(d.artifactsBucket()))));
        st.add(Statements.allow("ArtifactsBucket", List.of("s3:GetBucketVersioning", "s3:GetBucketLocation"), List.of(d.artifactsBucket())));
        st.add(Statements.allow("PlatformKey", PersonaPolicies.concat(PersonaPolicies.USE_KEY, List.of("kms:Encrypt")), List.of(d.platformKey())));
        st.add(Statements.allow("RunDeployments", List.of("codebuild:StartBuild", "codebuild:BatchGetBuilds"), buildProjects));
        codeRepository.ifPresent(repo -> st.add(Statements.allow("ReadSource", List.of("codecommit:GetBranch", "codecommit:GetCommit",
                "codecommit:UploadArchive", "codecommit:GetUploadArchiveStatus", "codecommit:CancelUploadArchive"), List.of(repo))));
        connection.ifPresent(c -> st.add(Statements.allow("ReadSource",
                List.of("codestar-connections:UseConnection", "codeconnections:UseConnection"), bothSpellings(c))));
        approvalTopic.ifPresent(topic -> st.add(Statements.allow("NotifyApprovers", List.of("sns:Publish"), List.of(topic))));
        return st;
    }

    /** EventBridge starting the deployment pipeline on a registry event: that pipeline only. */
    public static List<IamStatement> startDeployment(String pipelineArn) {
        return List.of(Statements.allow("StartDeploymentOnRegistryEvents", List.of("codepipeline:StartPipelineExecution"),
                List.of(pipelineArn)));
    }

    /** The dead-letter queue's policy: EventBridge may deliver there for the deployment's rules only. */
    public static String deadLetters(String queueArn, List<String> ruleArns) {
        return PolicyDocuments.json(List.of(PolicyDocuments.eventBridgeMaySendTo("EventBridgeDeadLetters", queueArn)
                .addConditions(IamConditionOperator.ARN_EQUALS, "aws:SourceArn", ruleArns)
                .build()));
    }

    /**
     * ML engineers approve a promotion: the approval action, and watching the runs and their logs.
     *
     * @param approvalAction {@code arn:aws:codepipeline:<region>:<account>:<pipeline>/<stage>/<action>}
     */
    public static List<IamStatement> approvers(String pipelineArn, String approvalAction, List<String> buildProjects, List<String> logGroups) {
        List<IamStatement> st = new ArrayList<>();
        st.add(Statements.allow("ApprovePromotion", List.of("codepipeline:PutApprovalResult"), List.of(approvalAction)));
        st.add(Statements.allow("WatchDeployments", List.of("codepipeline:GetPipeline", "codepipeline:GetPipelineState",
                "codepipeline:GetPipelineExecution", "codepipeline:ListPipelineExecutions", "codepipeline:ListActionExecutions"),
                List.of(pipelineArn)));
        st.add(Statements.allow("WatchBuilds", List.of("codebuild:BatchGetBuilds", "codebuild:ListBuildsForProject"), buildProjects));
        List<String> streams = new ArrayList<>();
        logGroups.forEach(g -> {
            streams.add(g);
            streams.add(g + ":*");
        });
        st.add(Statements.allow("ReadBuildLogs", List.of("logs:GetLogEvents", "logs:FilterLogEvents"), streams));
        return st;
    }
}
