package dev.mlops.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.delivery.pipeline.PipelineCode;
import dev.mlops.offline.ResourceState;
import dev.mlops.testing.Previews;
import dev.mlops.testing.Resources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pipelines' scripts in the artifacts bucket: one object per script, keyed by its digest, encrypted, waited for. */
class PipelineCodeUploadsTest {

    private static final String OBJECT = "aws:s3/bucketObjectv2:BucketObjectv2";
    private static final PipelineCode CODE = PipelineCode.fromClasspath();

    private static List<ResourceState> uploads(Resources r) {
        return r.matching(x -> x.type().equals(OBJECT) && x.parent().contains("mlops:delivery:PipelineCodeUploads"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> buckets(String stack) {
        return (Map<String, String>) Previews.of(stack).preview().outputs().values().get("dataBuckets");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void everyScriptIsOneObjectKeyedByItsDigestWithItsText(String stack) {
        List<ResourceState> uploads = uploads(Previews.resources(stack));
        assertThat(uploads).hasSize(PipelineCode.SCRIPTS.size());
        for (String script : PipelineCode.SCRIPTS) {
            ResourceState upload = uploads.stream().filter(u -> u.input("key").asText().equals(CODE.key(script))).findFirst()
                    .orElseThrow(() -> new AssertionError("no upload of " + script));
            assertThat(upload.input("key").asText()).startsWith(PipelineCode.KEY_PREFIX + "/")
                    .contains(PipelineCode.sha256(PipelineCode.text(script)).substring(0, 16));
            assertThat(upload.input("content").asText()).isEqualTo(PipelineCode.text(script));
            assertThat(upload.input("contentType").asText()).isEqualTo("text/x-python");
            assertThat(upload.input("bucket").asText()).isEqualTo(buckets(stack).get("artifacts"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void uploadsAreEncryptedWithThePlatformKeyTheBucketRequires(String stack) {
        String platformKey = (String) Previews.of(stack).preview().outputs().values().get("platformKeyArn");
        assertThat(uploads(Previews.resources(stack))).allSatisfy(u -> {
            assertThat(u.input("serverSideEncryption").asText()).isEqualTo("aws:kms");
            assertThat(u.input("kmsKeyId").asText()).isEqualTo(platformKey);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void everySageMakerPipelineWaitsForTheScriptsAndReadsThemWhereTheyWereUploaded(String stack) {
        Resources r = Previews.resources(stack);
        List<ResourceState> uploads = uploads(r);
        List<ResourceState> pipelines = r.ofType("aws:sagemaker/pipeline:Pipeline");
        assertThat(pipelines).hasSize(2);
        for (ResourceState pipeline : pipelines) {
            String definition = pipeline.input("pipelineDefinition").asText();
            // Each pipeline reads some of the scripts; whichever it reads, it reads from where they were uploaded.
            List<ResourceState> read = uploads.stream().filter(u -> definition.contains(u.input("key").asText())).toList();
            assertThat(read).as(pipeline.name()).isNotEmpty();
            assertThat(read).allSatisfy(u -> {
                assertThat(definition).contains("s3://" + u.input("bucket").asText() + "/" + u.input("key").asText());
                assertThat(pipeline.dependencies()).as(pipeline.name() + " waits for " + u.name()).contains(u.urn());
            });
            assertThat(definition).doesNotContainPattern("s3://[^\"]+/pipeline-code/[0-9a-f]{16}/(?!("
                    + String.join("|", read.stream().map(u -> u.input("key").asText().replaceAll(".*/", "")).toList()) + "))");
        }
    }
}
