package dev.mlops.offline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Steps arranged as the component tree they describe (the stack at the root, each resource under its
 * parent), as both the text and the Markdown renderings show it.
 */
final class ResourceTree {

    /** A step with its children, in order. */
    record Node(PreviewStep step, List<Node> children) {
    }

    private ResourceTree() {
    }

    /** The tree of {@code steps}; with {@code keep}, only matching steps and their ancestors. */
    static List<Node> of(List<PreviewStep> steps, Predicate<PreviewStep> keep) {
        Map<String, PreviewStep> byUrn = new LinkedHashMap<>();
        steps.forEach(s -> byUrn.put(s.urn(), s));
        Set<String> kept = steps.stream().filter(keep).map(PreviewStep::urn).collect(Collectors.toSet());
        for (PreviewStep step : List.copyOf(steps)) {
            if (kept.contains(step.urn())) {
                String parent = step.state().parent();
                while (!parent.isEmpty() && byUrn.containsKey(parent) && kept.add(parent)) {
                    parent = byUrn.get(parent).state().parent();
                }
            }
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Node> roots = new ArrayList<>();
        for (PreviewStep step : steps) {
            if (kept.contains(step.urn())) {
                nodes.put(step.urn(), new Node(step, new ArrayList<>()));
            }
        }
        for (Node node : nodes.values()) {
            Node parent = nodes.get(node.step().state().parent());
            if (parent != null) {
                parent.children().add(node);
            } else {
                roots.add(node);
            }
        }
        return roots;
    }

    /** The resources under {@code node}, itself included. */
    static List<Node> flatten(Node node) {
        List<Node> all = new ArrayList<>();
        all.add(node);
        node.children().forEach(c -> all.addAll(flatten(c)));
        return all;
    }
}
