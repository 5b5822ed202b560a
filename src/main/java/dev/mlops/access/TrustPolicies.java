package dev.mlops.access;

import dev.mlops.config.IdentitySettings;
import dev.mlops.platform.Arns;
import dev.mlops.platform.PolicyDocuments;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * Who may assume a persona role, for each identity source the settings can name:
 * <ul>
 *   <li>{@code accounts}: principals of the listed accounts, only with MFA in the session;</li>
 *   <li>{@code saml}: users federated through the named SAML provider, for the AWS sign-in audience;</li>
 *   <li>{@code iam-identity-center}: this account's IAM Identity Center role of the persona's permission set.</li>
 * </ul>
 */
public final class TrustPolicies {

    private TrustPolicies() {
    }

    public static String persona(Persona persona, IdentitySettings identity, String accountId) {
        List<IamStatement> statements = new ArrayList<>();
        switch (identity.source()) {
            case ACCOUNTS -> statements.add(IamStatement.builder()
                    .sid("TrustedAccountsWithMfa")
                    .effect(IamEffect.ALLOW)
                    .principals(identity.trustedAccountIds().stream()
                            .map(a -> IamPrincipal.create("AWS", Arns.accountRoot(a))).toList())
                    .addAction("sts:AssumeRole")
                    .addCondition(IamConditionOperator.BOOL, "aws:MultiFactorAuthPresent", "true")
                    .build());
            case SAML -> statements.add(IamStatement.builder()
                    .sid("FederatedThroughSaml")
                    .effect(IamEffect.ALLOW)
                    .addPrincipal(IamPrincipal.create("Federated", identity.samlProviderArn().orElseThrow()))
                    .addAction("sts:AssumeRoleWithSAML")
                    .addCondition(IamConditionOperator.STRING_EQUALS, "SAML:aud", "https://signin.aws.amazon.com/saml")
                    .build());
            case IAM_IDENTITY_CENTER -> statements.add(IamStatement.builder()
                    .sid("IdentityCenterPermissionSet")
                    .effect(IamEffect.ALLOW)
                    .addPrincipal(IamPrincipal.create("AWS", Arns.accountRoot(accountId)))
                    .addAction("sts:AssumeRole")
                    // IAM Identity Center names the role of a permission set AWSReservedSSO_<set>_<random>.
                    .addCondition(IamConditionOperator.ARN_LIKE, "aws:PrincipalArn", "arn:aws:iam::" + accountId
                            + ":role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_"
                            + persona.permissionSet(identity.permissionSets().orElseThrow()) + "_*")
                    .build());
        }
        return PolicyDocuments.json(statements);
    }

    /** For a role an AWS service assumes on this account's behalf, e.g. {@code sagemaker.amazonaws.com}. */
    public static String service(String service, String accountId) {
        return PolicyDocuments.json(List.of(Statements.serviceTrust(service, accountId)));
    }
}
