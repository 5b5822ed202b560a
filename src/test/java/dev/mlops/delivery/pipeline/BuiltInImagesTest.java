package dev.mlops.delivery.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The built-in image table against sagemaker-python-sdk's image_uri_config (excerpts in src/test/resources/pipeline). */
class BuiltInImagesTest {

    @Test
    void xgboostAndSklearnImagesOfARegion() {
        assertThat(BuiltInImages.xgboost("eu-west-1")).isEqualTo("141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1");
        assertThat(BuiltInImages.sklearn("us-east-1"))
                .isEqualTo("683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3");
    }

    @ParameterizedTest
    @CsvSource({"cn-north-1, 450853457545.dkr.ecr.cn-north-1.amazonaws.com.cn", "us-gov-west-1, 414596584902.dkr.ecr.us-gov-west-1.amazonaws.com"})
    void partitionsUseTheirOwnDomain(String region, String registry) {
        assertThat(BuiltInImages.xgboost(region)).startsWith(registry + "/");
    }

    @Test
    void anUnknownRegionIsAClearError() {
        assertThatThrownBy(() -> BuiltInImages.xgboost("eu-middle-9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no SageMaker built-in image registry is known for region \"eu-middle-9\"")
                .hasMessageContaining("eu-west-1");
        assertThatThrownBy(() -> BuiltInImages.sklearn("us-iso-east-1")).hasMessageContaining("us-iso-east-1");
    }

    @Test
    void theTableIsTheSdksForBothImagesWithoutTheIsolatedRegions() throws IOException {
        for (String[] image : new String[][] {{"xgboost", BuiltInImages.XGBOOST_VERSION}, {"sklearn", BuiltInImages.SKLEARN_VERSION}}) {
            JsonNode version = sdkConfig(image[0]).path("training").path("versions").path(image[1]);
            Map<String, String> sdk = new TreeMap<>();
            version.get("registries").properties().forEach(e -> {
                if (!e.getKey().contains("-iso")) {
                    sdk.put(e.getKey(), e.getValue().asText());
                }
            });
            assertThat(new TreeMap<>(BuiltInImages.ACCOUNTS)).as(image[0]).isEqualTo(sdk);
            assertThat(version.get("repository").asText()).isEqualTo("xgboost".equals(image[0]) ? "sagemaker-xgboost" : "sagemaker-scikit-learn");
        }
        JsonNode sklearn = sdkConfig("sklearn").path("training").path("versions").path(BuiltInImages.SKLEARN_VERSION);
        // sagemaker-python-sdk's tag is <version>-<processor>-<python version> when the config lists them.
        assertThat(BuiltInImages.SKLEARN_TAG).isEqualTo(BuiltInImages.SKLEARN_VERSION + "-" + sklearn.get("processors").get(0).asText()
                + "-" + sklearn.get("py_versions").get(0).asText());
        assertThat(sdkConfig("xgboost").path("training").path("versions").path(BuiltInImages.XGBOOST_VERSION).has("processors")).isFalse();
    }

    private static JsonNode sdkConfig(String framework) throws IOException {
        try (InputStream in = BuiltInImagesTest.class.getResourceAsStream("/pipeline/image_uri_config-" + framework + ".json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
