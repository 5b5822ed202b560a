package dev.mlops.functions.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErrorAccumulatorTest {

    private static ErrorAccumulator accumulate(double[] labels, double[] predictions) {
        ErrorAccumulator accumulator = new ErrorAccumulator();
        for (int i = 0; i < labels.length; i++) {
            assertThat(accumulator.add(labels[i], predictions[i])).isTrue();
        }
        return accumulator;
    }

    @Test
    void matchesHandComputedFiguresOfASmallCase() {
        // errors 0.5, -0.5, 0, -1: SSE 1.5, SAE 2; mean label 2.875, SST 29.1875 (scikit-learn: R² 0.948608...).
        QualityMetrics metrics = accumulate(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0, 2, 8}).result();

        assertThat(metrics.samples()).isEqualTo(4);
        assertThat(metrics.mse()).isEqualTo(0.375);
        assertThat(metrics.rmse()).isEqualTo(Math.sqrt(0.375));
        assertThat(metrics.mae()).isEqualTo(0.5);
        assertThat(metrics.rSquared()).hasValueCloseTo(1 - 1.5 / 29.1875, within(1e-15));
    }

    @Test
    void perfectPredictionsHaveZeroErrorAndRSquaredOne() {
        QualityMetrics metrics = accumulate(new double[] {1, 2, 3, 4.5}, new double[] {1, 2, 3, 4.5}).result();

        assertThat(metrics.mse()).isZero();
        assertThat(metrics.rmse()).isZero();
        assertThat(metrics.mae()).isZero();
        assertThat(metrics.rSquared()).hasValue(1.0);
    }

    @Test
    void rSquaredIsNegativeForAModelWorseThanTheMean() {
        // SSE 8, SST 2.
        QualityMetrics metrics = accumulate(new double[] {1, 2, 3}, new double[] {3, 2, 1}).result();

        assertThat(metrics.rSquared()).hasValue(-3.0);
    }

    @Test
    void rSquaredIsUndefinedForConstantLabelsWhileTheErrorsAreStillReported() {
        QualityMetrics metrics = accumulate(new double[] {5, 5, 5}, new double[] {4, 5, 7}).result();

        assertThat(metrics.rSquared()).isEmpty();
        assertThat(metrics.mse()).isEqualTo(5.0 / 3);
        assertThat(metrics.mae()).isEqualTo(1.0);
    }

    @Test
    void rSquaredIsUndefinedForConstantLabelsEvenWithPerfectPredictions() {
        assertThat(accumulate(new double[] {2, 2}, new double[] {2, 2}).result().rSquared()).isEmpty();
    }

    @Test
    void oneSampleHasErrorsButNoRSquared() {
        QualityMetrics metrics = accumulate(new double[] {10}, new double[] {7}).result();

        assertThat(metrics.samples()).isEqualTo(1);
        assertThat(metrics.mse()).isEqualTo(9.0);
        assertThat(metrics.rmse()).isEqualTo(3.0);
        assertThat(metrics.rSquared()).isEmpty();
    }

    @Test
    void noSamplesGiveTheEmptyResult() {
        QualityMetrics metrics = new ErrorAccumulator().result();

        assertThat(metrics).isSameAs(QualityMetrics.EMPTY);
        assertThat(metrics.hasSamples()).isFalse();
        assertThat(metrics.rSquared()).isEmpty();
    }

    @Test
    void aLargeCommonOffsetDoesNotChangeTheFigures() {
        // The small case shifted by 1e9 (all values exact in binary). Σy² − n·ȳ² would lose the 29.19 to
        // cancellation between two numbers of 4e18; Welford's update keeps it.
        double offset = 1e9;
        QualityMetrics shifted = accumulate(
                new double[] {offset + 3, offset - 0.5, offset + 2, offset + 7},
                new double[] {offset + 2.5, offset, offset + 2, offset + 8}).result();

        assertThat(shifted.mse()).isEqualTo(0.375);
        assertThat(shifted.mae()).isEqualTo(0.5);
        assertThat(shifted.rSquared()).hasValueCloseTo(1 - 1.5 / 29.1875, within(1e-12));
    }

    @Test
    void labelVarianceOfLargeValuesStaysAccurateOverManySamples() {
        // Labels 1e12 + (i mod 10): SST = n/10 · Σ(k − 4.5)² = n · 8.25, exactly.
        ErrorAccumulator accumulator = new ErrorAccumulator();
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            double label = 1e12 + (i % 10);
            accumulator.add(label, label + 1);
        }

        assertThat(accumulator.labelSumOfSquares()).isCloseTo(n * 8.25, within(n * 8.25 * 1e-8));
        // The textbook formula, for contrast: off by far more than the whole spread.
        double sum = 0;
        double sumOfSquares = 0;
        for (int i = 0; i < n; i++) {
            double label = 1e12 + (i % 10);
            sum += label;
            sumOfSquares += label * label;
        }
        assertThat(Math.abs(sumOfSquares - sum * sum / n - n * 8.25)).isGreaterThan(n * 8.25);
        assertThat(accumulator.result().mse()).isEqualTo(1.0);
        assertThat(accumulator.result().rSquared()).hasValueCloseTo(1 - 1 / 8.25, within(1e-9));
    }

    @Test
    void smallErrorsAreNotSwallowedByALargeOne() {
        // 1e16 + 1 == 1e16 in plain double arithmetic; compensated summation keeps every unit.
        ErrorAccumulator accumulator = new ErrorAccumulator();
        accumulator.add(1e8, 0);
        for (int i = 0; i < 10_000; i++) {
            accumulator.add(1, 0);
        }

        assertThat(accumulator.sumOfSquaredErrors()).isEqualTo(1e16 + 10_000);
        assertThat(accumulator.result().mae()).isEqualTo((1e8 + 10_000) / 10_001);
    }

    @Test
    void nonFiniteValuesAreRejectedWithoutTouchingTheFigures() {
        ErrorAccumulator accumulator = accumulate(new double[] {1, 2}, new double[] {1.5, 2.5});
        QualityMetrics before = accumulator.result();

        assertThat(accumulator.add(Double.NaN, 1)).isFalse();
        assertThat(accumulator.add(1, Double.POSITIVE_INFINITY)).isFalse();
        assertThat(accumulator.add(Double.NEGATIVE_INFINITY, 1)).isFalse();

        assertThat(accumulator.result()).isEqualTo(before);
    }

    @Test
    void pairsWhoseSquaredErrorOrLabelSpreadOverflowAreRejected() {
        ErrorAccumulator accumulator = new ErrorAccumulator();

        assertThat(accumulator.add(1e200, -1e200)).as("squared error 4e400").isFalse();
        assertThat(accumulator.add(1e300, 1e300)).isTrue();
        assertThat(accumulator.add(-1e300, -1e300)).as("label deviation 2e300 squared").isFalse();

        QualityMetrics metrics = accumulator.result();
        assertThat(metrics.samples()).isEqualTo(1);
        assertThat(metrics.mse()).isZero();
    }
}
