package dev.mlops.offline.preflight;

/**
 * A value AWS would reject, found before {@code pulumi up} sends it.
 *
 * @param urn      the resource
 * @param property the input path holding the value, e.g. {@code bucket} or {@code rules[0].transitions[0].days}
 * @param message  what is wrong and what AWS allows
 */
public record Finding(String urn, String property, String message) {

    public String resourceName() {
        return urn.substring(urn.lastIndexOf("::") + 2);
    }

    @Override
    public String toString() {
        return resourceName() + " " + property + ": " + message + " (" + urn + ")";
    }
}
