package dev.mlops.access;

import java.util.List;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/** Short, typed constructors for the IAM statements this package writes; every statement has a Sid. */
final class Statements {

    private Statements() {
    }

    static IamStatement allow(String sid, List<String> actions, List<String> resources) {
        return build(IamEffect.ALLOW, sid, actions, resources).build();
    }

    static IamStatement deny(String sid, List<String> actions, List<String> resources) {
        return build(IamEffect.DENY, sid, actions, resources).build();
    }

    static IamStatement.Builder allowWhere(String sid, List<String> actions, List<String> resources) {
        return build(IamEffect.ALLOW, sid, actions, resources);
    }

    static IamStatement.Builder denyWhere(String sid, List<String> actions, List<String> resources) {
        return build(IamEffect.DENY, sid, actions, resources);
    }

    /** {@code iam:PassRole} of exactly these roles, to exactly this service. */
    static IamStatement passRole(String sid, List<String> roleArns, String service) {
        return allowWhere(sid, List.of("iam:PassRole"), roleArns)
                .addCondition(IamConditionOperator.STRING_EQUALS, "iam:PassedToService", service)
                .build();
    }

    /** A trust statement for an AWS service, limited to this account so no other account's resource can use it. */
    static IamStatement serviceTrust(String service, String accountId) {
        return IamStatement.builder()
                .sid("TrustedService")
                .effect(IamEffect.ALLOW)
                .addPrincipal(IamPrincipal.create("Service", service))
                .addAction("sts:AssumeRole")
                .addCondition(IamConditionOperator.STRING_EQUALS, "aws:SourceAccount", accountId)
                .build();
    }

    private static IamStatement.Builder build(IamEffect effect, String sid, List<String> actions, List<String> resources) {
        if (actions.isEmpty() || resources.isEmpty()) {
            throw new IllegalArgumentException("statement " + sid + " needs actions and resources");
        }
        return IamStatement.builder().sid(sid).effect(effect).actionIds(actions).resourceIds(resources);
    }
}
