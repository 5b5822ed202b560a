package dev.mlops.delivery.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Arguments of a Processing step: a CreateProcessingJob request without its job name, which the pipeline
 * chooses per execution. Field names and limits follow the API reference (CreateProcessingJob,
 * ProcessingInput, ProcessingS3Input, ProcessingOutputConfig, ProcessingS3Output, NetworkConfig).
 *
 * @param resources          {@code ProcessingResources.ClusterConfig}
 * @param imageUri           {@code AppSpecification.ImageUri}
 * @param entrypoint         {@code AppSpecification.ContainerEntrypoint}, e.g. {@code python3 /opt/ml/processing/input/code/x.py}
 * @param arguments          {@code AppSpecification.ContainerArguments}
 * @param inputs             {@code ProcessingInputs}, downloaded before the container starts
 * @param outputs            {@code ProcessingOutputConfig.Outputs}, uploaded when the container ends
 * @param outputKmsKeyId     {@code ProcessingOutputConfig.KmsKeyId}: the key SageMaker encrypts the outputs with
 * @param environment        {@code Environment}
 * @param network            {@code NetworkConfig}
 * @param maxRuntimeSeconds  {@code StoppingCondition.MaxRuntimeInSeconds}
 * @param roleArn            {@code RoleArn}: the role the job runs with
 */
