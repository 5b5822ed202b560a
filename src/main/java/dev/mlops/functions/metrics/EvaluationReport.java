package dev.mlops.functions.metrics;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of one evaluation: per variant, its quality figures and what could not be used; for the ground
 * truth, what the label files held.
 */
public record EvaluationReport(String endpoint, EvaluationWindow window, GroundTruthIndex.LabelSummary labels,
                               List<VariantResult> variants, long objectsRead, long bytesRead) {

    public EvaluationReport {
        variants = List.copyOf(variants);
    }

    /** The figures of one variant over the window. */
    public record VariantResult(VariantSpec spec, QualityMetrics metrics, long records, long missingLabels,
                                long malformed, long nonFinite, Map<RecordProblem, Long> problems) {
    }

    /** The result of the variant with the given role, if one was evaluated. */
    public Optional<VariantResult> variant(VariantSpec.Role role) {
        return variants.stream().filter(v -> v.spec().role() == role).findFirst();
    }

    /** Capture lines read, over all variants. */
    public long captureRecords() {
        return variants.stream().mapToLong(VariantResult::records).sum();
    }
}
