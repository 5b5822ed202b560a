package dev.mlops.monitoring;

import com.pulumi.aws.cloudwatch.inputs.MetricAlarmMetricQueryArgs;
import com.pulumi.aws.cloudwatch.inputs.MetricAlarmMetricQueryMetricArgs;
import dev.mlops.config.MonitoringSettings;
import dev.mlops.functions.metrics.MetricsSettings;
import dev.mlops.functions.metrics.QualityPublisher;
import dev.mlops.serving.ServedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The quality alarms of one endpoint, as metric-math alarms over what the quality metrics function publishes
 * ({@link QualityPublisher}: namespace {@value MetricsSettings#DEFAULT_NAMESPACE}, dimensions {@code Endpoint, Variant}).
 * The function publishes one result per variant and hour; a result counts only when it rests on at least
 * {@code minSamples} labelled samples ({@code IF(samples >= n, value)} yields no data point otherwise).
 */
public final class QualityAlarms {

    public static final String NAMESPACE = MetricsSettings.DEFAULT_NAMESPACE;
    /** One evaluation per hour: the function's schedule. */
    public static final int PERIOD_SECONDS = 3600;
    static final String SAMPLES = "LabelledSamples";

    private QualityAlarms() {
    }

    /**
     * One alarm on a champion metric.
     *
     * @param suffix     the alarm name's last part
     * @param metric     the published metric ({@code RMSE}, {@code MAE}, {@code R2})
     * @param comparison CloudWatch's comparison operator
     * @param threshold  the threshold from settings
     * @param what       the alarm's description
     */
    public record Threshold(String suffix, String metric, String comparison, double threshold, String what) {
    }

    /** The threshold alarms of the champion, from settings; MAE only when a threshold is known. */
    public static List<Threshold> thresholds(MonitoringSettings m) {
        List<Threshold> alarms = new ArrayList<>();
        alarms.add(new Threshold("rmse", "RMSE", "GreaterThanThreshold", m.rmseAbove(), "RMSE above " + format(m.rmseAbove())));
        m.maeAbove().ifPresent(mae -> alarms.add(new Threshold("mae", "MAE", "GreaterThanThreshold", mae, "MAE above " + format(mae))));
        alarms.add(new Threshold("r2", "R2", "LessThanThreshold", m.r2Below(), "R² below " + format(m.r2Below())));
        return alarms;
    }

    /** Queries of a threshold alarm: the metric, its sample count, and the expression the alarm watches. */
    static List<MetricAlarmMetricQueryArgs> thresholdQueries(String endpoint, Threshold t, int minSamples) {
        return List.of(
                metric("samples", endpoint, ServedModel.CHAMPION, SAMPLES),
                metric("value", endpoint, ServedModel.CHAMPION, t.metric()),
                MetricAlarmMetricQueryArgs.builder().id("counted")
                        .expression("IF(samples >= " + minSamples + ", value)")
                        .label(t.metric() + " of " + ServedModel.CHAMPION + " over at least " + minSamples + " labelled samples")
                        .returnData(true).build());
    }

    /** Queries of the shadow alarm: by how many percent the challenger's RMSE exceeds the champion's. */
    static List<MetricAlarmMetricQueryArgs> shadowQueries(String endpoint, int minSamples) {
        return List.of(
                metric("champion_rmse", endpoint, ServedModel.CHAMPION, "RMSE"),
                metric("champion_samples", endpoint, ServedModel.CHAMPION, SAMPLES),
                metric("challenger_rmse", endpoint, ServedModel.CHALLENGER, "RMSE"),
                metric("challenger_samples", endpoint, ServedModel.CHALLENGER, SAMPLES),
                MetricAlarmMetricQueryArgs.builder().id("excess_percent")
                        .expression(shadowExpression(minSamples))
                        .label("challenger RMSE above champion RMSE, percent")
                        .returnData(true).build());
    }

    static String shadowExpression(int minSamples) {
        return "IF(champion_samples >= " + minSamples + " && challenger_samples >= " + minSamples
                + ", 100 * (challenger_rmse - champion_rmse) / champion_rmse)";
    }

    /** The composite alarm's rule: any of the champion's threshold alarms in ALARM. */
    public static String compositeRule(List<String> alarmNames) {
        if (alarmNames.isEmpty()) {
            throw new IllegalArgumentException("a composite alarm needs at least one alarm");
        }
        return String.join(" OR ", alarmNames.stream().map(n -> "ALARM(\"" + n + "\")").toList());
    }

    /** The dimensions every quality alarm and dashboard uses: the same across model versions. */
    public static Map<String, String> dimensions(String endpoint, String variant) {
        return Map.of(QualityPublisher.ENDPOINT, endpoint, QualityPublisher.VARIANT, variant);
    }

    private static MetricAlarmMetricQueryArgs metric(String id, String endpoint, String variant, String metricName) {
        return MetricAlarmMetricQueryArgs.builder().id(id).returnData(false)
                .metric(MetricAlarmMetricQueryMetricArgs.builder()
                        .namespace(NAMESPACE)
                        .metricName(metricName)
                        .dimensions(dimensions(endpoint, variant))
                        .period(PERIOD_SECONDS)
                        .stat("Average")
                        .build())
                .build();
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
