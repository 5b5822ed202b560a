package dev.mlops.offline.preflight;

import dev.mlops.offline.ResourceState;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every resource of a preview against the limits the AWS APIs document (name lengths and
 * patterns, including Pulumi's auto-name suffix; enumerations; ranges; combinations), so what would fail
 * in {@code pulumi up} fails offline first, with the rule that was broken. Capabilities add their rules here.
 */
public final class Preflight {

    private Preflight() {
    }

    /** The rules, new for every check: some (IAM's per-role limit) sum over the resources they see. */
    static List<PreflightRule> rules() {
        return List.of(
                new NameRules(),
                new S3BucketNames(),
                new S3LifecycleRules(),
                new KmsRules(),
                new IamPolicyRules(),
                new EventBridgeRules(),
                new CloudWatchRules());
    }

    public static List<Finding> check(List<ResourceState> resources) {
        return check(resources, rules());
    }

    public static List<Finding> check(List<ResourceState> resources, List<PreflightRule> rules) {
        List<Finding> findings = new ArrayList<>();
        for (ResourceState resource : resources) {
            if (!resource.custom()) {
                continue;
            }
            for (PreflightRule rule : rules) {
                rule.check(resource, findings);
            }
        }
        return findings;
    }
}
