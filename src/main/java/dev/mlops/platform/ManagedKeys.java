package dev.mlops.platform;

import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * The stack's customer-managed KMS keys, made one way: rotated every year, administered by the account (so that no key
 * can lock its own account out) with the grants of its users after that, and protected and kept on delete where the
 * stack holds real data.
 */
public final class ManagedKeys {

    private ManagedKeys() {
    }

    /**
     * A key that rotates every year, its policy the account's administration followed by {@code grants}.
     *
     * @param deletionWindowDays how long a scheduled deletion waits (KMS: 7..30)
     * @param retain             protect the key and keep it when the stack deletes it
     */
    public static Key rotating(Resource parent, String name, String description, String accountId, int deletionWindowDays,
                               List<IamStatement> grants, boolean retain) {
        List<IamStatement> policy = new ArrayList<>();
        policy.add(PolicyDocuments.keyAdministeredByAccount(accountId));
        policy.addAll(grants);
        return new Key(name, KeyArgs.builder()
                .description(description)
                .enableKeyRotation(true)
                .deletionWindowInDays(deletionWindowDays)
                .policy(PolicyDocuments.json(policy))
                .build(), CustomResourceOptions.builder().parent(parent).protect(retain).retainOnDelete(retain).build());
    }

    /** The alias {@code aliasName} ({@code alias/...}) of {@code key}, under the logical name {@code name}. */
    public static Alias alias(Resource parent, String name, String aliasName, Key key) {
        return new Alias(name, AliasArgs.builder().name(aliasName).targetKeyId(key.keyId()).build(),
                CustomResourceOptions.builder().parent(parent).build());
    }
}
