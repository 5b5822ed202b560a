package dev.mlops.functions.metrics;

import dev.mlops.functions.metrics.EvaluationReport.VariantResult;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Publishes an {@link EvaluationReport} as CloudWatch metrics in Embedded Metric Format, through Powertools:
 * one EMF document per variant and one for the ground truth, written to stdout and turned into metrics by
 * CloudWatch Logs — no PutMetricData call, no extra permission.
 *
 * <p>Per variant, under two dimension sets, {@code Endpoint, Variant, ModelVersion} and {@code Endpoint, Variant}:
 * {@code MSE}, {@code RMSE}, {@code MAE} (unit None; only with at least one labelled sample), {@code R2}
 * (only when defined, see {@link QualityMetrics}), and the counts {@code LabelledSamples},
 * {@code MissingLabels}, {@code MalformedRecords}, {@code NonFiniteValues} (always, so an alarm on a count of
 * zero has data). For the ground truth, dimension {@code Endpoint}: {@code GroundTruthLabels},
 * {@code MalformedLabels}, {@code NonFiniteLabels}, {@code DuplicateLabels}.
 *
 * <p>Each document sets its dimension set as the default dimensions, which replaces EMF's own defaults
 * (LogGroup, ServiceName, ServiceType). Alarms and dashboards use {@code Endpoint, Variant}, which stays the same when a
 * variant's model version changes; {@code ModelVersion} is there to compare versions.
 */
public final class QualityPublisher {

    public static final String ENDPOINT = "Endpoint";
    public static final String VARIANT = "Variant";
    public static final String MODEL_VERSION = "ModelVersion";

    private final Metrics metrics;

    /** @param metrics a Powertools metrics instance with its namespace set */
    public QualityPublisher(Metrics metrics) {
        this.metrics = metrics;
    }

    public void publish(EvaluationReport report) {
        for (VariantResult variant : report.variants()) {
            metrics.flushMetrics(document -> {
                document.setDefaultDimensions(DimensionSet.of(ENDPOINT, report.endpoint(),
                        VARIANT, variant.spec().name(), MODEL_VERSION, variant.spec().modelVersion()));
                // The same values without the version: alarms and dashboards follow a variant across versions.
                document.addDimension(DimensionSet.of(ENDPOINT, report.endpoint(), VARIANT, variant.spec().name()));
                QualityMetrics quality = variant.metrics();
                if (quality.hasSamples()) {
                    document.addMetric("MSE", quality.mse(), MetricUnit.NONE);
                    document.addMetric("RMSE", quality.rmse(), MetricUnit.NONE);
                    document.addMetric("MAE", quality.mae(), MetricUnit.NONE);
                }
                quality.rSquared().ifPresent(r2 -> document.addMetric("R2", r2, MetricUnit.NONE));
                document.addMetric("LabelledSamples", quality.samples(), MetricUnit.COUNT);
                document.addMetric("MissingLabels", variant.missingLabels(), MetricUnit.COUNT);
                document.addMetric("MalformedRecords", variant.malformed(), MetricUnit.COUNT);
                document.addMetric("NonFiniteValues", variant.nonFinite(), MetricUnit.COUNT);
            });
        }
        GroundTruthIndex.LabelSummary labels = report.labels();
        metrics.flushMetrics(document -> {
            document.setDefaultDimensions(DimensionSet.of(ENDPOINT, report.endpoint()));
            document.addMetric("GroundTruthLabels", labels.labels(), MetricUnit.COUNT);
            document.addMetric("MalformedLabels", labels.malformed(), MetricUnit.COUNT);
            document.addMetric("NonFiniteLabels", labels.nonFinite(), MetricUnit.COUNT);
            document.addMetric("DuplicateLabels", labels.duplicates(), MetricUnit.COUNT);
        });
    }
}
