package dev.mlops.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.S3Functions;
import com.pulumi.aws.s3.inputs.GetBucketArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine under the preview: order, secrets, failures, and refusing to call AWS. */
class OfflineEngineTest {

    private static final OfflineEngine.Target TARGET = new OfflineEngine.Target("mlops", "t", "123456789012", "eu-west-1", Map.of());

    @Test
    void resourcesAppearInProgramOrderUnderTheirParents() {
        OfflineEngine.Run run = OfflineEngine.run(TARGET, ctx -> {
            var first = new BucketV2("zeta", BucketV2Args.builder().build());
            new BucketV2("alpha", BucketV2Args.builder().build(), CustomResourceOptions.builder().parent(first).build());
            new BucketV2("mid", BucketV2Args.builder().build());
        });
        assertThat(run.steps()).extracting(s -> s.state().name()).containsExactly("mlops-t", "zeta", "alpha", "mid");
    }

    @Test
    void secretInputsAreShownAsSecret() {
        OfflineEngine.Run run = OfflineEngine.run(TARGET, ctx ->
                new BucketV2("b", BucketV2Args.builder().tags(Output.ofSecret(Map.of("token", "hunter2"))).build()));
        ResourceState bucket = run.steps().get(1).state();
        assertThat(bucket.input("tags").asText()).isEqualTo("[secret]");
        assertThat(bucket.inputs().toString()).doesNotContain("hunter2");
    }

    @Test
    void mocksFillInIdsArnsAndNamesDeterministically() {
        var first = OfflineEngine.run(TARGET, ctx -> ctx.export("arn", new BucketV2("b", BucketV2Args.builder().build()).arn()));
        var second = OfflineEngine.run(TARGET, ctx -> ctx.export("arn", new BucketV2("b", BucketV2Args.builder().build()).arn()));
        assertThat(first.outputs().values().get("arn")).isEqualTo(second.outputs().values().get("arn"))
                .asString().matches("arn:aws:s3:::b-[0-9a-f]{7}");
    }

    @Test
    void aProgramThatThrowsFailsThePreview() {
        assertThatThrownBy(() -> OfflineEngine.run(TARGET, ctx -> {
            throw new IllegalStateException("broken component");
        })).isInstanceOf(PreviewFailedException.class).hasMessageContaining("broken component").hasMessageContaining("stack t");
    }

    @Test
    void anErrorTheProgramLogsFailsThePreviewAndWarningsAreKept() {
        assertThatThrownBy(() -> OfflineEngine.run(TARGET, ctx -> ctx.log().error("model registry unreachable")))
                .isInstanceOf(PreviewFailedException.class).hasMessageContaining("model registry unreachable");
        OfflineEngine.Run run = OfflineEngine.run(TARGET, ctx -> ctx.log().warn("no approved package yet"));
        assertThat(run.diagnostics()).containsExactly(new Diagnostic("", "warning", "no approved package yet"));
    }

    @Test
    void aCallToAwsIsRefusedNotAnsweredWithNothing() {
        assertThatThrownBy(() -> OfflineEngine.run(TARGET, ctx ->
                ctx.export("b", S3Functions.getBucket(GetBucketArgs.builder().bucket("x").build()))))
                .isInstanceOf(PreviewFailedException.class).hasMessageContaining("cannot answer the provider call aws:s3/getBucket:getBucket");
    }

    @Test
    void aStackReferenceNobodyResolvedFailsClearly() {
        assertThatThrownBy(() -> OfflineEngine.run(TARGET, ctx -> new com.pulumi.resources.StackReference("acme/mlops/x")))
                .isInstanceOf(PreviewFailedException.class).hasMessageContaining("no outputs were resolved for the stack reference acme/mlops/x");
    }
}
