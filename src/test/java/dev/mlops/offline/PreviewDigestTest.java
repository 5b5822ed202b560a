package dev.mlops.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.mlops.data.SecureBucket;
import dev.mlops.data.SecureBucketArgs;
import dev.mlops.testing.Previews;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code pulumi preview --json} shape: what tools reading a real preview rely on. */
class PreviewDigestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URN = Pattern.compile("urn:pulumi:[^:]+::mlops::([a-zA-Z0-9:/.$_-]+)::[^:]+");

    @TempDir
    Path temp;

    private static JsonNode digest(String stack) throws IOException {
        StackPreview p = Previews.of(stack).preview();
        return JSON.readTree(PreviewDigest.write(p.config(), p.steps(), p.diagnostics()));
    }

    @Test
    void hasTheTopLevelFieldsOfAPreviewDigest() throws IOException {
        JsonNode root = digest("prod");
        List<String> fields = new ArrayList<>();
        root.fieldNames().forEachRemaining(fields::add);
        // Diagnostics only when there are any: here the note that placeholder packages stand in for the registry.
        assertThat(fields).containsExactly("config", "steps", "diagnostics", "changeSummary");
        assertThat(root.path("diagnostics").path(0).path("message").asText()).contains("placeholder model packages");
        assertThat(root.path("config").path("aws:region").asText()).isEqualTo("eu-west-1");
        assertThat(root.path("config").path("mlops:models").asText()).startsWith("[{");
        // Two reads: the stack promoted from, and this stack's own previous outputs.
        assertThat(root.path("changeSummary").path("create").asInt()).isEqualTo(root.path("steps").size() - 2);
        assertThat(root.path("changeSummary").path("read").asInt()).isEqualTo(2);
    }

    @Test
    void everyStepHasAnOpAUrnAndANewStateWithTheEngineFieldNames() throws IOException {
        for (JsonNode step : digest("prod").path("steps")) {
            assertThat(step.path("op").asText()).isIn("create", "read");
            String urn = step.path("urn").asText();
            assertThat(urn).matches(URN);
            JsonNode state = step.path("newState");
            assertThat(state.path("urn").asText()).isEqualTo(urn);
            assertThat(state.has("custom")).isTrue();
            assertThat(state.path("type").asText()).isNotEmpty();
            assertThat(urn).matches(".*(::|\\$)" + Pattern.quote(state.path("type").asText()) + "::[^:]+");
            assertThat(state.path("inputs").isObject()).isTrue();
            assertThat(state.path("protect").isBoolean()).isTrue();
            assertThat(state.path("retainOnDelete").isBoolean()).isTrue();
            assertThat(state.path("dependencies").isArray()).isTrue();
            assertThat(step.has("detailedDiff")).isTrue();
            if (!state.path("type").asText().equals("pulumi:pulumi:Stack")) {
                assertThat(state.path("parent").asText()).startsWith("urn:pulumi:prod::mlops::");
            }
        }
    }

    @Test
    void qualifiedTypesInUrnsFollowTheParentChain() throws IOException {
        JsonNode bucket = find(digest("staging"), "mlops-staging-data-raw-bucket");
        assertThat(bucket.path("urn").asText()).isEqualTo("urn:pulumi:staging::mlops::pulumi:pulumi:Stack$mlops:data:DataLake"
                + "$mlops:data:SecureBucket$aws:s3/bucketV2:BucketV2::mlops-staging-data-raw-bucket");
    }

    @Test
    void autoNamedPropertiesAreFilledInAndMarkedAsDefaults() throws IOException {
        JsonNode inputs = find(digest("staging"), "mlops-staging-data-raw-bucket").path("newState").path("inputs");
        assertThat(inputs.path("bucket").asText()).matches("mlops-staging-data-raw-bucket-[0-9a-f]{7}");
        assertThat(inputs.path("__defaults").toString()).isEqualTo("[\"bucket\"]");
    }

    @Test
    void writesLikeGoMarshalIndent() throws IOException {
        StackPreview p = Previews.of("staging").preview();
        String text = PreviewDigest.write(p.config(), p.steps(), p.diagnostics());
        assertThat(text).startsWith("{\n    \"config\": {\n        \"aws:region\": \"eu-west-1\",")
                .contains("\"dependencies\": [],").contains("\"detailedDiff\": null").endsWith("}\n");
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        StackPreview p = Previews.of("prod").preview();
        Path file = temp.resolve("prod.json");
        Files.writeString(file, PreviewDigest.write(p.config(), p.steps(), p.diagnostics()));
        PreviewDigest.Document read = PreviewDigest.read(file);
        assertThat(read.config()).isEqualTo(p.config());
        assertThat(read.steps()).isEqualTo(p.steps());
    }

    @Test
    void readsARealPulumiPreviewWithOmittedFields() throws IOException, URISyntaxException {
        Path file = Path.of(getClass().getResource("/previews/real-preview.json").toURI());
        PreviewDigest.Document read = PreviewDigest.read(file);
        assertThat(read.config()).containsEntry("mlops:webhook", "[secret]");
        assertThat(read.steps()).extracting(PreviewStep::op).containsExactly("same", "same", "update", "delete");
        ResourceState bucket = read.steps().get(2).newState().orElseThrow();
        assertThat(bucket.protect()).isTrue();
        assertThat(bucket.retainOnDelete()).isFalse();
        assertThat(bucket.dependencies()).isEmpty();
        assertThat(bucket.input("tags.team").asText()).isEqualTo("ml");
        assertThat(read.steps().get(2).detailedDiff()).containsEntry("tags", "add");
        assertThat(read.resultingResources()).extracting(ResourceState::name).containsExactly("mlops-dev", "aws", "logs");
    }

    @Test
    void aSecureBucketPreviewMatchesTheGoldenFile() throws IOException {
        OfflineEngine.Run run = OfflineEngine.run(new OfflineEngine.Target("mlops", "golden", "123456789012", "eu-west-1", Map.of()),
                ctx -> new SecureBucket("golden", new SecureBucketArgs("capture",
                        Output.of("arn:aws:kms:eu-west-1:123456789012:key/1111"), 14,
                        Optional.of(new SecureBucketArgs.Expiry(30, 60)), true, true), ComponentResourceOptions.Empty));
        String actual = PreviewDigest.write(new java.util.TreeMap<>(), run.steps(), run.diagnostics());
        Golden.assertMatches("golden/secure-bucket.preview.json", actual);
    }

    private static JsonNode find(JsonNode digest, String name) {
        for (JsonNode step : digest.path("steps")) {
            if (step.path("urn").asText().endsWith("::" + name)) {
                return step;
            }
        }
        throw new AssertionError("no step for " + name);
    }
}
