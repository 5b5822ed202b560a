package dev.mlops.functions.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EvaluationWindowTest {

    @Test
    void coversTheWholeHoursBeforeTheHourOfTheRun() {
        EvaluationWindow window = EvaluationWindow.endingAt(Instant.parse("2026-11-23T10:05:30Z"), 24);

        assertThat(window.start()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(window.end()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(window.captureHours()).hasSize(24)
                .startsWith(Instant.parse("2026-11-22T10:00:00Z"))
                .endsWith(Instant.parse("2026-11-23T09:00:00Z"));
        assertThat(window.toString()).isEqualTo("2026-11-22T10:00:00Z..2026-11-23T10:00:00Z");
    }

    @Test
    void readsLabelsUpToTheCurrentHour() {
        EvaluationWindow window = EvaluationWindow.endingAt(Instant.parse("2026-11-23T10:59:59Z"), 2);

        assertThat(window.labelHours()).containsExactly(Instant.parse("2026-11-23T08:00:00Z"),
                Instant.parse("2026-11-23T09:00:00Z"), Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Test
    void rejectsEmptyAndUnalignedWindows() {
        assertThatThrownBy(() -> EvaluationWindow.endingAt(Instant.EPOCH, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvaluationWindow(Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EvaluationWindow(Instant.parse("2026-11-23T09:30:00Z"), Instant.parse("2026-11-23T10:00:00Z")))
                .hasMessageContaining("whole hours");
    }
}
