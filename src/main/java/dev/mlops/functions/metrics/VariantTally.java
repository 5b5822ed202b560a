package dev.mlops.functions.metrics;

/**
 * Everything known about one variant while its capture files stream past: the error accumulator and the
 * counts of records that could not be used, all of fixed size.
 */
public final class VariantTally {

    private final ErrorAccumulator errors = new ErrorAccumulator();
    private final ProblemCounts problems = new ProblemCounts();
    private long records;
    private long missingLabels;

    /** Joins one parsed capture line with its label, if any, and accumulates the pair. */
    public void accept(ParsedRecord capture, GroundTruthIndex labels) {
        records++;
        if (capture.problem() != null) {
            problems.add(capture.problem());
            return;
        }
        int label = labels.indexOf(capture.id());
        if (label < 0) {
            missingLabels++;
        } else if (!errors.add(labels.label(label), capture.value())) {
            problems.add(RecordProblem.NON_FINITE_VALUE);
        }
    }

    public long records() {
        return records;
    }

    public long missingLabels() {
        return missingLabels;
    }

    public ProblemCounts problems() {
        return problems;
    }

    public QualityMetrics metrics() {
        return errors.result();
    }
}
