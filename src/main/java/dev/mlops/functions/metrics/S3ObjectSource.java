package dev.mlops.functions.metrics;

import java.io.InputStream;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@link ObjectSource} over one S3 bucket: ListObjectsV2 (all pages) and a streamed GetObject. */
public final class S3ObjectSource implements ObjectSource {

    private final S3Client s3;
    private final String bucket;

    public S3ObjectSource(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public List<String> keys(String prefix) {
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
        return s3.listObjectsV2Paginator(request).contents().stream()
                .map(S3Object::key)
                .filter(key -> !key.endsWith("/"))
                .sorted()
                .collect(Collectors.toList());
    }

    @Override
    public InputStream open(String key) {
        // The response stream is read as it arrives; the object is never held in memory.
        return s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build());
    }
}
