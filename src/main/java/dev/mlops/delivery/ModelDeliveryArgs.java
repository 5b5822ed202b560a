package dev.mlops.delivery;

import com.pulumi.core.Output;
import dev.mlops.access.ArnPatterns;
import dev.mlops.config.ModelSettings;
import dev.mlops.data.DataLakeArns;
import java.util.List;
import java.util.Objects;
import com.pulumi.resources.Resource;
import dev.mlops.delivery.pipeline.PipelineCode;

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
 * @param code              the pipelines' scripts (digests)
 * @param codeUploads       the uploaded scripts the training pipeline waits for
 * @param retain            protect the image repository and the CodeCommit repository
 * @param imageReaderAccounts other accounts that may pull the model's own images (those that deploy its versions from
 *                          this stack's registry); applies to models trained with their own container
 */
public record ModelDeliveryArgs(ModelSettings model, ArnPatterns arns, Output<DataLakeArns> data, Output<String> curatedBucket,
                                Output<String> artifactsBucket, Output<String> kmsKeyArn, Output<List<String>> subnetIds,
                                Output<String> securityGroupId, String modelPackageGroup,
                                PipelineCode code, List<Resource> codeUploads, boolean retain, List<String> imageReaderAccounts) {
    public ModelDeliveryArgs {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(arns, "arns");
        Objects.requireNonNull(code, "code");
        codeUploads = List.copyOf(codeUploads);
        imageReaderAccounts = List.copyOf(imageReaderAccounts);
        if (imageReaderAccounts.contains(arns.accountId())) {
            throw new IllegalArgumentException("imageReaderAccounts names this stack's own account " + arns.accountId());
        }
    }

    /** A delivery whose images only this account pulls. */
    public ModelDeliveryArgs(ModelSettings model, ArnPatterns arns, Output<DataLakeArns> data, Output<String> curatedBucket,
                             Output<String> artifactsBucket, Output<String> kmsKeyArn, Output<List<String>> subnetIds,
                             Output<String> securityGroupId, String modelPackageGroup, PipelineCode code, List<Resource> codeUploads,
                             boolean retain) {
        this(model, arns, data, curatedBucket, artifactsBucket, kmsKeyArn, subnetIds, securityGroupId, modelPackageGroup, code,
                codeUploads, retain, List.of());
    }
}
