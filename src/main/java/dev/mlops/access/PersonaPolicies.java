package dev.mlops.access;

import dev.mlops.data.DataLakeArns;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * What each persona may do, as the statements of its own customer-managed policy (no AWS-managed policy
 * is attached to a persona role, so everything a person can do shows in the preview diff). Denies that
 * keep personas apart are explicit, not just missing allows: a scientist is denied the raw bucket and its
 * key even if a broader grant is ever added.
 */
public final class PersonaPolicies {

    /**
     * What the persona statements refer to.
     *
     * @param arns             name patterns of this stack's resources
     * @param data             the data lake
     * @param stack            the stack name, carried as the {@code stack} tag by every resource
     * @param dataPipelineRole the role data pipelines run as (data engineers may pass it to SageMaker)
     * @param repositories     CodeCommit repository ARNs of the models' code
     */
    public record Context(ArnPatterns arns, DataLakeArns data, String stack, String dataPipelineRole, List<String> repositories) {
        public Context {
            repositories = List.copyOf(repositories);
        }
    }

    static final List<String> READ_OBJECTS = List.of("s3:GetObject", "s3:GetObjectVersion");
    static final List<String> WRITE_OBJECTS = List.of("s3:PutObject", "s3:AbortMultipartUpload");
    static final List<String> LIST_BUCKET = List.of("s3:ListBucket", "s3:GetBucketLocation");
    static final List<String> USE_KEY = List.of("kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey");
    static final List<String> MODEL_APPROVAL = List.of("sagemaker:UpdateModelPackage");
    static final List<String> ENDPOINT_CHANGES = List.of("sagemaker:CreateEndpoint", "sagemaker:CreateEndpointConfig",
            "sagemaker:UpdateEndpoint", "sagemaker:UpdateEndpointWeightsAndCapacities", "sagemaker:DeleteEndpoint",
            "sagemaker:DeleteEndpointConfig");
    static final List<String> IAM_CHANGES = List.of("iam:CreateRole", "iam:DeleteRole", "iam:UpdateRole",
            "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePolicy",
            "iam:DeleteRolePolicy", "iam:CreatePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicy",
            "iam:SetDefaultPolicyVersion", "iam:CreateUser", "iam:AttachUserPolicy", "iam:PutUserPolicy", "iam:CreateAccessKey");
    static final List<String> DELIVERY_CHANGES = List.of("codepipeline:CreatePipeline", "codepipeline:UpdatePipeline",
            "codepipeline:DeletePipeline", "codepipeline:PutApprovalResult", "codebuild:CreateProject",
            "codebuild:UpdateProject", "codebuild:DeleteProject", "codebuild:StartBuild", "codebuild:StopBuild");

    private PersonaPolicies() {
    }

    public static List<IamStatement> of(Persona persona, Context c) {
        return switch (persona) {
            case DATA_ENGINEER -> dataEngineer(c);
            case DATA_SCIENTIST -> dataScientist(c);
            case ML_ENGINEER -> mlEngineer(c);
        };
    }

    static List<IamStatement> dataEngineer(Context c) {
        DataLakeArns d = c.data();
        List<IamStatement> s = new ArrayList<>();
        s.add(Statements.allow("RawDataReadWrite", concat(READ_OBJECTS, WRITE_OBJECTS, List.of("s3:DeleteObject")),
                List.of(d.objects(d.rawBucket()))));
        s.add(Statements.allow("CuratedDataPublish", concat(READ_OBJECTS, WRITE_OBJECTS), List.of(d.objects(d.curatedBucket()))));
        s.add(Statements.allow("ListDataBuckets", LIST_BUCKET, List.of(d.rawBucket(), d.curatedBucket())));
        s.add(Statements.allow("UseDataKeys", concat(USE_KEY, List.of("kms:Encrypt")), d.keys()));
        s.add(Statements.allow("RunDataPipelines", List.of("sagemaker:StartPipelineExecution", "sagemaker:DescribePipeline",
                        "sagemaker:DescribePipelineExecution", "sagemaker:ListPipelineExecutions", "sagemaker:ListPipelineExecutionSteps",
                        "sagemaker:DescribePipelineDefinitionForExecution"),
                List.of(c.arns().dataPipelines(), c.arns().pipelineExecutions(c.arns().dataPipelines()))));
        s.add(Statements.passRole("PassDataPipelineRole", List.of(c.dataPipelineRole()), "sagemaker.amazonaws.com"));
        s.add(Statements.allow("ObserveProcessingJobs", List.of("sagemaker:DescribeProcessingJob"), List.of(c.arns().processingJobs())));
        s.add(Statements.allow("ListWithoutResources", List.of("sagemaker:ListPipelines", "sagemaker:ListProcessingJobs",
                "logs:DescribeLogGroups"), List.of("*")));
        s.add(Statements.allow("ReadJobLogs", List.of("logs:GetLogEvents", "logs:FilterLogEvents", "logs:DescribeLogStreams"),
                List.of(c.arns().logGroup("/aws/sagemaker/ProcessingJobs:*"))));
        s.add(Statements.deny("NoModelApproval", MODEL_APPROVAL, List.of(c.arns().modelPackages())));
        return s;
    }

