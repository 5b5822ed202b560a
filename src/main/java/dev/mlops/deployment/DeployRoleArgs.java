package dev.mlops.deployment;

import com.pulumi.core.Output;
import dev.mlops.access.ArnPatterns;
import dev.mlops.access.DeploymentPolicies;
import dev.mlops.config.DeploymentSettings;
import dev.mlops.data.DataLakeArns;
import dev.mlops.platform.Naming;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * @param naming           this stack's names
 * @param arns             name patterns of this stack's resources
 * @param stack            this stack's name (the {@code stack} tag)
 * @param deployedBy       the environment whose pipeline deploys this stack, and its account
 * @param backend          where the stacks' state lives, when settings name it (an s3 backend's bucket is granted)
 * @param promotesFrom     name patterns of the stack this one promotes from (its model packages are read at deploy time)
 * @param data             this stack's data lake
 * @param codeRepositories CodeCommit repositories this stack manages (the models' code), by name
 * @param connections      CodeStar connections this stack's pipelines use
 * @param holdsRealData    whether the data buckets, keys and registry must survive any deploy
 */
public record DeployRoleArgs(Naming naming, ArnPatterns arns, String stack, DeploymentSettings.Peer deployedBy,
                             Optional<DeploymentSettings.Backend> backend, Optional<ArnPatterns> promotesFrom, Output<DataLakeArns> data,
                             List<String> codeRepositories, List<String> connections, boolean holdsRealData) {
    public DeployRoleArgs {
        Objects.requireNonNull(naming, "naming");
        Objects.requireNonNull(arns, "arns");
        Objects.requireNonNull(deployedBy, "deployedBy");
        codeRepositories = List.copyOf(codeRepositories);
        connections = List.copyOf(connections);
    }

    Output<DeploymentPolicies.Scope> scope() {
        return data.applyValue(d -> new DeploymentPolicies.Scope(arns, stack, d, codeRepositories, connections, promotesFrom, holdsRealData));
    }
}
