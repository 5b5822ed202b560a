package dev.mlops.access;

import dev.mlops.config.DataSourceSettings;
import dev.mlops.data.DataLakeArns;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * What SageMaker may do on a person's or a pipeline's behalf. A Studio execution role carries its persona's
 * own statements (a notebook is a person at work: same data, same denies) plus what Studio apps need to
 * run; the data-pipeline role reads the sources and raw data and writes raw, curated and quarantine.
 */
public final class ExecutionPolicies {

    private ExecutionPolicies() {
    }

    /** The Studio execution role of {@code persona}. */
    public static List<IamStatement> studio(Persona persona, PersonaPolicies.Context c) {
        List<IamStatement> s = new ArrayList<>(PersonaPolicies.of(persona, c).stream()
                .filter(statement -> !"OpenOwnStudio".equals(statement.sid())).toList());
        ArnPatterns a = c.arns();
        s.add(Statements.allow("StudioApps", List.of("sagemaker:CreateApp", "sagemaker:DeleteApp", "sagemaker:DescribeApp",
                "sagemaker:CreateSpace", "sagemaker:UpdateSpace", "sagemaker:DeleteSpace", "sagemaker:DescribeSpace",
                "sagemaker:AddTags"), List.of(a.apps(), a.spaces())));
        s.add(Statements.allow("StudioRead", List.of("sagemaker:DescribeDomain", "sagemaker:DescribeUserProfile"),
                List.of(a.sagemaker("domain/*"), a.userProfiles())));
        s.add(Statements.allow("StudioList", List.of("sagemaker:ListApps", "sagemaker:ListSpaces"), List.of("*")));
        s.add(Statements.allow("StudioLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
                List.of(a.logGroup("/aws/sagemaker/studio:*"))));
        if (persona == Persona.DATA_SCIENTIST) {
            // The service authorization reference lists no resource type for AccessUI: it takes only "*". The UI
            // still opens only through a presigned URL of one of this stack's tracking servers.
            s.add(Statements.allow("OpenTrackingUi", List.of("sagemaker-mlflow:AccessUI"), List.of("*")));
            s.add(Statements.allow("TrackExperiments", List.of("sagemaker-mlflow:CreateExperiment",
                    "sagemaker-mlflow:SearchExperiments", "sagemaker-mlflow:GetExperiment", "sagemaker-mlflow:GetExperimentByName",
                    "sagemaker-mlflow:UpdateExperiment", "sagemaker-mlflow:CreateRun", "sagemaker-mlflow:UpdateRun",
                    "sagemaker-mlflow:GetRun", "sagemaker-mlflow:SearchRuns", "sagemaker-mlflow:LogMetric",
                    "sagemaker-mlflow:LogParam", "sagemaker-mlflow:LogBatch", "sagemaker-mlflow:LogModel",
                    "sagemaker-mlflow:LogInputs", "sagemaker-mlflow:SetTag", "sagemaker-mlflow:SetExperimentTag",
                    "sagemaker-mlflow:ListArtifacts", "sagemaker-mlflow:GetMetricHistory"), List.of(a.mlflowTrackingServers())));
            s.add(Statements.allow("ExperimentJobs", List.of("sagemaker:CreateTrainingJob", "sagemaker:DescribeTrainingJob",
                    "sagemaker:StopTrainingJob", "sagemaker:CreateProcessingJob", "sagemaker:DescribeProcessingJob",
                    "sagemaker:StopProcessingJob"), List.of(a.trainingJobs(), a.processingJobs())));
            // Jobs run as a training pipeline's role, never as a role of the scientist's choosing.
            s.add(Statements.passRole("PassTrainingRoleOnly", List.of(a.roles("*-training-")), "sagemaker.amazonaws.com"));
        }
        return s;
    }

