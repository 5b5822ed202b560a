package dev.mlops.delivery.pipeline;

import static dev.mlops.delivery.pipeline.Expr.concat;
import static dev.mlops.delivery.pipeline.Expr.text;

import dev.mlops.config.ModelSettings;
import dev.mlops.config.ModelSettings.TrainingImage.Kind;
import dev.mlops.delivery.pipeline.Expr.ExecutionVariable;
import dev.mlops.delivery.pipeline.Expr.Get;
import dev.mlops.delivery.pipeline.Parameter.FloatParameter;
import dev.mlops.delivery.pipeline.Parameter.IntegerParameter;
import dev.mlops.delivery.pipeline.Parameter.StringParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The training pipeline of one model: Preprocess → Train → Evaluate → CheckQuality → Register, or
 * QualityGateFailed when the evaluation misses a threshold.
 * <ul>
 *   <li><b>Preprocess</b> (scikit-learn image, {@code pipelines/training/preprocess.py}) reads the curated data,
 *       puts the target column first, drops the header (the CSV layout built-in XGBoost trains on) and splits
 *       the rows 70/15/15 into train, validation and test, with a fixed seed.</li>
 *   <li><b>Train</b> runs the region's built-in XGBoost, the model's own image (tagged with {@code ImageTag}), or
 *       the configured ECR image, with the model's hyperparameters on the train and validation channels.</li>
 *   <li><b>Evaluate</b> (XGBoost image, {@code pipelines/training/evaluate.py}) predicts the test split and writes
 *       {@code evaluation.json} in the layout of SageMaker's model quality reports
 *       ({@code regression_metrics.{mse,rmse,mae,r2}.value}); it is the {@code EvaluationReport} property file.</li>
 *   <li><b>CheckQuality</b> requires RMSE ≤ MaxRmse, MAE ≤ MaxMae (when the model sets it) and R² ≥ MinR2.</li>
 *   <li><b>Register</b> adds a version to the model's package group with the report as its model quality
 *       statistics and ModelTag, TriggerType (and, for own images, GitCommit) as customer metadata, which the
 *       versioning function reads.</li>
 * </ul>
 * Every job runs in the VPC with its volume and outputs encrypted by the platform key; the jobs that run this
 * repository's scripts or the built-in algorithm also run network-isolated. A model's own image may need the
 * network (for example to log to the MLflow tracking server), so its training job is confined by the VPC only.
 */
public final class TrainingPipeline {

    public static final String INPUT_DATA = "InputData";
    public static final String MODEL_TAG = "ModelTag";
    public static final String TRIGGER_TYPE = "TriggerType";
    public static final String TRAINING_INSTANCE_TYPE = "TrainingInstanceType";
    public static final String PROCESSING_INSTANCE_TYPE = "ProcessingInstanceType";
    public static final String MAX_RMSE = "MaxRmse";
    public static final String MAX_MAE = "MaxMae";
    public static final String MIN_R2 = "MinR2";
    public static final String MODEL_APPROVAL_STATUS = "ModelApprovalStatus";
    public static final String IMAGE_TAG = "ImageTag";

    /** What started an execution; the model-versioning function reads it from the package's metadata. */
    public static final List<String> TRIGGER_TYPES = List.of("code-change", "scheduled", "new-data", "drift");
    /** Used when an execution of an own-container model does not pass ImageTag (delivery always passes the commit). */
    public static final String DEFAULT_IMAGE_TAG = "latest";

    public static final String PREPROCESS = "Preprocess";
    public static final String TRAIN = "Train";
    public static final String EVALUATE = "Evaluate";
    public static final String CHECK_QUALITY = "CheckQuality";
    public static final String REGISTER = "Register";
    public static final String QUALITY_GATE_FAILED = "QualityGateFailed";

    public static final String EVALUATION_REPORT = "EvaluationReport";
    public static final String EVALUATION_FILE = "evaluation.json";

