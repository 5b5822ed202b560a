package dev.mlops.data;

import dev.mlops.platform.Arns;
import java.util.List;

/** The data lake's ARNs, resolved, for the IAM documents that grant or deny access to them. */
public record DataLakeArns(String rawBucket, String curatedBucket, String artifactsBucket, String captureBucket,
                           String rawKey, String platformKey) {

    public List<String> buckets() {
        return List.of(rawBucket, curatedBucket, artifactsBucket, captureBucket);
    }

    public List<String> keys() {
        return List.of(rawKey, platformKey);
    }

    public String objects(String bucketArn) {
        return Arns.objectsIn(bucketArn);
    }

    /** Objects under a prefix of a bucket, e.g. {@code objects(artifacts, "mlflow/")}. */
    public String objects(String bucketArn, String prefix) {
        return bucketArn + "/" + prefix + "*";
    }
}
