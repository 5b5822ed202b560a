package dev.mlops.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlops.config.MonitoringSettings;
import dev.mlops.functions.metrics.QualityPublisher;
import java.util.List;
import java.util.Optional;

/**
 * The CloudWatch dashboard of one model, built as a JSON tree (the dashboard body format): per quality metric
 * (MSE, RMSE, MAE, R²) one graph with a line per variant and the alarm threshold, the labelled samples behind them,
 * and SageMaker's own per-variant invocations, model latency and 4xx/5xx errors.
 */
public final class QualityDashboard {

    static final String SAGEMAKER = "AWS/SageMaker";
    static final int WIDTH = 12;
    static final int HEIGHT = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    private QualityDashboard() {
    }

    /** The dashboard body for the endpoint and its variants (champion first). */
    public static String body(String region, String endpoint, List<String> variants, MonitoringSettings settings) {
        ObjectNode dashboard = JSON.createObjectNode();
        ArrayNode widgets = dashboard.putArray("widgets");
        Grid grid = new Grid();
        quality(widgets, grid, region, endpoint, variants, "RMSE", Optional.of(settings.rmseAbove()));
        quality(widgets, grid, region, endpoint, variants, "MAE", settings.maeAbove());
        quality(widgets, grid, region, endpoint, variants, "MSE", Optional.empty());
        quality(widgets, grid, region, endpoint, variants, "R2", Optional.of(settings.r2Below()));
        quality(widgets, grid, region, endpoint, variants, QualityAlarms.SAMPLES, Optional.of((double) settings.minSamples()));
        ArrayNode invocations = graph(widgets, grid, region, "Invocations per variant", "Sum", 300);
        variants.forEach(v -> invocations.add(sageMaker(endpoint, v, "Invocations", null)));
        ArrayNode latency = graph(widgets, grid, region, "Model latency per variant (microseconds)", "Average", 300);
        variants.forEach(v -> {
            latency.add(sageMaker(endpoint, v, "ModelLatency", "p50"));
            latency.add(sageMaker(endpoint, v, "ModelLatency", "p99"));
        });
        ArrayNode errors = graph(widgets, grid, region, "4xx and 5xx errors per variant", "Sum", 300);
        variants.forEach(v -> {
            errors.add(sageMaker(endpoint, v, "Invocation4XXErrors", null));
            errors.add(sageMaker(endpoint, v, "Invocation5XXErrors", null));
        });
        return dashboard.toString();
    }

    private static void quality(ArrayNode widgets, Grid grid, String region, String endpoint, List<String> variants, String metric,
                                Optional<Double> threshold) {
        ArrayNode metrics = graph(widgets, grid, region, (metric.equals("R2") ? "R²" : metric) + " per variant (hourly, last evaluation window)",
                "Average", QualityAlarms.PERIOD_SECONDS);
        for (String variant : variants) {
            ArrayNode line = metrics.addArray();
            line.add(QualityAlarms.NAMESPACE).add(metric).add(QualityPublisher.ENDPOINT).add(endpoint).add(QualityPublisher.VARIANT).add(variant);
            line.addObject().put("label", variant);
        }
        threshold.ifPresent(t -> {
            ObjectNode properties = (ObjectNode) widgets.get(widgets.size() - 1).get("properties");
            ObjectNode line = properties.putObject("annotations").putArray("horizontal").addObject();
            line.put("label", metric.equals(QualityAlarms.SAMPLES) ? "minSamples" : "alarm threshold");
            line.put("value", t);
        });
    }

    private static ArrayNode sageMaker(String endpoint, String variant, String metric, String stat) {
        ArrayNode line = JSON.createArrayNode();
        line.add(SAGEMAKER).add(metric).add("EndpointName").add(endpoint).add("VariantName").add(variant);
        ObjectNode options = line.addObject().put("label", variant + " " + metric + (stat == null ? "" : " " + stat));
        if (stat != null) {
            options.put("stat", stat);
        }
        return line;
    }

    /** Adds a metric graph and returns its (still empty) metrics array. */
    private static ArrayNode graph(ArrayNode widgets, Grid grid, String region, String title, String stat, int period) {
        ObjectNode widget = widgets.addObject();
        widget.put("type", "metric");
        grid.place(widget);
        ObjectNode properties = widget.putObject("properties");
        properties.put("title", title).put("view", "timeSeries").put("region", region).put("stat", stat).put("period", period);
        return properties.putArray("metrics");
    }

    /** Two widgets per row, in the order they are added. */
    private static final class Grid {
        private int count;

        void place(ObjectNode widget) {
            widget.put("x", (count % 2) * WIDTH).put("y", (count / 2) * HEIGHT).put("width", WIDTH).put("height", HEIGHT);
            count++;
        }
    }
}
