package dev.mlops.access;

import com.pulumi.core.Output;
import dev.mlops.config.DataSourceSettings;
import dev.mlops.config.IdentitySettings;
import dev.mlops.data.DataLakeArns;
import java.util.List;
import java.util.Objects;

/**
 * @param arns            name patterns of this stack's resources
 * @param stack           the stack name (the {@code stack} tag every resource carries)
 * @param identity        who may assume the persona roles
 * @param maxSessionHours how long a persona session lasts
 * @param data            the data lake's ARNs
 * @param dataSources     what the data pipelines read
 * @param repositories    CodeCommit repository ARNs of the models' code (empty when the code is on GitHub)
 */
public record AccessArgs(ArnPatterns arns, String stack, IdentitySettings identity, int maxSessionHours,
                         Output<DataLakeArns> data, List<DataSourceSettings> dataSources, List<String> repositories) {
    public AccessArgs {
        Objects.requireNonNull(arns, "arns");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(data, "data");
        dataSources = List.copyOf(dataSources);
        repositories = List.copyOf(repositories);
        if (maxSessionHours < 1 || maxSessionHours > 12) {
            throw new IllegalArgumentException("maxSessionHours must be 1..12 (IAM's limit), was " + maxSessionHours);
        }
    }
}
