package dev.mlops.functions.versioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelVersionTest {

    @Test
    void printsAndParsesTheSameText() {
        ModelVersion version = new ModelVersion(12, 3, 40);

        assertThat(version).hasToString("V12.3.40");
        assertThat(ModelVersion.parse("V12.3.40")).contains(version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.0.0", "v1.0.0", "V0.0.0", "V1.0", "V1.0.0.0", "V01.0.0", "V1.00.0", "V1.0.-1",
            " V1.0.0", "V1.0.0 ", "V1.x.0", "V9999999999.0.0"})
    void parsesNothingElse(String text) {
        assertThat(ModelVersion.parse(text)).isEmpty();
    }

    @Test
    void aCodeChangeRaisesTheManualRevisionAndResetsTheAutoRevision() {
        assertThat(new ModelVersion(2, 1, 5).next(TriggerType.CODE_CHANGE)).isEqualTo(new ModelVersion(2, 2, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"scheduled", "new-data", "drift"})
    void everyRetrainingRaisesTheAutoRevision(String label) {
        TriggerType trigger = TriggerType.fromLabel(label).orElseThrow();

        assertThat(new ModelVersion(2, 1, 5).next(trigger)).isEqualTo(new ModelVersion(2, 1, 6));
    }

    @Test
    void ordersByTagThenManualThenAuto() {
        assertThat(new ModelVersion(1, 9, 9)).isLessThan(new ModelVersion(2, 0, 0));
        assertThat(new ModelVersion(2, 0, 9)).isLessThan(new ModelVersion(2, 1, 0));
        assertThat(new ModelVersion(2, 1, 0)).isLessThan(new ModelVersion(2, 1, 1));
    }

    @Test
    void rejectsImpossibleVersions() {
        assertThatThrownBy(() -> new ModelVersion(0, 0, 0)).hasMessageContaining("V0.0.0");
        assertThatThrownBy(() -> new ModelVersion(1, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void triggerLabelsAreExactlyThePipelinesValues() {
        assertThat(TriggerType.labels()).isEqualTo("code-change, scheduled, new-data, drift");
        assertThat(TriggerType.fromLabel("Scheduled")).isEmpty();
        assertThat(TriggerType.fromLabel(null)).isEmpty();
    }
}
