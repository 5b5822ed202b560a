package dev.mlops.offline.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.config.Schedules;
import dev.mlops.offline.ResourceState;
import java.util.List;

/**
 * EventBridge limits (PutRule, PutTargets): a rule has a schedule expression in EventBridge's rate/cron syntax or an
 * event pattern that is a JSON object of at most 4096 characters; a target's retry policy allows 0..185 attempts
 * and an event age of 60..86400 seconds; a SageMaker pipeline target passes at most 200 parameters.
 */
final class EventBridgeRules implements PreflightRule {

    static final int MAX_PATTERN_LENGTH = 4096;
    static final int MAX_PIPELINE_PARAMETERS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void check(ResourceState resource, List<Finding> findings) {
        if (resource.type().equals("aws:cloudwatch/eventRule:EventRule")) {
            rule(resource, findings);
        } else if (resource.type().equals("aws:cloudwatch/eventTarget:EventTarget")) {
            target(resource, findings);
        }
    }

    private static void rule(ResourceState resource, List<Finding> findings) {
        JsonNode schedule = resource.input("scheduleExpression");
        JsonNode pattern = resource.input("eventPattern");
        if (schedule.isTextual() && !Schedules.valid(schedule.asText())) {
            findings.add(new Finding(resource.urn(), "scheduleExpression", "\"" + schedule.asText() + "\" is not " + Schedules.ALLOWED));
        }
        if (!schedule.isTextual() && !pattern.isTextual()) {
            findings.add(new Finding(resource.urn(), "scheduleExpression", "a rule needs a schedule expression or an event pattern"));
        }
        if (pattern.isTextual()) {
            String text = pattern.asText();
            if (text.length() > MAX_PATTERN_LENGTH) {
                findings.add(new Finding(resource.urn(), "eventPattern", "is " + text.length() + " characters; EventBridge allows "
                        + MAX_PATTERN_LENGTH));
            }
            try {
                if (!JSON.readTree(text).isObject()) {
                    findings.add(new Finding(resource.urn(), "eventPattern", "is not a JSON object"));
                }
            } catch (Exception e) {
                findings.add(new Finding(resource.urn(), "eventPattern", "is not valid JSON"));
            }
        }
    }

    private static void target(ResourceState resource, List<Finding> findings) {
        JsonNode attempts = resource.input("retryPolicy.maximumRetryAttempts");
        if (attempts.isNumber() && (attempts.asInt() < 0 || attempts.asInt() > 185)) {
            findings.add(new Finding(resource.urn(), "retryPolicy.maximumRetryAttempts", attempts.asInt() + " is out of range 0..185"));
        }
        JsonNode age = resource.input("retryPolicy.maximumEventAgeInSeconds");
        if (age.isNumber() && (age.asInt() < 60 || age.asInt() > 86400)) {
            findings.add(new Finding(resource.urn(), "retryPolicy.maximumEventAgeInSeconds", age.asInt() + " is out of range 60..86400"));
        }
        JsonNode parameters = resource.input("sagemakerPipelineTarget.pipelineParameterLists");
        if (parameters.isArray() && parameters.size() > MAX_PIPELINE_PARAMETERS) {
            findings.add(new Finding(resource.urn(), "sagemakerPipelineTarget.pipelineParameterLists", parameters.size()
                    + " parameters; EventBridge passes at most " + MAX_PIPELINE_PARAMETERS));
        }
    }
}
