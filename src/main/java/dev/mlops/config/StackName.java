package dev.mlops.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** A fully qualified Pulumi stack name, {@code organization/project/stack}, as a stack reference needs it. */
public record StackName(String organization, String project, String stack) {

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    public static final String FORMAT = "organization/project/stack, each part letters, digits, '_', '.' or '-'";

    public StackName {
        if (!PART.matcher(organization).matches() || !PART.matcher(project).matches() || !PART.matcher(stack).matches()) {
            throw new IllegalArgumentException("not a stack name (" + FORMAT + "): " + organization + "/" + project + "/" + stack);
        }
    }

    public static Optional<StackName> parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        for (String part : parts) {
            if (!PART.matcher(part).matches()) {
                return Optional.empty();
            }
        }
        return Optional.of(new StackName(parts[0], parts[1], parts[2]));
    }

    public static boolean isValid(String text) {
        return parse(text).isPresent();
    }

    @Override
    public String toString() {
        return organization + "/" + project + "/" + stack;
    }
}
