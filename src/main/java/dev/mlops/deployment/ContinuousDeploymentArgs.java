package dev.mlops.deployment;

import com.pulumi.core.Output;
import dev.mlops.access.ArnPatterns;
import dev.mlops.access.DeploymentPolicies;
import dev.mlops.config.DeploymentSettings;
import dev.mlops.data.DataLakeArns;
import dev.mlops.platform.Naming;
import java.util.List;
import java.util.Objects;

/**
 * @param naming             this stack's names
 * @param arns               name patterns of this stack's resources
 * @param stack              this stack's name (the {@code stack} tag)
 * @param pipeline           the pipeline's settings: this stack, the stack approvals promote to, the CLI, the source
 * @param backend            where the stacks' state lives
 * @param modelPackageGroups the registry groups whose events start the pipeline
 * @param codeRepositories   CodeCommit repositories this stack manages (the models' code), by name
 * @param connections        CodeStar connections this stack's pipelines use (the models' and the program's)
 * @param data               the data lake's ARNs (pipeline artifacts, the platform key)
 * @param artifactsBucket    the pipeline's artifact store
 * @param platformKeyArn     encrypts artifacts, build output and the approval topic
 * @param approverRoleName   the ML engineer persona role: it approves a promotion
 * @param approverEmails     who is e-mailed when a promotion waits for approval
 * @param holdsRealData      whether the data buckets and keys must survive any deploy
 */
public record ContinuousDeploymentArgs(Naming naming, ArnPatterns arns, String stack, DeploymentSettings.PipelineSettings pipeline,
                                       DeploymentSettings.Backend backend, List<String> modelPackageGroups, List<String> codeRepositories,
                                       List<String> connections, Output<DataLakeArns> data, Output<String> artifactsBucket,
                                       Output<String> platformKeyArn, Output<String> approverRoleName, List<String> approverEmails,
                                       boolean holdsRealData) {
    public ContinuousDeploymentArgs {
        Objects.requireNonNull(naming, "naming");
        Objects.requireNonNull(arns, "arns");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(backend, "backend");
        modelPackageGroups = List.copyOf(modelPackageGroups);
        codeRepositories = List.copyOf(codeRepositories);
        connections = List.copyOf(connections);
        approverEmails = List.copyOf(approverEmails);
        if (pipeline.secretArn().isEmpty() && !backend.isS3()) {
            throw new IllegalArgumentException("an https backend needs the secret holding the Pulumi access token");
        }
    }

    /** What {@code pulumi up} of this stack manages, for the deploy build's permissions. */
    Output<DeploymentPolicies.Scope> scope() {
        return data.applyValue(d -> new DeploymentPolicies.Scope(arns, stack, d, codeRepositories, connections,
                java.util.Optional.empty(), holdsRealData));
    }
}
