package dev.mlops.deployment;

import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.mlops.access.DeploymentPolicies;
import dev.mlops.platform.PolicyDocuments;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code pulumi up} of one stack may do, attached to the role that runs it: one customer-managed policy per group of
 * {@link DeploymentPolicies#pulumiUp} (together they exceed what one policy, or a role's inline policies, may hold),
 * named {@code <prefix>-deployment-<group>} so that no deploy can change them (see {@link DeploymentPolicies}).
 */
public final class DeployPermissions extends ComponentResource {

    /** Policy ARN by group. */
    public final Map<String, Output<String>> policyArns = new LinkedHashMap<>();

    /**
     * @param policyPrefix {@code <prefix>-deployment}: the policies are named {@code <policyPrefix>-<group>}
     * @param scope        what the deploy manages
     * @param roleName     the role that runs {@code pulumi up}
     */
    public DeployPermissions(String name, String policyPrefix, Output<DeploymentPolicies.Scope> scope, Output<String> roleName,
                             ComponentResourceOptions opts) {
        super("mlops:deployment:DeployPermissions", name, opts);
        var child = CustomResourceOptions.builder().parent(this).build();
        for (String group : DeploymentPolicies.GROUPS) {
            var policy = new Policy(name + "-" + group, PolicyArgs.builder()
                    .name(policyPrefix + "-" + group)
                    .description("pulumi up of this stack: " + group.replace('-', ' '))
                    .policy(scope.applyValue(s -> PolicyDocuments.json(DeploymentPolicies.pulumiUp(s).get(group))))
                    .build(), child);
            new RolePolicyAttachment(name + "-" + group + "-attachment", RolePolicyAttachmentArgs.builder()
                    .role(roleName)
                    .policyArn(policy.arn())
                    .build(), child);
            policyArns.put(group, policy.arn());
        }
        registerOutputs(Map.of("policyArns", Output.all(List.copyOf(policyArns.values()))));
    }
}
