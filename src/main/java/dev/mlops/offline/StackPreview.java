package dev.mlops.offline;

import java.util.List;
import java.util.SortedMap;

/**
 * What previewing one stack offline produced.
 *
 * @param project     the project name
 * @param stack       the stack name
 * @param config      the configuration as a preview shows it (secrets blinded)
 * @param steps       one step per resource, parents before children, siblings in program order
 * @param outputs     the stack outputs (what another stack's reference would read)
 * @param diagnostics messages logged while the program ran
 */
public record StackPreview(
        String project,
        String stack,
        SortedMap<String, String> config,
        List<PreviewStep> steps,
        StackOutputs outputs,
        List<Diagnostic> diagnostics) {

    public StackPreview {
        steps = List.copyOf(steps);
        diagnostics = List.copyOf(diagnostics);
    }

    public List<ResourceState> resources() {
        return steps.stream().map(PreviewStep::state).toList();
    }
}
