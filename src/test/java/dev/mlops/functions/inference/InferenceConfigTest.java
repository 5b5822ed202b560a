package dev.mlops.functions.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The environment is read once; a wrong one fails the function's start with every problem named. */
class InferenceConfigTest {

    static final String MODELS = """
            {"house-prices": {"endpoint": "mlops-prod-house-prices-1a2b3c4", "features": 5,
                              "versions": {"champion": "V1.0.2", "challenger": "V1.0.3"}},
             "rent": {"endpoint": "mlops-prod-rent-9z8y7x6", "features": 3, "versions": {"champion": "V2.1.0"}}}""";

    @Test
    void readsTheModelsAndDefaults() {
        InferenceConfig config = InferenceConfig.fromEnvironment(Map.of("MODELS", MODELS));
        assertThat(config.models()).containsOnlyKeys("house-prices", "rent");
        ModelRoute route = config.route("house-prices").orElseThrow();
        assertThat(route.endpointName()).isEqualTo("mlops-prod-house-prices-1a2b3c4");
        assertThat(route.featureCount()).isEqualTo(5);
        assertThat(route.versionOf("challenger")).contains("V1.0.3");
        assertThat(route.versionOf("shadow")).isEmpty();
        assertThat(config.maxBodyBytes()).isEqualTo(InferenceConfig.DEFAULT_MAX_BODY_BYTES);
        assertThat(config.maxRows()).isEqualTo(InferenceConfig.DEFAULT_MAX_ROWS);
        assertThat(config.metricsNamespace()).isEqualTo("mlops");
        assertThat(config.route("House-Prices")).isEmpty();
        assertThat(config.route(null)).isEmpty();
    }

    @Test
    void readsTheLimitsAndTheMetricsNamespace() {
        InferenceConfig config = InferenceConfig.fromEnvironment(Map.of("MODELS", MODELS, "MAX_BODY_BYTES", "1024", "MAX_ROWS", " 10 ",
                "POWERTOOLS_METRICS_NAMESPACE", "mlops/prod"));
        assertThat(config.maxBodyBytes()).isEqualTo(1024);
        assertThat(config.maxRows()).isEqualTo(10);
        assertThat(config.metricsNamespace()).isEqualTo("mlops/prod");
    }

    @Test
    void withoutModelsTheFunctionDoesNotStart() {
        assertThatThrownBy(() -> InferenceConfig.fromEnvironment(Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the inference function's environment is wrong:")
                .hasMessageContaining("MODELS: is required: a JSON object of model name to {endpoint, features, versions}");
        assertThatThrownBy(() -> InferenceConfig.fromEnvironment(Map.of("MODELS", "{}")))
                .hasMessageContaining("MODELS: expected a non-empty JSON object");
        assertThatThrownBy(() -> InferenceConfig.fromEnvironment(Map.of("MODELS", "{\"house-prices\": ")))
                .hasMessageContaining("MODELS: is not JSON");
    }

    @Test
    void reportsEveryProblemWithItsKey() {
        String models = """
                {"house-prices": {"endpoint": "mlops_prod_house_prices", "features": 0, "versions": {"champion": "1.0.2"}, "feature": 5},
                 "Rent": {"endpoint": "mlops-prod-rent", "features": "3", "versions": {}},
                 "churn": {"features": 1.5, "versions": {"bad_variant": "V1.0.0"}},
                 "fraud": "mlops-prod-fraud"}""";
        assertThatThrownBy(() -> InferenceConfig.fromEnvironment(Map.of("MODELS", models, "MAX_BODY_BYTES", "lots", "MAX_ROWS", "0"))).satisfies(e ->
                assertThat(e.getMessage().lines().skip(1).map(String::strip)).containsExactlyInAnyOrder(
                        "MODELS.house-prices.feature: unknown key; a model has endpoint, features and versions",
                        "MODELS.house-prices.endpoint: \"mlops_prod_house_prices\" is not a SageMaker endpoint name (1 to 63 letters, digits and"
                                + " hyphens, starting and ending with a letter or digit)",
                        "MODELS.house-prices.features: 0 is out of range 1..10000",
                        "MODELS.house-prices.versions.champion: \"1.0.2\" is not a model version such as \"V1.0.2\" (or package-<n>, placeholder)",
                        "MODELS.Rent: \"Rent\" is not a model name (lowercase letters, digits and single hyphens, at most 63)",
                        "MODELS.Rent.features: \"3\" is not a whole number",
                        "MODELS.Rent.versions: expected a non-empty object: production variant name to model version, e.g. {\"champion\": \"V1.0.2\"}",
                        "MODELS.churn.endpoint: is required: the SageMaker endpoint's name",
                        "MODELS.churn.features: 1.5 is not a whole number",
                        "MODELS.churn.versions.bad_variant: \"bad_variant\" is not a SageMaker variant name",
                        "MODELS.fraud: expected {\"endpoint\": ..., \"features\": ..., \"versions\": {...}}, found \"mlops-prod-fraud\"",
                        "MAX_BODY_BYTES: \"lots\" is not a whole number",
                        "MAX_ROWS: 0 is out of range 1..10000"));
    }
}
