package dev.mlops.data;

import com.pulumi.core.Output;
import java.util.List;
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
 * @param crossAccountReads              other accounts that may read some of the objects (the bucket policy's grants)
 */
public record SecureBucketArgs(
        String dataClass,
        Output<String> kmsKeyArn,
        int noncurrentVersionRetentionDays,
        Optional<Expiry> expiry,
        boolean eventBridgeNotifications,
        boolean retain,
        List<CrossAccountRead> crossAccountReads) {

    /** A bucket read only by this account's principals. */
    public SecureBucketArgs(String dataClass, Output<String> kmsKeyArn, int noncurrentVersionRetentionDays, Optional<Expiry> expiry,
                            boolean eventBridgeNotifications, boolean retain) {
        this(dataClass, kmsKeyArn, noncurrentVersionRetentionDays, expiry, eventBridgeNotifications, retain, List.of());
    }

    /**
     * Lets the principals of other accounts (as far as their own IAM policies allow) get objects whose keys match
     * {@code keyPatterns}, e.g. {@code training/house-prices/*}{@code /model/*}. Reading them also needs decrypt on the
     * bucket's key, which its key policy must grant.
     *
     * @param sid         the bucket policy statement's id
     * @param accountIds  12-digit account ids, none of them this bucket's own
     * @param keyPatterns object key patterns ({@code *} and {@code ?} as IAM reads them)
     */
    public record CrossAccountRead(String sid, List<String> accountIds, List<String> keyPatterns) {
        public CrossAccountRead {
            Objects.requireNonNull(sid, "sid");
            accountIds = List.copyOf(accountIds);
            keyPatterns = List.copyOf(keyPatterns);
            if (accountIds.isEmpty() || keyPatterns.isEmpty()) {
                throw new IllegalArgumentException("a cross-account read needs accounts and key patterns: " + accountIds + ", " + keyPatterns);
            }
            for (String account : accountIds) {
                if (!account.matches("\\d{12}")) {
                    throw new IllegalArgumentException("accountIds holds " + account + ", which is not a 12-digit account id");
                }
            }
            for (String pattern : keyPatterns) {
                if (pattern.isEmpty() || pattern.startsWith("/")) {
                    throw new IllegalArgumentException("key patterns are object keys without a leading slash, was \"" + pattern + "\"");
                }
            }
        }
    }

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
        crossAccountReads = List.copyOf(crossAccountReads);
        if (noncurrentVersionRetentionDays < 1) {
            throw new IllegalArgumentException("noncurrentVersionRetentionDays must be at least 1, was " + noncurrentVersionRetentionDays);
        }
    }
}
