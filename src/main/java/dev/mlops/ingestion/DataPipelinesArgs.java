package dev.mlops.ingestion;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import dev.mlops.access.ArnPatterns;
import dev.mlops.config.DataSourceSettings;
import dev.mlops.delivery.pipeline.PipelineCode;
import java.util.List;
import java.util.Objects;

/**
 * @param arns            name patterns of this stack's resources
 * @param sources         one data pipeline and schedule each
 * @param code            the scripts' digests
 * @param codeUploads     the uploaded scripts the pipelines wait for
 * @param roleArn         the data-pipeline role the pipelines and their jobs run as
 * @param rawBucket       where batches land
 * @param curatedBucket   where validated batches are published
 * @param artifactsBucket where scripts and expectations live
 * @param rawKeyArn       the raw key
 * @param platformKeyArn  the platform key
 * @param subnetIds       private subnets the jobs run in
 * @param securityGroupId the workloads security group
 */
public record DataPipelinesArgs(ArnPatterns arns, List<DataSourceSettings> sources, PipelineCode code, List<Resource> codeUploads,
                                Output<String> roleArn, Output<String> rawBucket, Output<String> curatedBucket,
                                Output<String> artifactsBucket, Output<String> rawKeyArn, Output<String> platformKeyArn,
                                Output<List<String>> subnetIds, Output<String> securityGroupId) {
    public DataPipelinesArgs {
        Objects.requireNonNull(arns, "arns");
        sources = List.copyOf(sources);
        codeUploads = List.copyOf(codeUploads);
    }
}