    /** The role the data pipelines and their processing jobs run as. */
    public static List<IamStatement> dataPipeline(ArnPatterns a, DataLakeArns d, List<DataSourceSettings> sources, String selfArn) {
        List<IamStatement> s = new ArrayList<>();
        s.add(Statements.allow("RawDataReadWrite", PersonaPolicies.concat(PersonaPolicies.READ_OBJECTS, PersonaPolicies.WRITE_OBJECTS),
                List.of(d.objects(d.rawBucket()))));
        s.add(Statements.allow("PublishCurated", PersonaPolicies.concat(PersonaPolicies.READ_OBJECTS, PersonaPolicies.WRITE_OBJECTS),
                List.of(d.objects(d.curatedBucket()))));
        s.add(Statements.allow("ReadPipelineCode", PersonaPolicies.READ_OBJECTS, List.of(d.objects(d.artifactsBucket(), "pipeline-code/"),
                d.objects(d.artifactsBucket(), "pipeline-config/"))));
        s.add(Statements.allow("ListDataBuckets", PersonaPolicies.LIST_BUCKET, List.of(d.rawBucket(), d.curatedBucket(), d.artifactsBucket())));
        s.add(Statements.allow("UseDataKeys", PersonaPolicies.concat(PersonaPolicies.USE_KEY, List.of("kms:Encrypt", "kms:CreateGrant")),
                d.keys()));
        if (!sources.isEmpty()) {
            s.add(Statements.allow("ReadSources", PersonaPolicies.READ_OBJECTS, sources.stream().map(ExecutionPolicies::objectsOf).toList()));
            s.add(Statements.allow("ListSources", List.of("s3:ListBucket"), sources.stream().map(ExecutionPolicies::bucketOf).distinct().toList()));
        }
        s.add(Statements.allow("RunProcessingJobs", List.of("sagemaker:CreateProcessingJob", "sagemaker:DescribeProcessingJob",
                "sagemaker:StopProcessingJob", "sagemaker:AddTags"), List.of(a.processingJobs())));
        s.add(Statements.passRole("PassSelfToProcessingJobs", List.of(selfArn), "sagemaker.amazonaws.com"));
        s.addAll(jobRuntime(a));
        return s;
    }

