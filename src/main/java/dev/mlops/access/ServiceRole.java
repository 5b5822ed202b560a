package dev.mlops.access;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.mlops.platform.PolicyDocuments;
import java.util.Map;

/**
 * A role one AWS service assumes for this stack, with one inline policy: least privilege, and nothing
 * shared with another role, so each capability's service roles can be read (and reviewed) on their own.
 */
public final class ServiceRole extends ComponentResource {

    public final Role role;
    public final Output<String> arn;
    public final Output<String> roleName;

    public ServiceRole(String name, ServiceRoleArgs args, ComponentResourceOptions opts) {
        super("mlops:access:ServiceRole", name, opts);
        var roleArgs = RoleArgs.builder()
                .description(args.description())
                .assumeRolePolicy(TrustPolicies.service(args.service(), args.accountId()));
        args.roleName().ifPresent(roleArgs::name);
        this.role = new Role(name + "-role", roleArgs.build(), CustomResourceOptions.builder().parent(this).build());
        new RolePolicy(name + "-permissions", RolePolicyArgs.builder()
                .role(role.id())
                .policy(role.arn().apply(arn -> args.permissions().apply(arn)).applyValue(PolicyDocuments::json))
                .build(), CustomResourceOptions.builder().parent(this).build());
        this.arn = role.arn();
        this.roleName = role.name();
        registerOutputs(Map.of("arn", arn));
    }
}
