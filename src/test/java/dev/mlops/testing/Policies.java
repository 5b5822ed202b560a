package dev.mlops.testing;

import dev.mlops.offline.ResourceState;
import java.util.ArrayList;
import java.util.List;

/** The policy documents that apply to a role in a recorded preview: attached managed policies and inline ones. */
public final class Policies {

    private Policies() {
    }

    public static ResourceState role(Resources r, String logicalName) {
        return r.one("aws:iam/role:Role", logicalName);
    }

    /** Every document attached to or inlined in the role named {@code roleName} (its IAM name). */
    public static List<String> of(Resources r, String roleName) {
        List<String> documents = new ArrayList<>();
        for (ResourceState attachment : r.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")) {
            if (attachment.input("role").asText().equals(roleName)) {
                String arn = attachment.input("policyArn").asText();
                ResourceState policy = r.ofType("aws:iam/policy:Policy").stream()
                        .filter(p -> arn.endsWith(":policy/" + p.input("name").asText())).findFirst()
                        .orElseThrow(() -> new AssertionError("attachment to " + roleName + " of a policy not in this stack: " + arn));
                documents.add(policy.input("policy").asText());
            }
        }
        for (ResourceState inline : r.ofType("aws:iam/rolePolicy:RolePolicy")) {
            if (inline.input("role").asText().equals(roleName)) {
                documents.add(inline.input("policy").asText());
            }
        }
        if (documents.isEmpty()) {
            throw new AssertionError("no policies apply to role " + roleName);
        }
        return documents;
    }

    public static IamEvaluator evaluator(Resources r, String roleName) {
        return IamEvaluator.of(of(r, roleName));
    }

    /** The IAM name of a role resource (explicit or generated). */
    public static String nameOf(ResourceState role) {
        return role.input("name").asText();
    }
}
