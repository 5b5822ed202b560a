package dev.mlops.functions.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlops.functions.gate.GateMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsSettingsTest {

    static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("CAPTURE_BUCKET", "mlops-staging-capture");
        env.put("ENDPOINT_NAME", "house-prices");
        env.put("PRODUCTION_VARIANT", "AllTraffic");
        env.put("MODEL_VERSIONS", "AllTraffic=V1.0.3");
        return env;
    }

    @Test
    void readsTheMinimalEnvironmentWithDefaults() {
        MetricsSettings settings = MetricsSettings.fromEnvironment(minimal());

        assertThat(settings.captureBucket()).isEqualTo("mlops-staging-capture");
        assertThat(settings.variants()).containsExactly(new VariantSpec("AllTraffic", VariantSpec.Role.PRODUCTION, "V1.0.3"));
        assertThat(settings.windowHours()).isEqualTo(24);
        assertThat(settings.namespace()).isEqualTo("mlops/ModelQuality");
        assertThat(settings.gate().mode()).isEqualTo(GateMode.OFF);
        Instant hour = Instant.parse("2026-11-23T09:00:00Z");
        assertThat(settings.layout().captureFolder("AllTraffic", hour)).isEqualTo("house-prices/AllTraffic/2026/11/23/09/");
        assertThat(settings.layout().groundTruthFolder(hour)).isEqualTo("ground-truth/house-prices/2026/11/23/09/");
    }

    @Test
    void readsAChampionAndChallengerWithAnAutomaticGate() {
        Map<String, String> env = minimal();
        env.put("CAPTURE_PREFIX", "datacapture");
        env.put("GROUND_TRUTH_PREFIX", "labels/");
        env.put("SHADOW_VARIANT", "Challenger");
        env.put("MODEL_VERSIONS", "AllTraffic=V1.0.3, Challenger=V1.1.0");
        env.put("WINDOW_HOURS", "6");
        env.put("POWERTOOLS_METRICS_NAMESPACE", "mlops-staging/quality");
        env.put("GATE_MODE", "AUTO");
        env.put("GATE_MIN_SAMPLES", "500");
        env.put("GATE_MIN_IMPROVEMENT", "0.1");
        env.put("CHALLENGER_MODEL_PACKAGE_ARN", "arn:aws:sagemaker:eu-west-1:123456789012:model-package/house-prices/7");

        MetricsSettings settings = MetricsSettings.fromEnvironment(env);

        assertThat(settings.variants()).containsExactly(
                new VariantSpec("AllTraffic", VariantSpec.Role.PRODUCTION, "V1.0.3"),
                new VariantSpec("Challenger", VariantSpec.Role.SHADOW, "V1.1.0"));
        assertThat(settings.windowHours()).isEqualTo(6);
        assertThat(settings.namespace()).isEqualTo("mlops-staging/quality");
        assertThat(settings.layout().captureFolder("Challenger", Instant.parse("2026-11-23T09:00:00Z")))
                .isEqualTo("datacapture/house-prices/Challenger/2026/11/23/09/");
        assertThat(settings.layout().groundTruthPrefix()).isEqualTo("labels");
        assertThat(settings.gate().mode()).isEqualTo(GateMode.AUTO);
        assertThat(settings.gate().minSamples()).isEqualTo(500);
        assertThat(settings.gate().minImprovement()).isEqualTo(0.1);
    }

    @Test
    void reportsEveryProblemAtOnceNamingTheVariable() {
        Map<String, String> env = new HashMap<>();
        env.put("CAPTURE_BUCKET", "Not_A_Bucket");
        env.put("PRODUCTION_VARIANT", "AllTraffic");
        env.put("SHADOW_VARIANT", "AllTraffic");
        env.put("MODEL_VERSIONS", "AllTraffic=V1,Other=V2,broken");
        env.put("WINDOW_HOURS", "0");
        env.put("GATE_MODE", "sometimes");
        env.put("GATE_MIN_IMPROVEMENT", "5%");

        assertThatThrownBy(() -> MetricsSettings.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CAPTURE_BUCKET: 'Not_A_Bucket' is not an S3 bucket name")
                .hasMessageContaining("ENDPOINT_NAME: required")
                .hasMessageContaining("SHADOW_VARIANT: 'AllTraffic' is also PRODUCTION_VARIANT")
                .hasMessageContaining("MODEL_VERSIONS: entry 'broken' is not variant=version")
                .hasMessageContaining("MODEL_VERSIONS: names variant 'Other'")
                .hasMessageContaining("WINDOW_HOURS: '0' is not a whole number of hours in 1..720")
                .hasMessageContaining("GATE_MODE: 'sometimes' is not one of off, auto, manual")
                .hasMessageContaining("GATE_MIN_IMPROVEMENT: '5%' is not a fraction in [0, 1)");
    }

    @Test
    void everyVariantNeedsAModelVersion() {
        Map<String, String> env = minimal();
        env.put("SHADOW_VARIANT", "Challenger");

        assertThatThrownBy(() -> MetricsSettings.fromEnvironment(env))
                .hasMessageContaining("MODEL_VERSIONS: has no entry for shadow variant 'Challenger'");
    }

    @Test
    void theGateNeedsAChallengerAndItsPackageAndManualModeATopic() {
        Map<String, String> env = minimal();
        env.put("GATE_MODE", "manual");
        env.put("CHALLENGER_MODEL_PACKAGE_ARN", "house-prices/7");

        assertThatThrownBy(() -> MetricsSettings.fromEnvironment(env))
                .hasMessageContaining("SHADOW_VARIANT: required when GATE_MODE is manual")
                .hasMessageContaining("CHALLENGER_MODEL_PACKAGE_ARN: 'house-prices/7' is not a SageMaker model package ARN")
                .hasMessageContaining("APPROVAL_TOPIC_ARN: required when GATE_MODE is manual");
    }
}
