package dev.mlops.deployment;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.mlops.access.DeploymentPolicies;
import dev.mlops.platform.PolicyDocuments;
import java.util.Map;

/**
 * The role another environment's deployment pipeline assumes to run {@code pulumi up} on this stack (prod): it trusts one
 * role only, that pipeline's promotion build in the pipeline's account (from {@code mlops:accounts}), and holds what
 * {@code pulumi up} of this stack needs (see {@link DeploymentPolicies}). Its name is fixed,
 * {@code <prefix>-deployment}, so the pipeline finds it without reading this stack.
 *
 * <p>IAM checks that a trusted role exists when the trust policy is written: deploy the pipeline's stack first (it
 * creates the build role), then this one, as promotion already requires. If that build role is ever replaced, run
 * {@code pulumi up} here again so the trust names the new one.
 */
public final class DeployRole extends ComponentResource {

    /** AssumeRole sessions of a chained role last one hour at most; the build refreshes them. */
    static final int MAX_SESSION_SECONDS = 3600;

    public final Output<String> arn;

    public DeployRole(String name, DeployRoleArgs args, ComponentResourceOptions opts) {
        super("mlops:deployment:DeployRole", name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        String pipelineEnvironment = args.deployedBy().environment();
        String buildRole = "arn:aws:iam::" + args.deployedBy().accountId() + ":role/"
                + new dev.mlops.platform.Naming(args.naming().project(), pipelineEnvironment).promotionBuildRole(args.naming().environment());
        // Not "-role": that suffix marks the roles an AWS service assumes.
        var role = new Role(name + "-deployer", RoleArgs.builder()
                .name(args.naming().deployment())
                .description("pulumi up of " + args.arns().prefix() + ", by the deployment pipeline of " + pipelineEnvironment)
                .assumeRolePolicy(DeploymentPolicies.deployRoleTrust(buildRole,
                        externalId(args.naming().project(), pipelineEnvironment, args.naming().environment())))
                .maxSessionDuration(MAX_SESSION_SECONDS)
                .build(), child);
        DeploymentPolicies.deployRole(args.backend().flatMap(b -> b.stateBucket()
                        .map(bucket -> new DeploymentPolicies.StateBucket(bucket, b.statePrefix()))))
                .ifPresent(statements -> new RolePolicy(name + "-state", RolePolicyArgs.builder()
                        .role(role.id())
                        .policy(PolicyDocuments.json(statements))
                        .build(), child));
        new DeployPermissions(name + "-permissions", args.naming().deployment(), args.scope(), role.name(),
                ComponentResourceOptions.builder().parent(this).build());
        this.arn = role.arn();
        registerOutputs(Map.of("arn", arn));
    }

    /**
     * The external id the deploy role's trust asks for, derived from both environments' names so both stacks know it
     * without sharing a value: {@code mlops-staging-deploys-prod}. It guards against using the role by accident; it is
     * no secret.
     */
    public static String externalId(String project, String pipelineEnvironment, String targetEnvironment) {
        return project + "-" + pipelineEnvironment + "-deploys-" + targetEnvironment;
    }
}