    static final String CODE_DIR = "/opt/ml/processing/input/code";
    static final int VOLUME_GB = 30;
    static final int PROCESSING_RUNTIME_SECONDS = 2 * 3600;
    static final String SPLIT_SEED = "42";
    static final String HOLDOUT_FRACTION = "0.15";

    private TrainingPipeline() {
    }

    public static GeneratedPipeline generate(ModelSettings model, TrainingPipelineInputs in) {
        Kind kind = model.training().image().kind();
        if (kind == Kind.OWN_CONTAINER && in.modelImageRepository().isEmpty()) {
            throw new IllegalArgumentException("model " + model.name() + " trains with its own container, so modelImageRepository is required");
        }
        if (kind == Kind.BUILTIN_XGBOOST && !model.training().hyperparameters().containsKey("num_round")) {
            throw new IllegalArgumentException("model " + model.name() + ": built-in XGBoost requires the hyperparameter num_round"
                    + " (hyperparameters given: " + model.training().hyperparameters().keySet() + ")");
        }

        StringParameter inputData = new StringParameter(INPUT_DATA, "s3://" + in.curatedBucket() + "/" + model.curatedPrefix());
        IntegerParameter modelTag = new IntegerParameter(MODEL_TAG, model.tag());
        StringParameter triggerType = new StringParameter(TRIGGER_TYPE, "code-change", TRIGGER_TYPES);
        StringParameter trainingType = new StringParameter(TRAINING_INSTANCE_TYPE, model.training().instanceType());
        StringParameter processingType = new StringParameter(PROCESSING_INSTANCE_TYPE, model.training().processingInstanceType());
        FloatParameter maxRmse = new FloatParameter(MAX_RMSE, model.thresholds().maxRmse());
        Optional<FloatParameter> maxMae = model.thresholds().maxMae().map(v -> new FloatParameter(MAX_MAE, v));
        FloatParameter minR2 = new FloatParameter(MIN_R2, model.thresholds().minR2());
        StringParameter approval = new StringParameter(MODEL_APPROVAL_STATUS, "PendingManualApproval",
                List.of("PendingManualApproval", "Approved", "Rejected"));
        Optional<StringParameter> imageTag = kind == Kind.OWN_CONTAINER
                ? Optional.of(new StringParameter(IMAGE_TAG, DEFAULT_IMAGE_TAG)) : Optional.empty();

        List<Parameter> parameters = new ArrayList<>(List.of(inputData, modelTag, triggerType, trainingType, processingType, maxRmse));
        maxMae.ifPresent(parameters::add);
        parameters.add(minR2);
        parameters.add(approval);
        imageTag.ifPresent(parameters::add);

        Paths paths = new Paths(in.artifactsBucket(), model.name());
        NetworkConfig isolated = new NetworkConfig(true, true, in.vpc());
        Optional<String> key = Optional.of(in.kmsKeyArn());
        String xgboost = BuiltInImages.xgboost(in.region());
        Expr modelImage = switch (kind) {
            case BUILTIN_XGBOOST -> text(xgboost);
            case OWN_CONTAINER -> concat(in.modelImageRepository().orElseThrow() + ":", imageTag.orElseThrow().ref());
            case ECR_IMAGE -> text(model.training().image().uri().orElseThrow());
        };

        Step preprocess = new Step.ProcessingStep(PREPROCESS,
                Optional.of("Puts the target column " + model.targetColumn() + " first, drops the header and splits the rows"
                        + " into train, validation and test"),
                List.of(),
                new ProcessingJob(
                        new ComputeResources(processingType.ref(), 1, VOLUME_GB, key),
                        text(BuiltInImages.sklearn(in.region())),
                        List.of("python3", CODE_DIR + "/preprocess.py"),
                        texts("--input-dir", "/opt/ml/processing/input/data", "--output-dir", "/opt/ml/processing/output",
                                "--target", model.targetColumn(), "--validation-fraction", HOLDOUT_FRACTION,
                                "--test-fraction", HOLDOUT_FRACTION, "--seed", SPLIT_SEED),
                        List.of(code(in, PipelineCode.PREPROCESS),
                                new ProcessingJob.Input("data", inputData.ref(), "/opt/ml/processing/input/data")),
                        List.of(output("train", paths.run("train")), output("validation", paths.run("validation")),
                                output("test", paths.run("test")), output("features", paths.run("features"))),
                        key, Map.of(), isolated, PROCESSING_RUNTIME_SECONDS, in.roleArn()),
                List.of());

        Step train = new Step.TrainingStep(TRAIN,
                Optional.of("Trains " + model.name() + " on the train split, validating on the validation split"),
                List.of(),
                new TrainingJob(
                        modelImage,
                        model.training().hyperparameters(),
                        List.of(new TrainingJob.Channel("train", Get.processingOutputUri(PREPROCESS, "train"), "text/csv"),
                                new TrainingJob.Channel("validation", Get.processingOutputUri(PREPROCESS, "validation"), "text/csv")),
                        paths.run(MODEL_OUTPUT),
                        key,
                        new ComputeResources(trainingType.ref(), model.training().instanceCount(), VOLUME_GB, key),
                        model.training().maxRuntimeMinutes() * 60,
                        new NetworkConfig(kind == Kind.BUILTIN_XGBOOST, true, in.vpc()),
                        in.roleArn()));

        Get modelArtifacts = Get.step(TRAIN, "ModelArtifacts.S3ModelArtifacts");
        Get evaluationOutput = Get.processingOutputUri(EVALUATE, "evaluation");
        Step evaluate = new Step.ProcessingStep(EVALUATE,
                Optional.of("Predicts the test split and writes MSE, RMSE, MAE and R2 as a model quality report"),
                List.of(),
                new ProcessingJob(
                        new ComputeResources(processingType.ref(), 1, VOLUME_GB, key),
                        text(xgboost),
                        List.of("python3", CODE_DIR + "/evaluate.py"),
                        texts("--model-dir", "/opt/ml/processing/input/model", "--test-dir", "/opt/ml/processing/input/test",
                                "--features", "/opt/ml/processing/input/features/features.json",
                                "--output-dir", "/opt/ml/processing/output/evaluation"),
                        List.of(code(in, PipelineCode.EVALUATE),
                                new ProcessingJob.Input("model", modelArtifacts, "/opt/ml/processing/input/model"),
                                new ProcessingJob.Input("test", Get.processingOutputUri(PREPROCESS, "test"), "/opt/ml/processing/input/test"),
                                new ProcessingJob.Input("features", Get.processingOutputUri(PREPROCESS, "features"),
                                        "/opt/ml/processing/input/features")),
                        List.of(output("evaluation", paths.run("evaluation"))),
                        key, Map.of(), isolated, PROCESSING_RUNTIME_SECONDS, in.roleArn()),
                List.of(new PropertyFile(EVALUATION_REPORT, "evaluation", EVALUATION_FILE)));

        Map<String, Expr> metadata = new LinkedHashMap<>();
        metadata.put("ModelTag", concat(modelTag.ref()));
        metadata.put("TriggerType", triggerType.ref());
        imageTag.ifPresent(tag -> metadata.put("GitCommit", tag.ref()));
        Step register = new Step.RegisterModelStep(REGISTER,
                Optional.of("Registers the model in package group " + in.modelPackageGroupName() + " with its evaluation"),
                List.of(),
                new ModelPackage(
                        in.modelPackageGroupName(),
                        Optional.of(packageDescription(model)),
                        List.of(new ModelPackage.Container(modelImage, modelArtifacts)),
                        List.of("text/csv"),
                        List.of("text/csv"),
                        approval.ref(),
                        Optional.of(new ModelPackage.MetricsSource("application/json", concat(evaluationOutput, "/" + EVALUATION_FILE))),
                        metadata,
                        Optional.of("MACHINE_LEARNING"),
                        Optional.of("REGRESSION")));

        List<Condition> conditions = new ArrayList<>();
        conditions.add(Condition.atMost(metric("rmse"), maxRmse.ref()));
        maxMae.ifPresent(mae -> conditions.add(Condition.atMost(metric("mae"), mae.ref())));
        conditions.add(Condition.atLeast(metric("r2"), minR2.ref()));

        List<Object> reason = new ArrayList<>(List.of("Model " + model.name() + " was not registered: its evaluation on the test split"
                + " must reach RMSE <= ", maxRmse.ref()));
        maxMae.ifPresent(mae -> reason.addAll(List.of(", MAE <= ", mae.ref())));
        reason.addAll(List.of(" and R2 >= ", minR2.ref(), "; the figures it reached are in ", evaluationOutput, "/" + EVALUATION_FILE));
        Step failed = new Step.FailStep(QUALITY_GATE_FAILED, Optional.of("Stops the execution when the evaluation misses a threshold"),
                List.of(), concat(reason.toArray()));

        Step check = new Step.ConditionStep(CHECK_QUALITY,
                Optional.of("Registers the model only if every quality threshold holds"),
                List.of(), conditions, List.of(register), List.of(failed));

        PipelineDefinition definition = new PipelineDefinition(parameters, preprocess, train, evaluate, check);
        List<S3Upload> uploads = uploads(in.artifactsBucket(), in.code());
        return new GeneratedPipeline(model.pipelineNameFor(in.namePrefix()), definition, uploads);
    }

