package dev.mlops.platform;

/** ARNs this program writes itself (most come from resource outputs). */
public final class Arns {

    private Arns() {
    }

    public static String accountRoot(String accountId) {
        return "arn:aws:iam::" + accountId + ":root";
    }

    /** Every object in a bucket, given the bucket's ARN. */
    public static String objectsIn(String bucketArn) {
        return bucketArn + "/*";
    }
}
