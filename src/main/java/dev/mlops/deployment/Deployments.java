package dev.mlops.deployment;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.mlops.access.ArnPatterns;
import dev.mlops.config.DeploymentSettings;
import dev.mlops.config.StackSettings;
import dev.mlops.data.DataLake;
import dev.mlops.platform.Naming;
import dev.mlops.registry.ModelRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wires continuous deployment from settings, for {@code Platform}: the pipeline in the stack that runs it, the deploy role
 * in the stack it promotes to. Kept here so the platform's composition stays one call.
 *
 * @param pipeline   present in the stack that runs the pipeline
 * @param deployRole present in a stack another environment's pipeline deploys
 */
public record Deployments(Optional<ContinuousDeployment> pipeline, Optional<DeployRole> deployRole) {

    public static Deployments define(Naming naming, ArnPatterns arns, StackSettings settings, DeploymentSettings deployment,
                                     DataLake data, Output<String> approverRoleName, ComponentResourceOptions opts) {
        List<String> codeRepositories = settings.codeCommitRepositories();
        List<String> connections = new ArrayList<>(settings.models().stream()
                .flatMap(m -> m.repository().connectionArn().stream()).toList());
        String name = naming.deployment();
        Optional<ContinuousDeployment> pipeline = deployment.pipeline().map(p -> {
            p.source().connectionArn().ifPresent(connections::add);
            List<String> groups = settings.models().stream().map(m -> ModelRegistry.groupName(naming.prefix(), m)).toList();
            return new ContinuousDeployment(name, new ContinuousDeploymentArgs(naming, arns, settings.stack(), p,
                    deployment.backend().orElseThrow(), groups, codeRepositories, connections, data.arns(), data.artifacts.bucketName,
                    data.platformKeyArn, approverRoleName, settings.alertEmails(), settings.holdsRealData()), opts);
        });
        Optional<DeployRole> deployRole = deployment.deployedBy().map(peer -> new DeployRole(name, new DeployRoleArgs(naming, arns,
                settings.stack(), peer, deployment.backend(),
                // The stack this one promotes from is the pipeline's: same program and region, the pipeline's account.
                Optional.of(new ArnPatterns(arns.region(), peer.accountId(), new Naming(naming.project(), peer.environment()).prefix())),
                data.arns(), codeRepositories, connections, settings.holdsRealData()), opts));
        return new Deployments(pipeline, deployRole);
    }

    /** Stack outputs: the pipeline's name and, when it promotes, its promotion build role; or the deploy role's ARN. */
    public Map<String, Output<String>> outputs() {
        Map<String, Output<String>> outputs = new LinkedHashMap<>();
        pipeline.ifPresent(p -> {
            outputs.put("deploymentPipeline", p.pipelineName);
            p.promotionBuildRoleArn.ifPresent(arn -> outputs.put("promotionBuildRoleArn", arn));
        });
        deployRole.ifPresent(r -> outputs.put("deployRoleArn", r.arn));
        return outputs;
    }

}
