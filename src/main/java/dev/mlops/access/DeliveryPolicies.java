package dev.mlops.access;

import dev.mlops.data.DataLakeArns;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * The service roles of one model's delivery: CodePipeline (reads the source, runs the build), CodeBuild
 * (pushes the image, uploads pipeline code, starts the training pipeline), EventBridge (starts the delivery on a
 * merge, for CodeCommit sources) and the SageMaker training pipeline itself.
 */
public final class DeliveryPolicies {

    /**
     * @param model            the model's name
     * @param data             the data lake
     * @param ecrRepositoryArn the model's image repository
     * @param trainingPipeline the model's SageMaker pipeline ARN
     * @param modelPackageGroup the model's package group ARN
     * @param codeCommitArn    the CodeCommit repository (CodeCommit sources)
     * @param connectionArn    the CodeStar connection (GitHub sources)
     * @param buildProjectArn  the CodeBuild project
     */
    public record Model(String model, DataLakeArns data, String ecrRepositoryArn, String trainingPipeline, String modelPackageGroup,
                        Optional<String> codeCommitArn, Optional<String> connectionArn, String buildProjectArn) {
    }

    private DeliveryPolicies() {
    }

    public static List<IamStatement> codePipeline(Model m) {
        DataLakeArns d = m.data();
        List<IamStatement> s = new ArrayList<>();
        s.add(Statements.allow("PipelineArtifacts", PersonaPolicies.concat(PersonaPolicies.READ_OBJECTS, PersonaPolicies.WRITE_OBJECTS),
                List.of(d.objects(d.artifactsBucket()))));
        s.add(Statements.allow("ArtifactsBucket", List.of("s3:GetBucketVersioning", "s3:GetBucketLocation"), List.of(d.artifactsBucket())));
        s.add(Statements.allow("ArtifactsKey", PersonaPolicies.concat(PersonaPolicies.USE_KEY, List.of("kms:Encrypt")), List.of(d.platformKey())));
        s.add(Statements.allow("RunBuild", List.of("codebuild:StartBuild", "codebuild:BatchGetBuilds"), List.of(m.buildProjectArn())));
        m.codeCommitArn().ifPresent(repo -> s.add(Statements.allow("ReadSource", List.of("codecommit:GetBranch", "codecommit:GetCommit",
                "codecommit:UploadArchive", "codecommit:GetUploadArchiveStatus", "codecommit:CancelUploadArchive"), List.of(repo))));
        m.connectionArn().ifPresent(connection -> s.add(Statements.allow("ReadSource",
                List.of("codestar-connections:UseConnection", "codeconnections:UseConnection"), List.of(connection))));
        return s;
    }

    public static List<IamStatement> codeBuild(Model m, ArnPatterns a) {
        DataLakeArns d = m.data();
        List<IamStatement> s = new ArrayList<>();
        s.add(Statements.allow("ReadSourceArtifact", PersonaPolicies.READ_OBJECTS, List.of(d.objects(d.artifactsBucket()))));
        s.add(Statements.allow("UploadPipelineCode", PersonaPolicies.WRITE_OBJECTS,
                List.of(d.objects(d.artifactsBucket(), "pipelines/" + m.model() + "/"))));
        s.add(Statements.allow("ListArtifacts", List.of("s3:ListBucket"), List.of(d.artifactsBucket())));
        s.add(Statements.allow("ArtifactsKey", PersonaPolicies.concat(PersonaPolicies.USE_KEY, List.of("kms:Encrypt")), List.of(d.platformKey())));
        s.add(Statements.allow("PushImage", List.of("ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
                "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"), List.of(m.ecrRepositoryArn())));
        s.add(Statements.allow("RegistryLogin", List.of("ecr:GetAuthorizationToken"), List.of("*")));
        s.add(Statements.allow("StartTraining", List.of("sagemaker:StartPipelineExecution", "sagemaker:DescribePipelineExecution",
                "sagemaker:DescribePipeline"), List.of(m.trainingPipeline(), a.pipelineExecutions(m.trainingPipeline()))));
        s.add(Statements.allow("BuildLogs", List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"),
                List.of(a.logGroup("/aws/codebuild/" + a.prefix() + "-*"))));
        return s;
    }

    /** EventBridge starting the delivery when the model's branch changes (CodeCommit sources). */
    public static List<IamStatement> startDelivery(String deliveryPipelineArn) {
        return List.of(Statements.allow("StartDeliveryOnMerge", List.of("codepipeline:StartPipelineExecution"), List.of(deliveryPipelineArn)));
    }

    /** The SageMaker training pipeline and its jobs: read curated data, write model artifacts, register versions. */
    public static List<IamStatement> trainingPipeline(Model m, ArnPatterns a, String curatedPrefix, String selfArn) {
        DataLakeArns d = m.data();
        List<IamStatement> s = new ArrayList<>();
        s.add(Statements.allow("ReadTrainingData", PersonaPolicies.READ_OBJECTS, List.of(d.objects(d.curatedBucket(), curatedPrefix))));
        s.add(Statements.allow("ReadPipelineCode", PersonaPolicies.READ_OBJECTS, List.of(d.objects(d.artifactsBucket(), "pipeline-code/"),
                d.objects(d.artifactsBucket(), "pipelines/" + m.model() + "/"))));
        s.add(Statements.allow("TrainingOutputs", PersonaPolicies.concat(PersonaPolicies.READ_OBJECTS, PersonaPolicies.WRITE_OBJECTS),
                List.of(d.objects(d.artifactsBucket(), "training/" + m.model() + "/"))));
        s.add(Statements.allow("ListData", PersonaPolicies.LIST_BUCKET, List.of(d.curatedBucket(), d.artifactsBucket())));
        s.add(Statements.allow("UsePlatformKey", PersonaPolicies.concat(PersonaPolicies.USE_KEY, List.of("kms:Encrypt", "kms:CreateGrant")),
                List.of(d.platformKey())));
        s.add(Statements.allow("RunJobs", List.of("sagemaker:CreateProcessingJob", "sagemaker:DescribeProcessingJob",
                "sagemaker:StopProcessingJob", "sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob",
                "sagemaker:AddTags"), List.of(a.processingJobs(), a.trainingJobs())));
        s.add(Statements.allow("RegisterVersions", List.of("sagemaker:CreateModelPackage", "sagemaker:DescribeModelPackageGroup",
                "sagemaker:DescribeModelPackage", "sagemaker:AddTags"), List.of(m.modelPackageGroup(), a.sagemaker("model-package/"
                + m.modelPackageGroup().substring(m.modelPackageGroup().lastIndexOf('/') + 1) + "/*"))));
        s.add(Statements.passRole("PassSelfToJobs", List.of(selfArn), "sagemaker.amazonaws.com"));
        s.addAll(ExecutionPolicies.jobRuntime(a));
        return s;
    }
}
