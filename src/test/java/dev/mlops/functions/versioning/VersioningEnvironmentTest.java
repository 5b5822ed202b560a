package dev.mlops.functions.versioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class VersioningEnvironmentTest {

    @Test
    void readsTheRegionAndTheMetricsNamespace() {
        VersioningEnvironment env = VersioningEnvironment.from(
                Map.of("AWS_REGION", "eu-west-1", "POWERTOOLS_METRICS_NAMESPACE", "mlops/staging"));

        assertThat(env.region()).isEqualTo(Region.EU_WEST_1);
        assertThat(env.metricsNamespace()).isEqualTo("mlops/staging");
    }

    @Test
    void defaultsTheNamespace() {
        assertThat(VersioningEnvironment.from(Map.of("AWS_REGION", "eu-west-1")).metricsNamespace()).isEqualTo("mlops");
    }

    @Test
    void namesAMissingRegion() {
        assertThatThrownBy(() -> VersioningEnvironment.from(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("AWS_REGION is not set");
    }
}
