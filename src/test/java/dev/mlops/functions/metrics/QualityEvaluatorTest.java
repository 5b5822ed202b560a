package dev.mlops.functions.metrics;

import static dev.mlops.functions.metrics.CaptureFixtures.capture;
import static dev.mlops.functions.metrics.CaptureFixtures.label;
import static dev.mlops.functions.metrics.CaptureFixtures.lines;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlops.functions.metrics.EvaluationReport.VariantResult;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityEvaluatorTest {

    private static final CaptureLayout LAYOUT = new CaptureLayout("capture", "ground-truth", "house-prices");
    private static final VariantSpec CHAMPION = new VariantSpec("AllTraffic", VariantSpec.Role.PRODUCTION, "V1.0.3");
    private static final VariantSpec CHALLENGER = new VariantSpec("Shadow", VariantSpec.Role.SHADOW, "V1.1.0");
    private static final EvaluationWindow WINDOW = EvaluationWindow.endingAt(Instant.parse("2026-11-23T10:05:00Z"), 2);

    private static EvaluationReport evaluate(CaptureFixtures.MapObjectSource source) throws IOException {
        return new QualityEvaluator(source, LAYOUT, List.of(CHAMPION, CHALLENGER), 4096).evaluate(WINDOW);
    }

    @Test
    void joinsEachVariantsPredictionsWithTheLabelsOfTheWindow() throws IOException {
        CaptureFixtures.MapObjectSource source = new CaptureFixtures.MapObjectSource()
                // labels: one collected in a captured hour, two in the current hour (they arrive late)
                .put("ground-truth/house-prices/2026/11/23/08/a.jsonl", lines(List.of(label("r1", 3))))
                .put("ground-truth/house-prices/2026/11/23/10/b.jsonl", lines(List.of(label("r2", -0.5), label("r3", 2), label("r4", 7))))
                .put("capture/house-prices/AllTraffic/2026/11/23/08/x.jsonl", lines(List.of(capture("r1", 2.5), capture("r2", 0))))
                .put("capture/house-prices/AllTraffic/2026/11/23/09/y.jsonl", lines(List.of(capture("r3", 2), capture("r4", 8))))
                .put("capture/house-prices/Shadow/2026/11/23/09/z.jsonl",
                        lines(List.of(capture("r1", 3), capture("r2", -0.5), capture("r3", 2), capture("r4", 7))));

        EvaluationReport report = evaluate(source);

        VariantResult champion = report.variant(VariantSpec.Role.PRODUCTION).orElseThrow();
        assertThat(champion.spec()).isEqualTo(CHAMPION);
        assertThat(champion.metrics().samples()).isEqualTo(4);
        assertThat(champion.metrics().mse()).isEqualTo(0.375);
        VariantResult challenger = report.variant(VariantSpec.Role.SHADOW).orElseThrow();
        assertThat(challenger.metrics().mse()).isZero();
        assertThat(challenger.metrics().rSquared()).hasValue(1.0);
        assertThat(report.labels().labels()).isEqualTo(4);
        assertThat(report.objectsRead()).isEqualTo(5);
        assertThat(report.captureRecords()).isEqualTo(8);
    }

    @Test
    void readsOnlyTheHoursOfTheWindow() throws IOException {
        CaptureFixtures.MapObjectSource source = new CaptureFixtures.MapObjectSource()
                .put("ground-truth/house-prices/2026/11/23/09/a.jsonl", lines(List.of(label("old", 1), label("now", 1), label("new", 1))))
                .put("ground-truth/house-prices/2026/11/22/09/early.jsonl", lines(List.of(label("skipped", 1))))
                .put("capture/house-prices/AllTraffic/2026/11/23/07/before.jsonl", lines(List.of(capture("old", 5))))
                .put("capture/house-prices/AllTraffic/2026/11/23/09/in.jsonl", lines(List.of(capture("now", 2))))
                .put("capture/house-prices/AllTraffic/2026/11/23/10/current.jsonl", lines(List.of(capture("new", 9))));

        EvaluationReport report = evaluate(source);

        VariantResult champion = report.variant(VariantSpec.Role.PRODUCTION).orElseThrow();
        assertThat(champion.records()).isEqualTo(1);
        assertThat(champion.metrics().mse()).isEqualTo(1.0);
        assertThat(report.labels().labels()).isEqualTo(3);
    }

    @Test
    void countsEveryUnusableLineWithoutFailing() throws IOException {
        CaptureFixtures.MapObjectSource source = new CaptureFixtures.MapObjectSource()
                .put("ground-truth/house-prices/2026/11/23/09/a.jsonl", lines(List.of(
                        label("r1", 10), label("r2", 20), label("r3", "nan"), label("r1", 11),
                        "{\"groundTruthData\":", label("r9", "ten"), "x".repeat(5000))))
                .put("capture/house-prices/AllTraffic/2026/11/23/09/x.jsonl", lines(List.of(
                        capture("r1", 12),            // label 11 (the later one wins): error 1
                        capture("r2", "inf"),         // non-finite prediction
                        capture("r3", 30),            // NaN label: a non-finite pair
                        capture("r4", 40),            // no label
                        capture("r5", "1,2"),         // two values
                        "{\"captureData\": [",        // truncated
                        "y".repeat(5000))));          // over the 4096-byte line limit

        EvaluationReport report = evaluate(source);

        VariantResult champion = report.variant(VariantSpec.Role.PRODUCTION).orElseThrow();
        assertThat(champion.records()).isEqualTo(7);
        assertThat(champion.metrics().samples()).isEqualTo(1);
        assertThat(champion.metrics().mse()).isEqualTo(1.0);
        assertThat(champion.missingLabels()).isEqualTo(1);
        assertThat(champion.nonFinite()).isEqualTo(2);
        assertThat(champion.malformed()).isEqualTo(3);
        assertThat(champion.problems()).isEqualTo(Map.of(
                RecordProblem.MALFORMED_JSON, 1L, RecordProblem.LINE_TOO_LONG, 1L,
                RecordProblem.UNREADABLE_VALUE, 1L, RecordProblem.NON_FINITE_VALUE, 2L));
        assertThat(report.labels().lines()).isEqualTo(7);
        assertThat(report.labels().labels()).isEqualTo(3);
        assertThat(report.labels().duplicates()).isEqualTo(1);
        assertThat(report.labels().nonFinite()).isEqualTo(1);
        assertThat(report.labels().malformed()).isEqualTo(3);
    }

    @Test
    void aVariantWithoutCaptureHasNoFigures() throws IOException {
        EvaluationReport report = evaluate(new CaptureFixtures.MapObjectSource());

        assertThat(report.variants()).extracting(v -> v.metrics().hasSamples()).containsExactly(false, false);
        assertThat(report.labels().labels()).isZero();
    }
}
