package dev.mlops.delivery;

import com.pulumi.core.Output;
import dev.mlops.access.ArnPatterns;
import dev.mlops.config.ModelSettings;
import dev.mlops.data.DataLakeArns;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * @param model             the model delivered
 * @param arns              name patterns of this stack's resources
 * @param data              the data lake's ARNs
 * @param curatedBucket     training data
 * @param artifactsBucket   pipeline artifacts, code, model artifacts
 * @param kmsKeyArn         the platform key
 * @param subnetIds         private subnets the training jobs run in
 * @param securityGroupId   the workloads security group
 * @param modelPackageGroup the model's package group name
 * @param definition        writes the training pipeline's definition once its inputs are known
 * @param retain            protect the image repository and the CodeCommit repository
 */
public record ModelDeliveryArgs(ModelSettings model, ArnPatterns arns, Output<DataLakeArns> data, Output<String> curatedBucket,
                                Output<String> artifactsBucket, Output<String> kmsKeyArn, Output<List<String>> subnetIds,
                                Output<String> securityGroupId, String modelPackageGroup,
                                Function<TrainingInputs, String> definition, boolean retain) {
    public ModelDeliveryArgs {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(arns, "arns");
        Objects.requireNonNull(definition, "definition");
    }
}