public record ProcessingJob(ComputeResources resources, Expr imageUri, List<String> entrypoint, List<Expr> arguments,
                            List<Input> inputs, List<Output> outputs, Optional<String> outputKmsKeyId,
                            Map<String, Expr> environment, NetworkConfig network, int maxRuntimeSeconds, String roleArn) {

    /** {@code S3DataType} of a ProcessingS3Input. */
    public enum DataType { S3Prefix, ManifestFile }

    /**
     * One ProcessingInput with its S3Input ({@code S3InputMode} File, {@code S3DataDistributionType}
     * FullyReplicated: every file is downloaded before the script starts).
     *
     * @param name      {@code InputName}, unique within the job
     * @param s3Uri     {@code S3Input.S3Uri}: a key prefix, or a manifest for {@link DataType#ManifestFile}
     * @param localPath {@code S3Input.LocalPath}, under /opt/ml/processing/
     * @param dataType  {@code S3Input.S3DataType}
     */
    public record Input(String name, Expr s3Uri, String localPath, DataType dataType) {
        public Input {
            checkChannelName(name, "ProcessingInput.InputName");
            checkS3Uri(s3Uri, "ProcessingInput " + name + " S3Uri");
            checkLocalPath(localPath, "ProcessingInput " + name + " LocalPath");
            if (dataType == null) {
                throw new IllegalArgumentException("ProcessingInput " + name + " needs an S3DataType");
            }
        }

        public Input(String name, Expr s3Uri, String localPath) {
            this(name, s3Uri, localPath, DataType.S3Prefix);
        }
    }

    /**
     * One ProcessingOutput with its S3Output ({@code S3UploadMode} EndOfJob: the files are uploaded once the
     * script has finished, so a failed script publishes nothing).
     *
     * @param name      {@code OutputName}, unique within the job; property references use it
     * @param s3Uri     {@code S3Output.S3Uri}, without a trailing '/': later steps append "/file" to it
     * @param localPath {@code S3Output.LocalPath}, under /opt/ml/processing/
     */
    public record Output(String name, Expr s3Uri, String localPath) {
        public Output {
            checkChannelName(name, "ProcessingOutput.OutputName");
            checkS3Uri(s3Uri, "ProcessingOutput " + name + " S3Uri");
            checkLocalPath(localPath, "ProcessingOutput " + name + " LocalPath");
            if (lastLiteral(s3Uri).endsWith("/")) {
                throw new IllegalArgumentException("ProcessingOutput " + name + " S3Uri must not end with '/'"
                        + " (references append \"/<file>\" to it, and S3 keys with '//' are different keys)");
            }
        }
    }

    public ProcessingJob {
        if (resources == null || network == null) {
            throw new IllegalArgumentException("a processing job needs its resources and network configuration");
        }
        Constraints.range(resources.instanceCount(), 1, Constraints.MAX_PROCESSING_INSTANCES, "ClusterConfig.InstanceCount");
        Constraints.range(resources.volumeSizeInGb(), 1, Constraints.MAX_PROCESSING_VOLUME_GB, "ClusterConfig.VolumeSizeInGB");
        Expr.requireType(imageUri, Expr.ValueType.STRING, "AppSpecification.ImageUri");
        Constraints.literal(imageUri, v -> Constraints.maxLength(v, Constraints.MAX_IMAGE, "AppSpecification.ImageUri"));
        entrypoint = List.copyOf(entrypoint);
        arguments = List.copyOf(arguments);
        Constraints.size(entrypoint, 1, Constraints.MAX_CONTAINER_ITEMS, "AppSpecification.ContainerEntrypoint");
        entrypoint.forEach(item -> Constraints.maxLength(item, Constraints.MAX_CONTAINER_ITEM, "ContainerEntrypoint item"));
        if (!arguments.isEmpty()) {
            Constraints.size(arguments, 1, Constraints.MAX_CONTAINER_ITEMS, "AppSpecification.ContainerArguments");
        }
        for (Expr argument : arguments) {
            Expr.requireType(argument, Expr.ValueType.STRING, "ContainerArguments item");
            Constraints.literal(argument, v -> Constraints.maxLength(v, Constraints.MAX_CONTAINER_ITEM, "ContainerArguments item"));
        }
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        Constraints.size(inputs, 0, Constraints.MAX_PROCESSING_IO, "ProcessingInputs");
        Constraints.size(outputs, 0, Constraints.MAX_PROCESSING_IO, "ProcessingOutputConfig.Outputs");
        Constraints.unique(inputs.stream().map(Input::name).toList(), "ProcessingInput name");
        Constraints.unique(outputs.stream().map(Output::name).toList(), "ProcessingOutput name");
        List<String> localPaths = new ArrayList<>();
        inputs.forEach(i -> localPaths.add(i.localPath()));
        outputs.forEach(o -> localPaths.add(o.localPath()));
        Constraints.unique(localPaths, "LocalPath");
        outputKmsKeyId.ifPresent(key -> Constraints.matches(key, Constraints.KMS_KEY_ARN, "ProcessingOutputConfig.KmsKeyId", "a KMS key ARN"));
        if (outputKmsKeyId.isPresent() && outputs.isEmpty()) {
            throw new IllegalArgumentException("ProcessingOutputConfig.KmsKeyId is given but the job has no outputs");
        }
        environment = java.util.Collections.unmodifiableMap(new TreeMap<>(environment));
        Constraints.size(environment, Constraints.MAX_ENVIRONMENT, "Environment");
        environment.forEach((key, value) -> {
            Constraints.matches(key, Constraints.ENVIRONMENT_KEY, "Environment key", "an environment variable name");
            Expr.requireType(value, Expr.ValueType.STRING, "Environment " + key);
            Constraints.literal(value, v -> Constraints.maxLength(v, Constraints.MAX_ENVIRONMENT_VALUE, "Environment " + key));
        });
        Constraints.range(maxRuntimeSeconds, 1, Constraints.MAX_PROCESSING_RUNTIME, "StoppingCondition.MaxRuntimeInSeconds");
        Constraints.matches(roleArn, Constraints.ROLE_ARN, "RoleArn", "an IAM role ARN");
    }

    /** The output called {@code name}. */
    public Output output(String name) {
        return outputs.stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the job has no output \"" + name + "\""));
    }

    /** The input called {@code name}. */
    public Input input(String name) {
        return inputs.stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the job has no input \"" + name + "\""));
    }

    /** Every value in the job, for reference checks. */
    List<Expr> values() {
        List<Expr> all = new ArrayList<>();
        all.add(resources.instanceType());
        all.add(imageUri);
        all.addAll(arguments);
        inputs.forEach(i -> all.add(i.s3Uri()));
        outputs.forEach(o -> all.add(o.s3Uri()));
        all.addAll(environment.values());
        return all;
    }

    private static final java.util.regex.Pattern CHANNEL = java.util.regex.Pattern.compile("[A-Za-z0-9_\\-]{1,64}");

    /** The API sets no pattern on InputName/OutputName; property references quote them, so we keep to a safe set. */
    static void checkChannelName(String name, String what) {
        Constraints.matches(name, CHANNEL, what, "1 to 64 letters, digits, '-' and '_'");
    }

    static void checkS3Uri(Expr uri, String what) {
        Expr.requireType(uri, Expr.ValueType.STRING, what);
        Constraints.literal(uri, v -> {
            Constraints.matches(v, Constraints.S3_URI, what, "an s3:// URI");
            Constraints.maxLength(v, Constraints.MAX_S3_URI, what);
        });
        if (uri instanceof Expr.Join join && join.values().get(0) instanceof Expr.Text first
                && !first.value().startsWith("s3://")) {
            throw new IllegalArgumentException(what + " must start with s3://, not " + Constraints.quote(first.value()));
        }
    }

    static void checkLocalPath(String path, String what) {
        Constraints.notBlank(path, what);
        Constraints.maxLength(path, Constraints.MAX_LOCAL_PATH, what);
        if (!path.startsWith(Constraints.PROCESSING_ROOT) || path.contains("..")) {
            throw new IllegalArgumentException(what + " " + Constraints.quote(path) + " must be under "
                    + Constraints.PROCESSING_ROOT + " (CreateProcessingJob requires it)");
        }
    }

    private static String lastLiteral(Expr uri) {
        if (uri instanceof Expr.Text text) {
            return text.value();
        }
        if (uri instanceof Expr.Join join && join.values().get(join.values().size() - 1) instanceof Expr.Text text) {
            return text.value();
        }
        return "";
    }
}
