package dev.mlops.offline.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.offline.ResourceState;
import dev.mlops.platform.Naming;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Name lengths and patterns per resource type, as the AWS API references state them. An auto-named
 * value (listed in the inputs' {@code __defaults}) is the logical name plus Pulumi's eight-character
 * suffix, and the message says how long the logical name may be.
 */
final class NameRules implements PreflightRule {

    /** @param allowed the pattern in words, for the message */
    record Rule(String property, int min, int max, Pattern pattern, String allowed) {
    }

    // SageMaker names: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62} (most), {0,255} (MLflow tracking servers, pipelines)
    private static final Pattern SAGEMAKER_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9])*");
    private static final String SAGEMAKER_ALLOWED = "letters, digits and hyphens, starting and ending with a letter or digit";

    static final Map<String, List<Rule>> RULES = Map.ofEntries(
            Map.entry("aws:sagemaker/domain:Domain", List.of(new Rule("domainName", 1, 63, SAGEMAKER_NAME, SAGEMAKER_ALLOWED))),
            Map.entry("aws:sagemaker/userProfile:UserProfile", List.of(new Rule("userProfileName", 1, 63, SAGEMAKER_NAME, SAGEMAKER_ALLOWED))),
            Map.entry("aws:sagemaker/studioLifecycleConfig:StudioLifecycleConfig",
                    List.of(new Rule("studioLifecycleConfigName", 1, 63, SAGEMAKER_NAME, SAGEMAKER_ALLOWED),
                            new Rule("studioLifecycleConfigContent", 1, 16384, Pattern.compile("[A-Za-z0-9+/=]*"), "base64 text"))),
            // Serving: models and endpoint configurations are auto-named (a new package or config replaces them), so the
            // logical name <prefix>-<model>-challenger must leave room for Pulumi's suffix; the endpoint is named explicitly.
            Map.entry("aws:sagemaker/model:Model", List.of(new Rule("name", 1, 63, SAGEMAKER_NAME, SAGEMAKER_ALLOWED))),
            Map.entry("aws:sagemaker/endpointConfiguration:EndpointConfiguration",
                    List.of(new Rule("name", 1, 63, SAGEMAKER_NAME, SAGEMAKER_ALLOWED))),
            Map.entry("aws:sagemaker/endpoint:Endpoint", List.of(new Rule("name", 1, 63, SAGEMAKER_NAME, SAGEMAKER_ALLOWED))),
            Map.entry("aws:sagemaker/codeRepository:CodeRepository", List.of(new Rule("codeRepositoryName", 1, 63, SAGEMAKER_NAME, SAGEMAKER_ALLOWED))),
            Map.entry("aws:sagemaker/mlflowTrackingServer:MlflowTrackingServer",
                    List.of(new Rule("trackingServerName", 1, 256, SAGEMAKER_NAME, SAGEMAKER_ALLOWED))),
            Map.entry("aws:ec2/securityGroup:SecurityGroup", List.of(new Rule("name", 1, 255, Pattern.compile("(?!sg-)[\\x20-\\x7e]+"),
                    "ASCII text not starting with sg-"), new Rule("description", 0, 255, Pattern.compile("[a-zA-Z0-9. _\\-:/()#,@\\[\\]+=&;{}!$*]*"),
                    "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*"))),
            Map.entry("aws:iam/role:Role", List.of(new Rule("name", 1, 64, Pattern.compile("[\\w+=,.@-]+"),
                    "letters, digits and + = , . @ _ -"), new Rule("description", 0, 1000, Pattern.compile("[\\p{L}\\p{M}\\p{Z}\\p{S}\\p{N}\\p{P}\\t\\n\\r]*"),
                    "printable text"))),
            Map.entry("aws:iam/policy:Policy", List.of(new Rule("name", 1, 128, Pattern.compile("[\\w+=,.@-]+"),
                    "letters, digits and + = , . @ _ -"), new Rule("description", 0, 1000, Pattern.compile("(?s).*"), "any text"))),
            Map.entry("aws:kms/alias:Alias", List.of(new Rule("name", 7, 256, Pattern.compile("alias/[a-zA-Z0-9/_-]+"),
                    "alias/ followed by letters, digits, '/', '_' and '-'"))),
            Map.entry("aws:cloudwatch/eventRule:EventRule", List.of(new Rule("name", 1, 64, Pattern.compile("[.\\-_A-Za-z0-9]+"),
                    "letters, digits and . - _"), new Rule("description", 0, 512, Pattern.compile("(?s).*"), "any text"))),
            Map.entry("aws:cloudwatch/metricAlarm:MetricAlarm", List.of(new Rule("name", 1, 255, Pattern.compile("[^\\p{Cntrl}]+"),
                    "text without control characters"))),
            Map.entry("aws:cloudwatch/compositeAlarm:CompositeAlarm", List.of(new Rule("alarmName", 1, 255,
                    Pattern.compile("[^\\p{Cntrl}]+"), "text without control characters"))),
            Map.entry("aws:kms/key:Key", List.of(new Rule("description", 0, 8192, Pattern.compile("(?s).*"), "any text"))));

    @Override
    public void check(ResourceState resource, List<Finding> findings) {
        for (Rule rule : RULES.getOrDefault(resource.type(), List.of())) {
            JsonNode value = resource.input(rule.property());
            if (!value.isTextual()) {
                continue;
            }
            String name = value.asText();
            boolean autoNamed = autoNamed(resource, rule.property());
            if (name.length() > rule.max() || name.length() < rule.min()) {
                String message = "\"" + name + "\" is " + name.length() + " characters; AWS allows " + rule.min() + ".." + rule.max();
                if (autoNamed) {
                    message += " (auto-named: the logical name \"" + resource.name() + "\" plus Pulumi's "
                            + Naming.AUTONAME_SUFFIX_LENGTH + "-character suffix; keep the logical name to "
                            + (rule.max() - Naming.AUTONAME_SUFFIX_LENGTH) + " characters)";
                }
                findings.add(new Finding(resource.urn(), rule.property(), message));
            } else if (!rule.pattern().matcher(name).matches()) {
                findings.add(new Finding(resource.urn(), rule.property(), "\"" + name + "\" is not allowed: " + rule.allowed()));
            }
        }
    }

    static boolean autoNamed(ResourceState resource, String property) {
        for (JsonNode d : resource.inputs().path("__defaults")) {
            if (d.asText().equals(property)) {
                return true;
            }
        }
        return false;
    }
}
