package dev.mlops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.offline.Previewer;
import dev.mlops.offline.ResourceState;
import dev.mlops.offline.StackOutputs;
import dev.mlops.testing.Previews;
import dev.mlops.testing.Resources;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the platform is wired for each stack: one pinned provider, default tags, outputs, promotion. */
class PlatformTest {

    private static final String PROVIDER = "pulumi:providers:aws";

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void oneExplicitProviderIsPinnedToTheStacksRegionAndAccount(String stack) {
        Resources r = Previews.resources(stack);
        ResourceState provider = r.one(PROVIDER, "aws");
        String account = stack.equals("prod") ? "222222222222" : "111111111111";
        assertThat(provider.input("region").asText()).isEqualTo("eu-west-1");
        // Provider configuration travels as JSON text, as the engine passes it.
        assertThat(provider.input("allowedAccountIds").asText()).isEqualTo("[\"" + account + "\"]");
        assertThat(r.ofType(PROVIDER)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void everyResourceCarriesTheDefaultTags(String stack) {
        String tags = Previews.resources(stack).one(PROVIDER, "aws").input("defaultTags").asText();
        assertThat(tags).contains("\"project\":\"mlops\"", "\"stack\":\"" + stack + "\"", "\"owner\":\"ml-platform\"",
                "\"cost-center\":\"cc-4711\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void everyAwsResourceGoesThroughTheExplicitProvider(String stack) {
        Resources r = Previews.resources(stack);
        String provider = r.one(PROVIDER, "aws").urn();
        assertThat(r.matching(x -> x.custom() && x.type().startsWith("aws:")))
                .isNotEmpty()
                .allSatisfy(x -> assertThat(x.provider()).as(x.name()).startsWith(provider + "::"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "prod"})
    void exportsASmallSetOfCamelCaseOutputs(String stack) {
        Map<String, Object> outputs = Previews.of(stack).preview().outputs().values();
        assertThat(outputs).containsKeys("environment", "accountId", "region", "dataBuckets", "rawKeyArn", "platformKeyArn");
        assertThat(outputs.keySet()).allMatch(k -> k.matches("[a-z][A-Za-z0-9]*"));
        assertThat(outputs.get("environment")).isEqualTo(stack);
    }

    @Test
    void prodPromotesFromStagingThroughAStackReferenceOnly() {
        Resources prod = Previews.resources("prod");
        ResourceState reference = prod.one("pulumi:pulumi:StackReference", "mlops-prod-promotion-stack");
        assertThat(reference.input("name").asText()).isEqualTo("acme/mlops/staging");
        assertThat(Previews.of("prod").preview().steps()).filteredOn(s -> s.urn().equals(reference.urn()))
                .singleElement().satisfies(s -> assertThat(s.op()).isEqualTo("read"));
        assertThat(Previews.resources("staging").ofType("pulumi:pulumi:StackReference")).isEmpty();
    }

    @Test
    void prodKnowsStagingsAccountAndArtifactsBucketFromTheReference() {
        @SuppressWarnings("unchecked")
        Map<String, String> staging = (Map<String, String>) Previews.of("staging").preview().outputs().values().get("dataBuckets");
        @SuppressWarnings("unchecked")
        Map<String, String> source = (Map<String, String>) Previews.of("prod").preview().outputs().values().get("promotionSource");
        assertThat(source).containsEntry("stack", "acme/mlops/staging")
                .containsEntry("accountId", "111111111111")
                .containsEntry("artifactsBucket", staging.get("artifacts"));
    }

    @Test
    void aSourceStackWithoutTheExpectedOutputsIsReportedNotFatal() {
        var given = Map.of("acme/mlops/staging", StackOutputs.of("test", Map.of(), Set.of()));
        Previewer.Result result = Previewer.preview(Previews.PROJECT, "prod", given);
        assertThat(result.preview().diagnostics()).anySatisfy(d -> {
            assertThat(d.severity()).isEqualTo("warning");
            assertThat(d.message()).contains("acme/mlops/staging", "accountId", "dataBuckets.artifacts");
        });
        assertThat(result.notes()).anyMatch(n -> n.contains("outputs from test"));
    }

    @Test
    void namesStartWithProjectAndEnvironment() {
        Naming naming = new Naming("mlops", "staging");
        assertThat(naming.prefix()).isEqualTo("mlops-staging");
        assertThat(naming.component("data")).isEqualTo("mlops-staging-data");
        assertThat(Previews.resources("staging").matching(x -> !x.type().startsWith("pulumi:")))
                .allSatisfy(x -> assertThat(x.name()).startsWith("mlops-staging-"));
    }
}