    static List<IamStatement> dataScientist(Context c) {
        DataLakeArns d = c.data();
        ArnPatterns a = c.arns();
        List<IamStatement> s = new ArrayList<>();
        s.add(Statements.allow("CuratedDataRead", READ_OBJECTS, List.of(d.objects(d.curatedBucket()))));
        s.add(Statements.allow("ExperimentArtifacts", concat(READ_OBJECTS, WRITE_OBJECTS),
                List.of(d.objects(d.artifactsBucket(), "experiments/"))));
        s.add(Statements.allowWhere("ListCuratedAndExperiments", List.of("s3:ListBucket"), List.of(d.curatedBucket(), d.artifactsBucket()))
                .build());
        s.add(Statements.allow("UsePlatformKey", USE_KEY, List.of(d.platformKey())));
        s.add(Statements.allowWhere("OpenOwnStudio", List.of("sagemaker:CreatePresignedDomainUrl"), List.of(a.userProfiles()))
                .addCondition(IamConditionOperator.STRING_EQUALS, "aws:ResourceTag/stack", c.stack())
                .build());
        s.add(Statements.allow("UseExperimentTracking", List.of("sagemaker:CreatePresignedMlflowTrackingServerUrl",
                "sagemaker:DescribeMlflowTrackingServer"), List.of(a.mlflowTrackingServers())));
        s.add(Statements.allow("ReadModelRegistry", List.of("sagemaker:DescribeModelPackage", "sagemaker:DescribeModelPackageGroup",
                "sagemaker:ListModelPackages"), List.of(a.modelPackageGroups(), a.modelPackages())));
        s.add(Statements.allow("ListWithoutResources", List.of("sagemaker:ListDomains", "sagemaker:ListUserProfiles",
                "sagemaker:ListModelPackageGroups", "sagemaker:ListMlflowTrackingServers", "sagemaker:ListPipelines"), List.of("*")));
        s.add(Statements.deny("NoRawData", List.of("s3:*"), List.of(d.rawBucket(), d.objects(d.rawBucket()))));
        s.add(Statements.deny("NoRawDataKey", List.of("kms:*"), List.of(d.rawKey())));
        s.add(Statements.deny("NoModelApproval", MODEL_APPROVAL, List.of(a.modelPackages())));
        s.add(Statements.deny("NoEndpointChanges", ENDPOINT_CHANGES, List.of(a.endpoints(), a.endpointConfigs())));
        s.add(Statements.deny("NoIamChanges", IAM_CHANGES, List.of("*")));
        s.add(Statements.deny("NoDeliveryChanges", DELIVERY_CHANGES, List.of(a.deliveryPipelines(), a.buildProjects())));
        return s;
    }

