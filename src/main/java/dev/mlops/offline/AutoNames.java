package dev.mlops.offline;

import dev.mlops.platform.Naming;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Pulumi's auto-naming, reproduced deterministically. The AWS provider names a resource that was given no
 * explicit name as {@code <logical name>-<7 random hex>}, and refuses names longer than the service allows.
 * Offline, the suffix is derived from the stack and URN so previews are byte-identical between runs.
 */
public final class AutoNames {

    /** @param property the input that receives the name; {@code maxLength} the provider's limit */
    public record Rule(String property, int maxLength, boolean lowercase) {
    }

    // The property each auto-named type fills in, and the limit pulumi-aws enforces for it.
    private static final Map<String, Rule> RULES = Map.ofEntries(
            Map.entry("aws:s3/bucketV2:BucketV2", new Rule("bucket", 63, true)),
            Map.entry("aws:iam/role:Role", new Rule("name", 64, false)),
            Map.entry("aws:iam/policy:Policy", new Rule("name", 128, false)),
            Map.entry("aws:ec2/securityGroup:SecurityGroup", new Rule("name", 255, false)),
            Map.entry("aws:sagemaker/model:Model", new Rule("name", 63, false)),
            Map.entry("aws:sagemaker/endpointConfiguration:EndpointConfiguration", new Rule("name", 63, false)),
            Map.entry("aws:sagemaker/endpoint:Endpoint", new Rule("name", 63, false)),
            Map.entry("aws:cloudwatch/eventRule:EventRule", new Rule("name", 64, false)),
            Map.entry("aws:sqs/queue:Queue", new Rule("name", 80, false)),
            Map.entry("aws:sns/topic:Topic", new Rule("name", 256, false)),
            Map.entry("aws:scheduler/schedule:Schedule", new Rule("name", 64, false)),
            Map.entry("aws:apigatewayv2/api:Api", new Rule("name", 128, false)),
            Map.entry("aws:appautoscaling/policy:Policy", new Rule("name", 255, false)));

    private AutoNames() {
    }

    public static Optional<Rule> ruleFor(String type) {
        return Optional.ofNullable(RULES.get(type));
    }

    /** The name the provider would generate for {@code logicalName}. */
    public static String generate(String stack, String type, String logicalName, Rule rule) {
        String base = rule.lowercase() ? logicalName.toLowerCase(java.util.Locale.ROOT) : logicalName;
        return base + "-" + suffix(stack + "::" + type + "::" + logicalName, Naming.AUTONAME_SUFFIX_LENGTH - 1);
    }

    static String suffix(String seed, int length) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