    /** What every SageMaker job in the VPC needs: images, logs, and network interfaces in the private subnets. */
    public static List<IamStatement> jobRuntime(ArnPatterns a) {
        return List.of(
                Statements.allow("PullImages", List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"),
                        List.of("arn:aws:ecr:" + a.region() + ":*:repository/*")),
                Statements.allow("RegistryLogin", List.of("ecr:GetAuthorizationToken"), List.of("*")),
                Statements.allow("JobLogs", List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
                        "logs:DescribeLogStreams"), List.of(a.logGroup("/aws/sagemaker/*"))),
                Statements.allow("JobMetrics", List.of("cloudwatch:PutMetricData"), List.of("*")),
                // VPC jobs attach network interfaces; EC2 grants these only on all resources.
                Statements.allow("JobNetworkInterfaces", List.of("ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission",
                        "ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission", "ec2:DescribeNetworkInterfaces",
                        "ec2:DescribeVpcs", "ec2:DescribeDhcpOptions", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"), List.of("*")));
    }

    /**
     * The role SageMaker runs endpoint model containers as: pull the image (the region's built-in algorithm images
     * live in AWS accounts), read the trained model artifacts, decrypt them, write data capture, log, and attach to
     * the VPC. SageMaker writes an endpoint's captured requests and responses with the execution role of the model
     * (CreateModel's ExecutionRoleArn), and encrypts them with the endpoint configuration's capture key, whose use that
     * role must be granted (DataCaptureConfig.KmsKeyId).
     *
     * @param modelArtifacts the artifact objects of this stack and of a stack it promotes from ({@code .../training/*})
     * @param keys           the keys those artifacts are encrypted with
     * @param capture        where data capture is written ({@code arn:aws:s3:::<capture bucket>/capture/*})
     * @param captureKey     the key data capture is encrypted with
     */
    public static List<IamStatement> endpointModels(ArnPatterns a, List<String> modelArtifacts, List<String> keys, String capture,
                                                    String captureKey) {
        return List.of(
                Statements.allow("WriteDataCapture", List.of("s3:PutObject", "s3:AbortMultipartUpload"), List.of(capture)),
                Statements.allow("EncryptDataCapture", List.of("kms:GenerateDataKey", "kms:Encrypt"), List.of(captureKey)),
                Statements.allow("PullImages", List.of("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"),
                        List.of("arn:aws:ecr:" + a.region() + ":*:repository/*")),
                Statements.allow("RegistryLogin", List.of("ecr:GetAuthorizationToken"), List.of("*")),
                Statements.allow("ReadModelArtifacts", List.of("s3:GetObject"), modelArtifacts),
                Statements.allow("DecryptModelArtifacts", List.of("kms:Decrypt", "kms:DescribeKey"), keys),
                Statements.allow("EndpointLogs", List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
                        "logs:DescribeLogStreams"), List.of(a.logGroup("/aws/sagemaker/Endpoints/*"))),
                // Endpoints in a VPC attach network interfaces; EC2 grants these only on all resources.
                Statements.allow("EndpointNetworkInterfaces", List.of("ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission",
                        "ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission", "ec2:DescribeNetworkInterfaces",
                        "ec2:DescribeVpcs", "ec2:DescribeDhcpOptions", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"), List.of("*")));
    }

    /**
     * The MLflow tracking server's role: its artifact store under artifacts/mlflow/, and registering models into
     * this stack's model package groups (MLflow's automatic registration).
     */
    public static List<IamStatement> mlflowServer(ArnPatterns a, DataLakeArns d) {
        return List.of(
                Statements.allow("ArtifactStore", PersonaPolicies.concat(PersonaPolicies.READ_OBJECTS, PersonaPolicies.WRITE_OBJECTS,
                        List.of("s3:DeleteObject")), List.of(d.objects(d.artifactsBucket(), "mlflow/"))),
                Statements.allow("ListArtifactStore", PersonaPolicies.LIST_BUCKET, List.of(d.artifactsBucket())),
                Statements.allow("UsePlatformKey", PersonaPolicies.concat(PersonaPolicies.USE_KEY, List.of("kms:Encrypt")),
                        List.of(d.platformKey())),
                Statements.allow("RegisterModels", List.of("sagemaker:CreateModelPackageGroup", "sagemaker:CreateModelPackage",
                        "sagemaker:DescribeModelPackageGroup", "sagemaker:DescribeModelPackage", "sagemaker:AddTags"),
                        List.of(a.modelPackageGroups(), a.modelPackages())));
    }

    /** The role EventBridge Scheduler uses to start the data pipelines on their schedules, and to park what it cannot deliver. */
    public static List<IamStatement> startDataPipelines(ArnPatterns a, String deadLetterQueueArn) {
        return List.of(Statements.allow("StartDataPipelines", List.of("sagemaker:StartPipelineExecution"), List.of(a.dataPipelines())),
                Statements.allow("DeadLetters", List.of("sqs:SendMessage"), List.of(deadLetterQueueArn)));
    }

    static String bucketOf(DataSourceSettings source) {
        String rest = source.sourceUri().substring("s3://".length());
        int slash = rest.indexOf('/');
        return "arn:aws:s3:::" + (slash < 0 ? rest : rest.substring(0, slash));
    }

    /** {@code s3://bucket/prefix/} reads {@code arn:aws:s3:::bucket/prefix/*}; a bare bucket, every object in it. */
    static String objectsOf(DataSourceSettings source) {
        String rest = source.sourceUri().substring("s3://".length());
        return "arn:aws:s3:::" + (rest.contains("/") ? rest : rest + "/") + "*";
    }
}
