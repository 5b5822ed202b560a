package dev.mlops.data;

import java.util.List;
import java.util.Objects;

/**
 * Other accounts that read some objects of the artifacts bucket: the model artifacts of the versions a peer stack
 * deploys from this stack's registry. The bucket policy lets them get those objects, and the platform key's policy
 * lets them decrypt through S3 only ({@code kms:ViaService}); which of their roles may do either is their own
 * account's IAM to decide.
 *
 * @param accountIds  12-digit ids of the reading accounts; empty: nobody outside this account reads
 * @param keyPatterns object key patterns they may read, e.g. {@code training/house-prices/*}{@code /model/*}
 * @param region      the stack's region (S3 decrypts through {@code s3.<region>.amazonaws.com})
 */
public record ArtifactSharing(List<String> accountIds, List<String> keyPatterns, String region) {

    public ArtifactSharing {
        accountIds = List.copyOf(accountIds);
        keyPatterns = List.copyOf(keyPatterns);
        Objects.requireNonNull(region, "region");
    }

    /** Nothing is shared. */
    public static ArtifactSharing none(String region) {
        return new ArtifactSharing(List.of(), List.of(), region);
    }

    /** Whether any account reads anything: both lists must hold something. */
    public boolean isActive() {
        return !accountIds.isEmpty() && !keyPatterns.isEmpty();
    }

    String s3Service() {
        return "s3." + region + ".amazonaws.com";
    }
}
