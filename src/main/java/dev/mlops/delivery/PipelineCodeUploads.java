package dev.mlops.delivery;

import com.pulumi.aws.s3.BucketObjectv2;
import com.pulumi.aws.s3.BucketObjectv2Args;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.mlops.delivery.pipeline.PipelineCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SageMaker pipelines' scripts in the artifacts bucket, once per stack (every model's training pipeline and
 * every data pipeline reads the same copies). Keys hold each script's digest, so a changed script is a new
 * object, a changed pipeline definition and a diff a reviewer sees; a running execution keeps its scripts.
 */
public final class PipelineCodeUploads extends ComponentResource {

    /** Pipelines that read the scripts depend on these. */
    public final List<Resource> objects = new ArrayList<>();

    public PipelineCodeUploads(String name, Output<String> artifactsBucket, Output<String> kmsKeyArn, PipelineCode code,
                               ComponentResourceOptions opts) {
        super("mlops:delivery:PipelineCodeUploads", name, opts);
        for (String script : PipelineCode.SCRIPTS) {
            String file = script.substring(script.lastIndexOf('/') + 1).replace(".py", "").replace('_', '-');
            objects.add(upload(this, name + "-" + script.split("/")[1] + "-" + file, artifactsBucket, kmsKeyArn, code.key(script),
                    PipelineCode.text(script), "text/x-python"));
        }
        registerOutputs(Map.of());
    }

    /** One object, SSE-KMS with the bucket's key, content from the program. */
    public static BucketObjectv2 upload(Resource parent, String name, Output<String> bucket, Output<String> kmsKeyArn, String key,
                                        String content, String contentType) {
        return new BucketObjectv2(name, BucketObjectv2Args.builder()
                .bucket(bucket)
                .key(key)
                .content(content)
                .contentType(contentType)
                .serverSideEncryption("aws:kms")
                .kmsKeyId(kmsKeyArn)
                .build(), CustomResourceOptions.builder().parent(parent).build());
    }
}
