package dev.mlops.offline.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.offline.ResourceState;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CloudWatch limits (PutMetricAlarm, PutCompositeAlarm, PutDashboard): a finite threshold; datapointsToAlarm at most
 * evaluationPeriods; period × evaluationPeriods at most one day for periods under an hour and seven days otherwise;
 * metric-math queries with ids starting with a lowercase letter and exactly one query returning data; composite alarm
 * rules of at most 10240 characters; dashboard names of letters, digits, '-' and '_' and a body that is a JSON object
 * with a widgets list.
 */
final class CloudWatchRules implements PreflightRule {

    static final int MAX_ALARM_RULE = 10240;
    private static final Pattern QUERY_ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");
    private static final Pattern DASHBOARD_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void check(ResourceState resource, List<Finding> findings) {
        switch (resource.type()) {
            case "aws:cloudwatch/metricAlarm:MetricAlarm" -> alarm(resource, findings);
            case "aws:cloudwatch/compositeAlarm:CompositeAlarm" -> {
                String rule = resource.input("alarmRule").asText("");
                if (rule.isEmpty() || rule.length() > MAX_ALARM_RULE) {
                    findings.add(new Finding(resource.urn(), "alarmRule", "is " + rule.length() + " characters; CloudWatch allows 1.."
                            + MAX_ALARM_RULE));
                }
            }
            case "aws:cloudwatch/dashboard:Dashboard" -> dashboard(resource, findings);
            default -> {
            }
        }
    }

    private static void alarm(ResourceState resource, List<Finding> findings) {
        JsonNode threshold = resource.input("threshold");
        if (threshold.isNumber() && !Double.isFinite(threshold.asDouble())) {
            findings.add(new Finding(resource.urn(), "threshold", threshold.asText() + " is not a finite number"));
        }
        int periods = resource.input("evaluationPeriods").asInt(1);
        JsonNode datapoints = resource.input("datapointsToAlarm");
        if (datapoints.isNumber() && (datapoints.asInt() < 1 || datapoints.asInt() > periods)) {
            findings.add(new Finding(resource.urn(), "datapointsToAlarm", datapoints.asInt() + " is out of range 1.." + periods
                    + " (evaluationPeriods)"));
        }
        JsonNode queries = resource.input("metricQueries");
        int period = resource.input("period").asInt(0);
        int returning = 0;
        for (int i = 0; queries.isArray() && i < queries.size(); i++) {
            JsonNode query = queries.get(i);
            String id = query.path("id").asText("");
            if (!QUERY_ID.matcher(id).matches()) {
                findings.add(new Finding(resource.urn(), "metricQueries[" + i + "].id", "\"" + id
                        + "\" must start with a lowercase letter and hold only letters, digits and '_'"));
            }
            if (query.path("returnData").asBoolean(false)) {
                returning++;
            }
            period = Math.max(period, query.path("metric").path("period").asInt(0));
        }
        if (queries.isArray() && queries.size() > 0 && returning != 1) {
            findings.add(new Finding(resource.urn(), "metricQueries", returning + " queries return data; an alarm needs exactly one"));
        }
        long total = (long) period * periods;
        long limit = period < 3600 ? 86_400 : 604_800;
        if (period > 0 && total > limit) {
            findings.add(new Finding(resource.urn(), "evaluationPeriods", periods + " periods of " + period + " s are " + total
                    + " s; CloudWatch evaluates at most " + limit + " s (" + (limit == 86_400 ? "one day for periods under an hour)" : "seven days)")));
        }
    }

    private static void dashboard(ResourceState resource, List<Finding> findings) {
        String name = resource.input("dashboardName").asText("");
        if (!DASHBOARD_NAME.matcher(name).matches()) {
            findings.add(new Finding(resource.urn(), "dashboardName", "\"" + name + "\" is not allowed: 1 to 255 letters, digits, '-' and '_'"));
        }
        JsonNode body = resource.input("dashboardBody");
        if (body.isTextual()) {
            try {
                JsonNode parsed = JSON.readTree(body.asText());
                if (!parsed.isObject() || !parsed.path("widgets").isArray()) {
                    findings.add(new Finding(resource.urn(), "dashboardBody", "is not a JSON object with a widgets list"));
                }
            } catch (Exception e) {
                findings.add(new Finding(resource.urn(), "dashboardBody", "is not valid JSON"));
            }
        }
    }
}
