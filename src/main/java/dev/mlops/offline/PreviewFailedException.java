package dev.mlops.offline;

import java.util.List;
import java.util.stream.Collectors;

/** The program itself failed while being previewed (exit code 1): a bug, not a configuration mistake. */
public final class PreviewFailedException extends RuntimeException {

    private final List<Throwable> causes;

    public PreviewFailedException(String stack, List<? extends Throwable> causes, List<String> errors) {
        super(message(stack, causes, errors), causes.isEmpty() ? null : causes.get(0));
        this.causes = List.copyOf(causes);
    }

    public List<Throwable> causes() {
        return causes;
    }

    private static String message(String stack, List<? extends Throwable> causes, List<String> errors) {
        var lines = new java.util.ArrayList<String>();
        causes.forEach(c -> lines.add(c.getClass().getSimpleName() + ": " + c.getMessage()));
        lines.addAll(errors);
        return "the program failed while previewing stack " + stack + ":"
                + lines.stream().map(l -> "\n  " + l).collect(Collectors.joining());
    }
}
