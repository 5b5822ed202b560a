package dev.mlops.offline.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlops.offline.ResourceState;
import java.util.List;

/**
 * KMS limits: a deletion window of 7 to 30 days, a rotation period of 90 to 2560 days, and alias names
 * outside the {@code alias/aws/} prefix AWS keeps for its own keys.
 */
final class KmsRules implements PreflightRule {

    @Override
    public void check(ResourceState resource, List<Finding> findings) {
        if (resource.type().equals("aws:kms/key:Key")) {
            JsonNode window = resource.input("deletionWindowInDays");
            if (window.isNumber() && (window.asInt() < 7 || window.asInt() > 30)) {
                findings.add(new Finding(resource.urn(), "deletionWindowInDays", window.asInt() + " is out of range 7..30"));
            }
            JsonNode rotation = resource.input("rotationPeriodInDays");
            if (rotation.isNumber() && (rotation.asInt() < 90 || rotation.asInt() > 2560)) {
                findings.add(new Finding(resource.urn(), "rotationPeriodInDays", rotation.asInt() + " is out of range 90..2560"));
            }
        }
        if (resource.type().equals("aws:kms/alias:Alias")) {
            String name = resource.input("name").asText("");
            if (name.startsWith("alias/aws/")) {
                findings.add(new Finding(resource.urn(), "name", "\"" + name + "\" is in alias/aws/, which AWS reserves for AWS managed keys"));
            }
        }
    }
}
