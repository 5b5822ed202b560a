package dev.mlops.functions.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Computes the quality of each variant over a window: reads the window's ground-truth labels into a
 * {@link GroundTruthIndex}, then streams every capture file of every variant line by line
 * ({@link JsonLines}) through {@link CaptureRecordParser}, joining each prediction with its label in a
 * {@link VariantTally}.
 *
 * <p>Memory: one line buffer (bounded by the line limit), one fixed-size tally per variant, and the labels.
 * Capture files are never held whole. Objects are read one after the other; an S3 or I/O failure is not a
 * data problem and propagates (the run fails and is retried by the next schedule).
 */
public final class QualityEvaluator {

    private final ObjectSource source;
    private final CaptureLayout layout;
    private final List<VariantSpec> variants;
    private final int maxLineBytes;
    private final JsonFactory json = new JsonFactory();
    private final CaptureRecordParser captureParser = new CaptureRecordParser();
    private final GroundTruthParser groundTruthParser = new GroundTruthParser();

    public QualityEvaluator(ObjectSource source, CaptureLayout layout, List<VariantSpec> variants, int maxLineBytes) {
        this.source = source;
        this.layout = layout;
        this.variants = List.copyOf(variants);
        this.maxLineBytes = maxLineBytes;
    }

    public EvaluationReport evaluate(EvaluationWindow window) throws IOException {
        Progress progress = new Progress();
        GroundTruthIndex labels = new GroundTruthIndex();
        for (Instant hour : window.labelHours()) {
            for (String key : source.keys(layout.groundTruthFolder(hour))) {
                read(key, progress, groundTruthParser::read, labels::accept);
            }
        }
        List<EvaluationReport.VariantResult> results = new ArrayList<>();
        for (VariantSpec variant : variants) {
            VariantTally tally = new VariantTally();
            for (Instant hour : window.captureHours()) {
                for (String key : source.keys(layout.captureFolder(variant.name(), hour))) {
                    read(key, progress, captureParser::read, capture -> tally.accept(capture, labels));
                }
            }
            ProblemCounts problems = tally.problems();
            results.add(new EvaluationReport.VariantResult(variant, tally.metrics(), tally.records(), tally.missingLabels(),
                    problems.malformed(), problems.nonFinite(), problems.nonZero()));
        }
        return new EvaluationReport(layout.endpoint(), window, labels.summary(), results, progress.objects, progress.bytes);
    }

    private void read(String key, Progress progress, JsonLines.RecordReader reader, Consumer<ParsedRecord> sink) throws IOException {
        try (InputStream in = source.open(key)) {
            progress.bytes += JsonLines.records(in, maxLineBytes, json, reader, sink);
            progress.objects++;
        }
    }

    private static final class Progress {
        long objects;
        long bytes;
    }
}
