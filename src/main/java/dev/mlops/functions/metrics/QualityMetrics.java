package dev.mlops.functions.metrics;

import java.util.OptionalDouble;

/**
 * Quality of a regression model over {@code samples} labelled predictions.
 *
 * <p>Definitions, with e = label − prediction and ȳ the mean label:
 * <ul>
 *   <li>MSE = Σe² / n, RMSE = √MSE, MAE = Σ|e| / n — defined for n ≥ 1;</li>
 *   <li>R² = 1 − Σe² / Σ(y − ȳ)² — defined only when n ≥ 2 and the labels are not all equal. With constant
 *       labels the denominator is zero and R² has no meaningful value (scikit-learn reports 1.0 or 0.0 by
 *       convention; a 0.0 would fire a "quality dropped" alarm for a perfectly good model), so it is
 *       {@linkplain OptionalDouble#empty() absent}: not published, and logged as undefined. R² may be
 *       negative: the model is worse than predicting the mean.</li>
 * </ul>
 * With n = 0 every figure is absent; {@link #hasSamples()} tells.
 */
public record QualityMetrics(long samples, double mse, double rmse, double mae, OptionalDouble rSquared) {

    /** No labelled predictions: nothing to report but the count. */
    public static final QualityMetrics EMPTY = new QualityMetrics(0, Double.NaN, Double.NaN, Double.NaN, OptionalDouble.empty());

    public QualityMetrics {
        if (samples < 0) {
            throw new IllegalArgumentException("samples must not be negative: " + samples);
        }
    }

    static QualityMetrics of(long samples, double sumSquaredErrors, double sumAbsoluteErrors, double labelSumOfSquares) {
        if (samples == 0) {
            return EMPTY;
        }
        double mse = sumSquaredErrors / samples;
        double ratio = sumSquaredErrors / labelSumOfSquares;
        // A label spread so small that the ratio overflows is treated like constant labels.
        OptionalDouble rSquared = samples >= 2 && labelSumOfSquares > 0 && Double.isFinite(ratio)
                ? OptionalDouble.of(1 - ratio)
                : OptionalDouble.empty();
        return new QualityMetrics(samples, mse, Math.sqrt(mse), sumAbsoluteErrors / samples, rSquared);
    }

    public boolean hasSamples() {
        return samples > 0;
    }
}
