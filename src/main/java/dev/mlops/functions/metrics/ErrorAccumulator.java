package dev.mlops.functions.metrics;

/**
 * Regression error statistics of one endpoint variant, accumulated one (label, prediction) pair at a time in
 * constant memory: MSE, RMSE, MAE and R².
 *
 * <p>Numerics: the squared and absolute errors are summed with Neumaier's compensated summation, so a few
 * large errors do not swallow millions of small ones; the labels' sum of squared deviations (the denominator
 * of R²) uses Welford's update, which stays exact for labels with a large common offset (1e9 + small
 * variation), where the textbook {@code Σy² − n·ȳ²} cancels catastrophically.
 *
 * <p>A pair is rejected, and nothing changes, when either value is NaN or infinite or when its squared
 * error or any running sum would overflow a double: published figures are always finite, which CloudWatch
 * requires. Not thread-safe; one instance per variant.
 */
public final class ErrorAccumulator {

    private long count;
    private final CompensatedSum squaredErrors = new CompensatedSum();
    private final CompensatedSum absoluteErrors = new CompensatedSum();
    private double labelMean;
    private double labelSquaredDeviations;

    /**
     * Adds one labelled prediction.
     *
     * @return {@code false} (and the pair is ignored) when a value is not finite or the pair would overflow
     */
    public boolean add(double label, double prediction) {
        if (!Double.isFinite(label) || !Double.isFinite(prediction)) {
            return false;
        }
        double error = label - prediction;
        double squaredError = error * error;
        double absoluteError = Math.abs(error);
        // Welford: the new mean and the new sum of squared deviations from the mean.
        long newCount = count + 1;
        double delta = label - labelMean;
        double newMean = labelMean + delta / newCount;
        double newDeviations = labelSquaredDeviations + delta * (label - newMean);
        if (!Double.isFinite(squaredError) || !Double.isFinite(newDeviations)
                || !squaredErrors.canAdd(squaredError) || !absoluteErrors.canAdd(absoluteError)) {
            return false;
        }
        count = newCount;
        labelMean = newMean;
        labelSquaredDeviations = newDeviations;
        squaredErrors.add(squaredError);
        absoluteErrors.add(absoluteError);
        return true;
    }

    /** Number of pairs accepted so far. */
    public long count() {
        return count;
    }

    /** Sum of squared errors (compensated). */
    public double sumOfSquaredErrors() {
        return squaredErrors.value();
    }

    /** Sum of squared deviations of the labels from their mean (Welford). */
    public double labelSumOfSquares() {
        return labelSquaredDeviations;
    }

    /** The metrics of the pairs so far; see {@link QualityMetrics} for what is defined when. */
    public QualityMetrics result() {
        return QualityMetrics.of(count, squaredErrors.value(), absoluteErrors.value(), labelSquaredDeviations);
    }

    /** Neumaier's variant of Kahan summation: also exact when a term is larger than the running sum. */
    static final class CompensatedSum {
        private double sum;
        private double compensation;

        boolean canAdd(double term) {
            return Double.isFinite(sum + term);
        }

        void add(double term) {
            double next = sum + term;
            if (Math.abs(sum) >= Math.abs(term)) {
                compensation += (sum - next) + term;
            } else {
                compensation += (term - next) + sum;
            }
            sum = next;
        }

        double value() {
            return sum + compensation;
        }
    }
}
