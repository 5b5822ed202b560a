package dev.mlops.functions.versioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PackageMetadataTest {

    private static final String ARN = "arn:aws:sagemaker:eu-west-1:111122223333:model-package/house-prices/7";

    @Test
    void readsTheLineageThePipelineRegistered() {
        Registration r = PackageMetadata.read(7, ARN, Map.of("ModelTag", "3", "TriggerType", "new-data"));

        assertThat(r.number()).isEqualTo(7);
        assertThat(r.lineage()).contains(new Lineage(3, TriggerType.NEW_DATA));
        assertThat(r.recorded()).isEmpty();
    }

    @Test
    void readsTheVersionThisFunctionRecorded() {
        Registration r = PackageMetadata.read(7, ARN, Map.of("ModelTag", "3", "TriggerType", "drift",
                "ModelVersion", "V3.0.4"));

        assertThat(r.recorded()).contains(new ModelVersion(3, 0, 4));
    }

    @Test
    void namesEveryMissingProperty() {
        Registration r = PackageMetadata.read(7, ARN, Map.of());

        assertThat(r.lineage()).isEmpty();
        assertThat(r.lineageProblem()).contains("no ModelTag metadata property; no TriggerType metadata property");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.0", " 1", "01", "one", ""})
    void rejectsATagThatIsNotAPositiveInteger(String tag) {
        Registration r = PackageMetadata.read(7, ARN, Map.of("ModelTag", tag, "TriggerType", "scheduled"));

        assertThat(r.lineageProblem()).contains("ModelTag '" + tag + "' is not a positive integer");
    }

    @Test
    void rejectsAnUnknownTrigger() {
        Registration r = PackageMetadata.read(7, ARN, Map.of("ModelTag", "1", "TriggerType", "manual"));

        assertThat(r.lineageProblem())
                .contains("TriggerType 'manual' is not one of code-change, scheduled, new-data, drift");
    }

    @Test
    void aRecordedVersionStandsWithoutLineage() {
        Registration r = PackageMetadata.read(7, ARN, Map.of("ModelVersion", "V1.2.3"));

        assertThat(r.lineage()).isEmpty();
        assertThat(r.recorded()).contains(new ModelVersion(1, 2, 3));
    }

    @Test
    void failsOnARecordedValueThatIsNoVersion() {
        assertThatThrownBy(() -> PackageMetadata.read(7, ARN, Map.of("ModelVersion", "1.2.3")))
                .isInstanceOf(VersioningException.class)
                .hasMessageContaining(ARN)
                .hasMessageContaining("'1.2.3'");
    }

    @Test
    void failsOnARecordedVersionOfAnotherTag() {
        assertThatThrownBy(() -> PackageMetadata.read(7, ARN,
                Map.of("ModelTag", "2", "TriggerType", "drift", "ModelVersion", "V1.0.0")))
                .isInstanceOf(VersioningException.class)
                .hasMessageContaining("carries ModelVersion V1.0.0 but its ModelTag is 2");
    }
}
