package dev.mlops.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A stack's configuration cannot be used. Carries every problem found, not just the first, so an
 * operator fixes the file in one pass. The message is meant for people: no stack trace is needed.
 */
public final class ConfigException extends RuntimeException {

    private final String source;
    private final List<ConfigProblem> problems;

    public ConfigException(String source, List<ConfigProblem> problems) {
        super(render(source, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public static ConfigException single(String source, String path, String message) {
        return new ConfigException(source, List.of(new ConfigProblem(path, message)));
    }

    /** Where the configuration came from, e.g. {@code Pulumi.prod.yaml}. */
    public String source() {
        return source;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(String source, List<ConfigProblem> problems) {
        String heading = problems.size() == 1
                ? source + " has 1 configuration problem:"
                : source + " has " + problems.size() + " configuration problems:";
        return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", heading + "\n", ""));
    }
}
