package dev.mlops.workbench;

import com.pulumi.core.Output;
import dev.mlops.access.ArnPatterns;
import dev.mlops.config.ScientistSettings;
import dev.mlops.config.WorkbenchSettings;
import dev.mlops.data.DataLakeArns;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * @param prefix              the naming prefix; the domain is {@code <prefix>-studio}
 * @param settings            idle shutdown and MLflow size
 * @param scientists          one user profile each
 * @param repositories        the models' git repository URLs by model name, linked in every JupyterLab space
 * @param vpcId               the network
 * @param subnetIds           private subnets the domain's apps run in
 * @param securityGroupId     the workloads security group
 * @param kmsKeyArn           encrypts the domain's storage
 * @param scientistRoleArn    the data scientists' Studio execution role
 * @param arns                name patterns of this stack's resources (for the MLflow server's role)
 * @param data                the data lake (MLflow's artifact store lives under mlflow/ in the artifacts bucket)
 * @param artifactsBucketName the artifacts bucket's name
 * @param retain              keep home directories (EFS) and protect the domain
 */
public record WorkbenchArgs(String prefix, WorkbenchSettings settings, List<ScientistSettings> scientists,
                            Map<String, String> repositories, Output<String> vpcId, Output<List<String>> subnetIds,
                            Output<String> securityGroupId, Output<String> kmsKeyArn, Output<String> scientistRoleArn,
                            ArnPatterns arns, Output<DataLakeArns> data, Output<String> artifactsBucketName, boolean retain) {
    public WorkbenchArgs {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(settings, "settings");
        scientists = List.copyOf(scientists);
        repositories = Map.copyOf(repositories);
    }
}
