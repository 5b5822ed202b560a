package dev.mlops.delivery.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Arguments of a Training step: a CreateTrainingJob request without its job name. Field names and limits
 * follow the API reference (CreateTrainingJob, AlgorithmSpecification, Channel, S3DataSource, OutputDataConfig,
 * ResourceConfig, StoppingCondition, VpcConfig).
 *
 * @param trainingImage     {@code AlgorithmSpecification.TrainingImage} (input mode File)
 * @param hyperParameters   {@code HyperParameters}, passed to the algorithm as they are
 * @param channels          {@code InputDataConfig}
 * @param outputPath        {@code OutputDataConfig.S3OutputPath}: SageMaker writes {@code <job>/output/model.tar.gz} under it
 * @param outputKmsKeyId    {@code OutputDataConfig.KmsKeyId}
 * @param resources         {@code ResourceConfig}
 * @param maxRuntimeSeconds {@code StoppingCondition.MaxRuntimeInSeconds}
 * @param network           {@code EnableNetworkIsolation}, {@code EnableInterContainerTrafficEncryption}, {@code VpcConfig}
 * @param roleArn           {@code RoleArn}
 */
public record TrainingJob(Expr trainingImage, Map<String, String> hyperParameters, List<Channel> channels, Expr outputPath,
                          Optional<String> outputKmsKeyId, ComputeResources resources, int maxRuntimeSeconds,
                          NetworkConfig network, String roleArn) {

    /**
     * One InputDataConfig channel reading an S3 prefix in File mode, every file on every instance
     * ({@code S3DataDistributionType} FullyReplicated).
     *
     * @param name        {@code ChannelName}, e.g. train, validation
     * @param s3Uri       {@code DataSource.S3DataSource.S3Uri}
     * @param contentType {@code ContentType}, e.g. text/csv
     */
    public record Channel(String name, Expr s3Uri, String contentType) {
        public Channel {
            Constraints.matches(name, Constraints.CHANNEL_NAME, "ChannelName", "1 to 64 letters, digits, '.', '-' and '_'");
            ProcessingJob.checkS3Uri(s3Uri, "channel " + name + " S3Uri");
            Constraints.notBlank(contentType, "channel " + name + " ContentType");
            Constraints.maxLength(contentType, 256, "channel " + name + " ContentType");
        }
    }

    public TrainingJob {
        Expr.requireType(trainingImage, Expr.ValueType.STRING, "AlgorithmSpecification.TrainingImage");
        Constraints.literal(trainingImage, v -> Constraints.maxLength(v, Constraints.MAX_IMAGE, "TrainingImage"));
        hyperParameters = java.util.Collections.unmodifiableMap(new TreeMap<>(hyperParameters));
        Constraints.size(hyperParameters, Constraints.MAX_HYPERPARAMETERS, "HyperParameters");
        hyperParameters.forEach((key, value) -> {
            Constraints.notBlank(key, "hyperparameter name");
            Constraints.maxLength(key, Constraints.MAX_HYPERPARAMETER_KEY, "hyperparameter name " + key);
            Constraints.maxLength(value, Constraints.MAX_HYPERPARAMETER_VALUE, "hyperparameter " + key);
        });
        channels = List.copyOf(channels);
        Constraints.size(channels, 1, 20, "InputDataConfig");
        Constraints.unique(channels.stream().map(Channel::name).toList(), "channel");
        ProcessingJob.checkS3Uri(outputPath, "OutputDataConfig.S3OutputPath");
        outputKmsKeyId.ifPresent(key -> Constraints.matches(key, Constraints.KMS_KEY_ARN, "OutputDataConfig.KmsKeyId", "a KMS key ARN"));
        if (resources == null || network == null) {
            throw new IllegalArgumentException("a training job needs its resources and network configuration");
        }
        Constraints.range(maxRuntimeSeconds, 1, Constraints.MAX_TRAINING_RUNTIME, "StoppingCondition.MaxRuntimeInSeconds");
        Constraints.matches(roleArn, Constraints.ROLE_ARN, "RoleArn", "an IAM role ARN");
    }

    /** Every value in the job, for reference checks. */
    List<Expr> values() {
        List<Expr> all = new ArrayList<>();
        all.add(trainingImage);
        channels.forEach(c -> all.add(c.s3Uri()));
        all.add(outputPath);
        all.add(resources.instanceType());
        return all;
    }
}
