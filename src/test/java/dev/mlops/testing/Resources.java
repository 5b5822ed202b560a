package dev.mlops.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlops.offline.ResourceState;
import java.util.List;
import java.util.function.Predicate;

/**
 * Lookups over a recorded preview that keep each test to a few lines reading like the requirement:
 * {@code resources.one("aws:s3/bucketV2:BucketV2", "mlops-prod-data-raw-bucket").input("tags.data-class")}.
 */
public record Resources(List<ResourceState> all) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public List<ResourceState> ofType(String type) {
        return all.stream().filter(r -> r.type().equals(type)).toList();
    }

    public List<ResourceState> matching(Predicate<ResourceState> predicate) {
        return all.stream().filter(predicate).toList();
    }

    /** The one resource of {@code type} named {@code name}; fails the test when there is none or several. */
    public ResourceState one(String type, String name) {
        List<ResourceState> found = all.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one " + type + " named " + name + ", found " + found.size()
                    + "; resources of that type: " + ofType(type).stream().map(ResourceState::name).toList());
        }
        return found.get(0);
    }

    /** The one resource of {@code type} whose name ends with {@code suffix}. */
    public ResourceState oneEndingWith(String type, String suffix) {
        List<ResourceState> found = all.stream().filter(r -> r.type().equals(type) && r.name().endsWith(suffix)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one " + type + " named *" + suffix + ", found "
                    + found.stream().map(ResourceState::name).toList());
        }
        return found.get(0);
    }

    public ResourceState byUrn(String urn) {
        return all.stream().filter(r -> r.urn().equals(urn)).findFirst()
                .orElseThrow(() -> new AssertionError("no resource " + urn));
    }

    /** A JSON document given as text, parsed. */
    public static JsonNode documentOf(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not a JSON document: " + text, e);
        }
    }

    /** A string input holding a JSON document (a policy), parsed. */
    public static JsonNode document(ResourceState resource, String property) {
        try {
            return JSON.readTree(resource.input(property).asText());
        } catch (Exception e) {
            throw new AssertionError(resource.name() + "." + property + " is not a JSON document: " + resource.input(property), e);
        }
    }
}
