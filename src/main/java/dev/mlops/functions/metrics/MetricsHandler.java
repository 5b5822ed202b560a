package dev.mlops.functions.metrics;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.mlops.functions.gate.GateMode;
import dev.mlops.functions.gate.PromotionGate;
import dev.mlops.functions.gate.VariantScore;
import dev.mlops.functions.metrics.EvaluationReport.VariantResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;

/**
 * Lambda function, triggered by an EventBridge schedule: computes MSE, RMSE, MAE and R² of each variant of
 * the monitored endpoint over the last {@code WINDOW_HOURS} whole hours of data capture, joined with the
 * uploaded ground truth by inference id; publishes them as CloudWatch metrics (EMF) and logs them; then,
 * when {@code GATE_MODE} is not {@code off}, runs the {@link PromotionGate} on the two variants.
 *
 * <p>The window ends at the start of the hour of the event's {@code time}, so a delayed or retried run
 * evaluates the same hours as the original. Configuration: {@link MetricsSettings}. Data formats:
 * {@link CaptureRecordParser}, {@link GroundTruthParser}, {@link CaptureLayout}.
 */
public final class MetricsHandler implements RequestHandler<ScheduledEvent, String> {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsHandler.class);

    private final MetricsSettings settings;
    private final QualityEvaluator evaluator;
    private final QualityPublisher publisher;
    private final PromotionGate gate;
    private final Clock clock;

    /** For the Lambda runtime: settings from the environment, SDK clients built once per container. */
    public MetricsHandler() {
        this(MetricsSettings.fromEnvironment(System.getenv()));
    }

    private MetricsHandler(MetricsSettings settings) {
        this(settings,
                S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                settings.gate().enabled() ? SageMakerClient.builder().httpClient(UrlConnectionHttpClient.create()).build() : null,
                settings.gate().mode() == GateMode.MANUAL ? SnsClient.builder().httpClient(UrlConnectionHttpClient.create()).build() : null,
                emfMetrics(settings.namespace()),
                Clock.systemUTC());
    }

    /**
     * @param sageMaker needed when the gate is on
     * @param sns       needed when the gate is in manual mode
     * @param metrics   Powertools metrics with the namespace set
     */
    MetricsHandler(MetricsSettings settings, S3Client s3, SageMakerClient sageMaker, SnsClient sns, Metrics metrics, Clock clock) {
        this.settings = settings;
        this.evaluator = new QualityEvaluator(new S3ObjectSource(s3, settings.captureBucket()), settings.layout(),
                settings.variants(), JsonLines.DEFAULT_MAX_LINE_BYTES);
        this.publisher = new QualityPublisher(metrics);
        this.gate = settings.gate().enabled() ? new PromotionGate(settings.gate(), sageMaker, sns) : null;
        this.clock = clock;
    }

    /** Powertools' EMF metrics, as a plain instance rather than the per-request singleton proxy. */
    static Metrics emfMetrics(String namespace) {
        Metrics metrics = new EmfMetricsProvider().getMetricsInstance();
        metrics.setNamespace(namespace);
        return metrics;
    }

    @Override
    public String handleRequest(ScheduledEvent event, Context context) {
        Instant scheduled = event != null && event.getTime() != null
                ? Instant.ofEpochMilli(event.getTime().getMillis())
                : clock.instant();
        Result result = run(scheduled);
        return result.summary();
    }

    /** What one run found and decided. */
    record Result(EvaluationReport report, Optional<PromotionGate.Decision> decision) {
        String summary() {
            String variants = report.variants().stream()
                    .map(v -> v.spec().name() + " n=" + v.metrics().samples() + " RMSE=" + format(v.metrics().rmse()))
                    .collect(Collectors.joining("; "));
            return report.endpoint() + " " + report.window() + ": " + variants
                    + decision.map(d -> "; gate " + d.outcome()).orElse("");
        }
    }

    Result run(Instant scheduled) {
        EvaluationWindow window = EvaluationWindow.endingAt(scheduled, settings.windowHours());
        long started = System.nanoTime();
        EvaluationReport report;
        try {
            report = evaluator.evaluate(window);
        } catch (IOException e) {
            throw new UncheckedIOException("reading capture or ground truth of " + settings.layout().endpoint() + " failed", e);
        }
        publisher.publish(report);
        log(report, (System.nanoTime() - started) / 1_000_000);
        Optional<PromotionGate.Decision> decision = Optional.empty();
        if (gate != null) {
            Optional<VariantResult> champion = report.variant(VariantSpec.Role.PRODUCTION);
            Optional<VariantResult> challenger = report.variant(VariantSpec.Role.SHADOW);
            if (champion.isPresent() && challenger.isPresent()) {
                decision = Optional.of(gate.decide(report.endpoint(), window.toString(),
                        score(champion.get()), score(challenger.get()), scheduled));
            }
        }
        return new Result(report, decision);
    }

    private static VariantScore score(VariantResult result) {
        return new VariantScore(result.spec().name(), result.spec().modelVersion(), result.metrics().samples(), result.metrics().rmse());
    }

    private static void log(EvaluationReport report, long millis) {
        GroundTruthIndex.LabelSummary labels = report.labels();
        LOG.info("ground truth of {} for {}: {} labels from {} lines ({} KiB held); {} malformed, {} non-finite, {} duplicate ids {}",
                report.endpoint(), report.window(), labels.labels(), labels.lines(), labels.indexBytes() / 1024, labels.malformed(),
                labels.nonFinite(), labels.duplicates(), labels.problems(),
                entry("endpoint", report.endpoint()), entry("window", report.window().toString()),
                entry("groundTruthLabels", labels.labels()), entry("malformedLabels", labels.malformed()),
                entry("nonFiniteLabels", labels.nonFinite()), entry("duplicateLabels", labels.duplicates()));
        for (VariantResult v : report.variants()) {
            QualityMetrics q = v.metrics();
            String r2 = q.rSquared().isPresent() ? format(q.rSquared().getAsDouble())
                    : q.samples() < 2 ? "undefined (fewer than 2 samples)" : "undefined (all labels equal)";
            LOG.info("variant {} ({}, model {}): {} labelled samples, MSE {}, RMSE {}, MAE {}, R2 {}; "
                            + "{} capture records, {} without label, {} malformed, {} non-finite {}",
                    v.spec().name(), v.spec().role().name().toLowerCase(Locale.ROOT), v.spec().modelVersion(), q.samples(),
                    format(q.mse()), format(q.rmse()), format(q.mae()), r2,
                    v.records(), v.missingLabels(), v.malformed(), v.nonFinite(), v.problems(),
                    entry("endpoint", report.endpoint()), entry("variant", v.spec().name()),
                    entry("modelVersion", v.spec().modelVersion()), entry("labelledSamples", q.samples()),
                    entry("mse", q.hasSamples() ? q.mse() : null), entry("rmse", q.hasSamples() ? q.rmse() : null),
                    entry("mae", q.hasSamples() ? q.mae() : null), entry("r2", q.rSquared().isPresent() ? q.rSquared().getAsDouble() : null),
                    entry("captureRecords", v.records()), entry("missingLabels", v.missingLabels()),
                    entry("malformedRecords", v.malformed()), entry("nonFiniteValues", v.nonFinite()));
        }
        LOG.info("evaluated {} objects, {} bytes in {} ms", report.objectsRead(), report.bytesRead(), millis,
                entry("objectsRead", report.objectsRead()), entry("bytesRead", report.bytesRead()), entry("durationMs", millis));
    }

    static String format(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.6g", value);
    }
}
