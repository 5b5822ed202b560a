package dev.mlops.delivery.pipeline;

import java.util.Optional;

/**
 * An object a generated pipeline reads and its owner must upload before the pipeline runs: a script from this
 * repository, or a document generated from settings. The component that creates the pipeline creates one
 * bucket object per upload (a file asset for a script, inline content for a document) and makes the pipeline
 * depend on them.
 *
 * @param bucket         the bucket, e.g. the artifacts bucket
 * @param key            the object key; content-addressed, so it changes whenever the content does
 * @param repositoryPath the script to upload, as a path under src/main/python (and on the classpath)
 * @param content        the text to upload, for generated documents
 * @param contentType    the object's Content-Type
 */
public record S3Upload(String bucket, String key, Optional<String> repositoryPath, Optional<String> content, String contentType) {

    public S3Upload {
        Constraints.matches(bucket, Constraints.BUCKET, "upload bucket", "an S3 bucket name");
        Constraints.notBlank(key, "upload key");
        if (repositoryPath.isPresent() == content.isPresent()) {
            throw new IllegalArgumentException("upload " + key + " needs exactly one of a repository file and inline content");
        }
        Constraints.notBlank(contentType, "content type of " + key);
    }

    public static S3Upload file(String bucket, String key, String repositoryPath, String contentType) {
        return new S3Upload(bucket, key, Optional.of(repositoryPath), Optional.empty(), contentType);
    }

    public static S3Upload document(String bucket, String key, String content, String contentType) {
        return new S3Upload(bucket, key, Optional.empty(), Optional.of(content), contentType);
    }

    /** The same object in another bucket (the key and content do not depend on the bucket). */
    public S3Upload in(String otherBucket) {
        return new S3Upload(otherBucket, key, repositoryPath, content, contentType);
    }

    /** {@code s3://bucket/key}. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
