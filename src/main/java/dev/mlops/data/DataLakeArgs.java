package dev.mlops.data;

import dev.mlops.config.DataSettings;
import java.util.Objects;

/**
 * @param accountId the account that administers the keys (its IAM policies grant their use)
 * @param data      retention settings
 * @param retain    protect and retain the buckets and keys (the stack holds real data)
 */
public record DataLakeArgs(String accountId, DataSettings data, boolean retain) {
    public DataLakeArgs {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(data, "data");
    }
}