    /**
     * What every training pipeline reads and its component must upload first, in {@code artifactsBucket}: the same
     * list {@link #generate} returns, known before the pipeline's other inputs are.
     */
    public static List<S3Upload> uploads(String artifactsBucket, PipelineCode code) {
        return List.of(S3Upload.file(artifactsBucket, code.key(PipelineCode.PREPROCESS), PipelineCode.PREPROCESS, "text/x-python"),
                S3Upload.file(artifactsBucket, code.key(PipelineCode.EVALUATE), PipelineCode.EVALUATE, "text/x-python"));
    }

    /** A metric of the evaluation report, e.g. {@code regression_metrics.rmse.value}. */
    private static Expr metric(String name) {
        return new Expr.JsonGet(EVALUATE, EVALUATION_REPORT, "regression_metrics." + name + ".value");
    }

    private static String packageDescription(ModelSettings model) {
        String text = model.description().orElse("Regression model " + model.name()).strip().replaceAll("\\s+", " ");
        return text + " (model tag " + model.tag() + ", target " + model.targetColumn() + ")";
    }

    /**
     * The object keys of the model artifacts every execution of {@code model}'s pipeline writes (the Train step's
     * output, {@code training/<model>/<execution id>/model/<training job>/output/model.tar.gz}), as an IAM key pattern:
     * what a registered version's {@code ModelDataUrl} points into, and what another account deploying it reads.
     */
    public static String modelArtifactKeys(String model) {
        return TRAINING_PREFIX + model + "/*/" + MODEL_OUTPUT + "/*";
    }

    static final String TRAINING_PREFIX = "training/";
    static final String MODEL_OUTPUT = "model";

    /** Where one execution writes: {@code s3://<artifacts>/training/<model>/<execution id>/<leaf>}. */
    private record Paths(String bucket, String model) {
        Expr run(String leaf) {
            return concat("s3://" + bucket + "/" + TRAINING_PREFIX + model + "/", Get.execution(ExecutionVariable.PipelineExecutionId), "/" + leaf);
        }
    }

    static ProcessingJob.Output output(String name, Expr uri) {
        return new ProcessingJob.Output(name, uri, "/opt/ml/processing/output/" + name);
    }

    static ProcessingJob.Input code(TrainingPipelineInputs in, String script) {
        return new ProcessingJob.Input("code", text(script(in, script).uri()), CODE_DIR);
    }

    private static S3Upload script(TrainingPipelineInputs in, String script) {
        return S3Upload.file(in.artifactsBucket(), in.code().key(script), script, "text/x-python");
    }

    static List<Expr> texts(String... values) {
        return java.util.Arrays.stream(values).<Expr>map(Expr::text).toList();
    }
}
