package dev.mlops.offline;

import java.util.List;
import java.util.stream.Collectors;

/** The program itself failed while being previewed (exit code 1): a bug, not a configuration mistake. */
public final class PreviewFailedException extends RuntimeException {

    private final List<Throwable> causes;
    private final List<ResourceState> recorded;

    public PreviewFailedException(String stack, List<? extends Throwable> causes, List<String> errors) {
        this(stack, causes, errors, List.of());
    }

    /** @param recorded what the program registered before it failed, for preflight to explain the failure */
    public PreviewFailedException(String stack, List<? extends Throwable> causes, List<String> errors, List<ResourceState> recorded) {
        super(message(stack, causes, errors), causes.isEmpty() ? null : causes.get(0));
        this.causes = List.copyOf(causes);
        this.recorded = List.copyOf(recorded);
    }

    public List<Throwable> causes() {
        return causes;
    }

    public List<ResourceState> recorded() {
        return recorded;
    }

    private static String message(String stack, List<? extends Throwable> causes, List<String> errors) {
        // One failing value fails every output that uses it: say each distinct failure once.
        var lines = new java.util.LinkedHashSet<String>();
        causes.forEach(c -> lines.add(c.getClass().getSimpleName() + ": " + c.getMessage()));
        lines.addAll(errors);
        return "the program failed while previewing stack " + stack + ":"
                + lines.stream().map(l -> "\n  " + l).collect(Collectors.joining());
    }
}