    static List<IamStatement> mlEngineer(Context c) {
        DataLakeArns d = c.data();
        ArnPatterns a = c.arns();
        List<IamStatement> s = new ArrayList<>();
        s.add(Statements.allow("ApproveOrRejectModels", List.of("sagemaker:UpdateModelPackage", "sagemaker:DescribeModelPackage",
                "sagemaker:DescribeModelPackageGroup", "sagemaker:ListModelPackages"), List.of(a.modelPackageGroups(), a.modelPackages())));
        s.add(Statements.allow("OperateEndpoints", List.of("sagemaker:DescribeEndpoint", "sagemaker:DescribeEndpointConfig",
                "sagemaker:UpdateEndpointWeightsAndCapacities", "sagemaker:InvokeEndpoint"), List.of(a.endpoints(), a.endpointConfigs())));
        s.add(Statements.allow("OperateAlarms", List.of("cloudwatch:DescribeAlarms", "cloudwatch:EnableAlarmActions",
                "cloudwatch:DisableAlarmActions", "cloudwatch:SetAlarmState"), List.of(a.alarms())));
        s.add(Statements.allow("ObserveDelivery", List.of("sagemaker:DescribePipeline", "sagemaker:DescribePipelineExecution",
                        "sagemaker:ListPipelineExecutions", "sagemaker:ListPipelineExecutionSteps"),
                List.of(a.trainingPipelines(), a.pipelineExecutions(a.trainingPipelines()))));
        s.add(Statements.allow("ReadMetrics", List.of("cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics",
                "cloudwatch:ListMetrics", "cloudwatch:ListDashboards", "cloudwatch:GetDashboard",
                "application-autoscaling:DescribeScalableTargets", "application-autoscaling:DescribeScalingPolicies",
                "application-autoscaling:DescribeScalingActivities", "sagemaker:ListEndpoints", "sagemaker:ListModelPackageGroups",
                "sagemaker:ListPipelines", "logs:DescribeLogGroups"), List.of("*")));
        s.add(Statements.allow("ReadEndpointLogs", List.of("logs:GetLogEvents", "logs:FilterLogEvents", "logs:DescribeLogStreams"),
                List.of(a.logGroup("/aws/sagemaker/Endpoints/*"))));
        s.add(Statements.allow("CuratedDataRead", READ_OBJECTS, List.of(d.objects(d.curatedBucket()))));
        s.add(Statements.allow("ListCurated", List.of("s3:ListBucket"), List.of(d.curatedBucket())));
        s.add(Statements.allow("UsePlatformKey", List.of("kms:Decrypt", "kms:DescribeKey"), List.of(d.platformKey())));
        s.add(Statements.deny("NoRawData", List.of("s3:*"), List.of(d.rawBucket(), d.objects(d.rawBucket()))));
        s.add(Statements.deny("NoRawDataKey", List.of("kms:*"), List.of(d.rawKey())));
        return s;
    }

    @SafeVarargs
    static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    /**
     * The data scientists' work on the models' code, in a policy of its own so that it grows with the number of
     * models without pushing the persona policy over IAM's size limit: pull, push to branches and merge pull
     * requests in the models' CodeCommit repositories, and never change main directly, in any repository of the
     * account (a merged pull request is what starts delivery). Empty when no model keeps its code in CodeCommit.
     */
    public static List<IamStatement> modelCode(Context c) {
        if (c.repositories().isEmpty()) {
            return List.of();
        }
        return List.of(
                Statements.allow("ModelCode", List.of("codecommit:GitPull", "codecommit:GitPush", "codecommit:CreateBranch",
                        "codecommit:CreatePullRequest", "codecommit:GetPullRequest", "codecommit:ListPullRequests",
                        "codecommit:PostCommentForPullRequest", "codecommit:MergePullRequestBySquash",
                        "codecommit:MergePullRequestByFastForward", "codecommit:GetRepository", "codecommit:ListBranches"),
                        c.repositories()),
                Statements.denyWhere("NoDirectPushToMain", List.of("codecommit:GitPush", "codecommit:DeleteBranch",
                                "codecommit:PutFile", "codecommit:MergeBranchesByFastForward", "codecommit:MergeBranchesBySquash",
                                "codecommit:MergeBranchesByThreeWay"), List.of(c.arns().codeRepository("*")))
                        .addCondition(IamConditionOperator.STRING_EQUALS.addSuffix("IfExists"), "codecommit:References", "refs/heads/main")
                        .addCondition(IamConditionOperator.NULL, "codecommit:References", "false")
                        .build());
    }
}
