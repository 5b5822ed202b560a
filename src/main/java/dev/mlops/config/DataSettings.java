package dev.mlops.config;

/**
 * The data lake's retention rules.
 *
 * @param captureRetentionDays             days captured inference requests and responses are kept
 * @param captureInfrequentAccessAfterDays days after which capture data moves to STANDARD_IA (0: never)
 * @param noncurrentVersionRetentionDays   days an overwritten or deleted object version is kept, every bucket
 * @param keyDeletionWindowDays            KMS waiting period before a scheduled key deletion takes effect
 */
public record DataSettings(
        int captureRetentionDays,
        int captureInfrequentAccessAfterDays,
        int noncurrentVersionRetentionDays,
        int keyDeletionWindowDays) {

    public static final int DEFAULT_CAPTURE_RETENTION_DAYS = 90;
    public static final int DEFAULT_CAPTURE_INFREQUENT_ACCESS_AFTER_DAYS = 30;
    public static final int DEFAULT_NONCURRENT_VERSION_RETENTION_DAYS = 30;
    public static final int DEFAULT_KEY_DELETION_WINDOW_DAYS = 30;

    public static DataSettings defaults() {
        return new DataSettings(DEFAULT_CAPTURE_RETENTION_DAYS, DEFAULT_CAPTURE_INFREQUENT_ACCESS_AFTER_DAYS,
                DEFAULT_NONCURRENT_VERSION_RETENTION_DAYS, DEFAULT_KEY_DELETION_WINDOW_DAYS);
    }

    public boolean movesCaptureToInfrequentAccess() {
        return captureInfrequentAccessAfterDays > 0;
    }
}
