package dev.mlops.access;

import com.pulumi.core.Output;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * @param service     the AWS service that assumes the role, e.g. {@code sagemaker.amazonaws.com}
 * @param accountId   the account the role may be used for (the trust's {@code aws:SourceAccount})
 * @param description what the role is for
 * @param permissions the role's inline policy, given the role's own ARN (some roles pass themselves on)
 * @param roleName    an explicit IAM name, for a role another account trusts by ARN; empty: generated from the component name
 */
public record ServiceRoleArgs(String service, String accountId, String description,
                              Function<String, Output<List<IamStatement>>> permissions, Optional<String> roleName) {

    public ServiceRoleArgs(String service, String accountId, String description,
                           Function<String, Output<List<IamStatement>>> permissions) {
        this(service, accountId, description, permissions, Optional.empty());
    }

    public ServiceRoleArgs {
        Objects.requireNonNull(roleName, "roleName");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(permissions, "permissions");
        if (!service.endsWith(".amazonaws.com")) {
            throw new IllegalArgumentException("service must be an AWS service principal such as sagemaker.amazonaws.com, was " + service);
        }
    }
}
