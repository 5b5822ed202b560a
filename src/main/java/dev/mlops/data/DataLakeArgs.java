package dev.mlops.data;

import dev.mlops.config.DataSettings;
import java.util.Objects;

/**
 * @param accountId the account that administers the keys (its IAM policies grant their use)
 * @param data      retention settings
 * @param retain    protect and retain the buckets and keys (the stack holds real data)
 * @param sharing   which model artifacts other accounts read (bucket policy and platform key policy grants)
 */
public record DataLakeArgs(String accountId, DataSettings data, boolean retain, ArtifactSharing sharing) {
    public DataLakeArgs {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(sharing, "sharing");
        if (sharing.accountIds().contains(accountId)) {
            throw new IllegalArgumentException("sharing names this data lake's own account " + accountId
                    + "; its principals read through their IAM policies");
        }
    }
}
