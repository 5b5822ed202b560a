package dev.mlops.data;

import com.pulumi.core.Output;
import java.util.Objects;
import java.util.Optional;

/**
 * What makes one data lake bucket different from the others; everything else (versioning, SSE-KMS,
 * blocked public access, owner-enforced ownership, a TLS-only policy) every bucket gets.
 *
 * @param dataClass                      the {@code data-class} tag: raw, curated, artifacts or capture
 * @param kmsKeyArn                      the customer-managed key objects are encrypted with
 * @param noncurrentVersionRetentionDays days an overwritten or deleted version is kept
 * @param expiry                         when objects move to infrequent access and expire, if they do
 * @param eventBridgeNotifications       whether object events go to EventBridge (new data triggers)
 * @param retain                         protect the bucket and keep it when the stack drops it
 */
public record SecureBucketArgs(
        String dataClass,
        Output<String> kmsKeyArn,
        int noncurrentVersionRetentionDays,
        Optional<Expiry> expiry,
        boolean eventBridgeNotifications,
        boolean retain) {

    /**
     * Objects expire after {@code expireAfterDays}; with {@code infrequentAccessAfterDays} above zero they
     * first move to STANDARD_IA, which S3 allows from day 30 on.
     */
    public record Expiry(int infrequentAccessAfterDays, int expireAfterDays) {
        public Expiry {
            if (expireAfterDays < 1) {
                throw new IllegalArgumentException("expireAfterDays must be at least 1, was " + expireAfterDays);
            }
            if (infrequentAccessAfterDays != 0 && (infrequentAccessAfterDays < 30 || infrequentAccessAfterDays >= expireAfterDays)) {
                throw new IllegalArgumentException("infrequentAccessAfterDays must be 0 or 30.." + (expireAfterDays - 1)
                        + ", was " + infrequentAccessAfterDays);
            }
        }
    }

    public SecureBucketArgs {
        Objects.requireNonNull(dataClass, "dataClass");
        Objects.requireNonNull(kmsKeyArn, "kmsKeyArn");
        Objects.requireNonNull(expiry, "expiry");
        if (noncurrentVersionRetentionDays < 1) {
            throw new IllegalArgumentException("noncurrentVersionRetentionDays must be at least 1, was " + noncurrentVersionRetentionDays);
        }
    }
}
