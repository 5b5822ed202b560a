package dev.mlops.offline.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.offline.ResourceState;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What S3's PutBucketLifecycleConfiguration rejects: more than 1,000 rules, rule ids over 255 characters
 * or repeated, a status other than Enabled/Disabled, transitions to STANDARD_IA or ONEZONE_IA before day 30,
 * an expiration that is not after every transition, and noncurrent-version days below 1.
 */
final class S3LifecycleRules implements PreflightRule {

    private static final Map<String, Integer> MINIMUM_TRANSITION_DAYS = Map.of("STANDARD_IA", 30, "ONEZONE_IA", 30);

    @Override
    public void check(ResourceState resource, List<Finding> findings) {
        if (!resource.type().equals("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2")) {
            return;
        }
        JsonNode rules = resource.input("rules");
        if (rules.size() > 1000) {
            findings.add(new Finding(resource.urn(), "rules", rules.size() + " rules; S3 allows at most 1000"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            String at = "rules[" + i + "]";
            String id = rule.path("id").asText("");
            if (id.length() > 255) {
                findings.add(new Finding(resource.urn(), at + ".id", "is " + id.length() + " characters; S3 allows 255"));
            }
            if (!id.isEmpty() && !ids.add(id)) {
                findings.add(new Finding(resource.urn(), at + ".id", "\"" + id + "\" is used by another rule; rule ids must be unique"));
            }
            String status = rule.path("status").asText("");
            if (!status.equals("Enabled") && !status.equals("Disabled")) {
                findings.add(new Finding(resource.urn(), at + ".status", "\"" + status + "\" is not allowed: Enabled or Disabled"));
            }
            int lastTransition = 0;
            JsonNode transitions = rule.path("transitions");
            for (int t = 0; t < transitions.size(); t++) {
                JsonNode transition = transitions.get(t);
                int days = transition.path("days").asInt(0);
                String storageClass = transition.path("storageClass").asText("");
                Integer minimum = MINIMUM_TRANSITION_DAYS.get(storageClass);
                if (minimum != null && transition.has("days") && days < minimum) {
                    findings.add(new Finding(resource.urn(), at + ".transitions[" + t + "].days",
                            days + " is too early: S3 moves objects to " + storageClass + " after " + minimum + " days at the earliest"));
                }
                lastTransition = Math.max(lastTransition, days);
            }
            JsonNode expirationDays = rule.path("expiration").path("days");
            if (expirationDays.isNumber()) {
                int days = expirationDays.asInt();
                if (days < 1) {
                    findings.add(new Finding(resource.urn(), at + ".expiration.days", days + " is not allowed: at least 1"));
                } else if (days <= lastTransition) {
                    findings.add(new Finding(resource.urn(), at + ".expiration.days", days
                            + " must be later than the last transition (day " + lastTransition + ")"));
                }
            }
            JsonNode noncurrent = rule.path("noncurrentVersionExpiration").path("noncurrentDays");
            if (noncurrent.isNumber() && noncurrent.asInt() < 1) {
                findings.add(new Finding(resource.urn(), at + ".noncurrentVersionExpiration.noncurrentDays",
                        noncurrent.asInt() + " is not allowed: at least 1"));
            }
        }
    }
}
