package dev.mlops.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One resource as a preview step's {@code newState}/{@code oldState} describes it ({@code apitype.ResourceV3}
 * in Pulumi's terms), limited to what a preview knows before anything exists.
 *
 * @param urn            {@code urn:pulumi:<stack>::<project>::<qualified type>::<name>}
 * @param type           the type token, e.g. {@code aws:s3/bucketV2:BucketV2}
 * @param custom         true for cloud resources, false for components and the stack
 * @param parent         the parent's URN, empty for the stack itself
 * @param provider       the provider reference ({@code <provider urn>::<id>}), empty for components
 * @param protect        whether Pulumi refuses to delete it
 * @param retainOnDelete whether deleting it from the stack leaves the cloud resource in place
 * @param dependencies   URNs of resources its inputs depend on
 * @param inputs         resolved inputs, camelCase Pulumi names, keys sorted, secrets as {@code [secret]}
 */
public record ResourceState(
        String urn,
        String type,
        boolean custom,
        String parent,
        String provider,
        boolean protect,
        boolean retainOnDelete,
        List<String> dependencies,
        ObjectNode inputs) {

    public ResourceState {
        Objects.requireNonNull(urn, "urn");
        Objects.requireNonNull(type, "type");
        parent = parent == null ? "" : parent;
        provider = provider == null ? "" : provider;
        dependencies = List.copyOf(dependencies);
        Objects.requireNonNull(inputs, "inputs");
    }

    /** The logical name: the URN's last {@code ::} segment. */
    public String name() {
        return urn.substring(urn.lastIndexOf("::") + 2);
    }

    /** An input by dotted path ({@code rules.0.id}); a missing node when absent. */
    public JsonNode input(String path) {
        JsonNode node = inputs;
        for (String part : path.split("\\.")) {
            node = node.isArray() && part.chars().allMatch(Character::isDigit) ? node.path(Integer.parseInt(part)) : node.path(part);
        }
        return node;
    }

    /** The type as {@code pulumi preview} displays it: {@code aws:s3/bucketV2:BucketV2} reads {@code aws:s3:BucketV2}. */
    public String displayType() {
        return displayType(type);
    }

    public static String displayType(String type) {
        String[] parts = type.split(":");
        if (parts.length == 3 && parts[1].contains("/")) {
            return parts[0] + ":" + parts[1].substring(0, parts[1].indexOf('/')) + ":" + parts[2];
        }
        return type;
    }
}
