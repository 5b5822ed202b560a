package dev.mlops.offline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The preview as a pull-request comment: counts, the changes against the base preview, policy results
 * when given, and a Mermaid diagram of the component tree (cloud resources summed per component).
 */
public final class MarkdownReport {

    /** One line of the policy runner's output: {@code [mandatory] name: message (urn)}. */
    public record PolicyResult(String level, String policy, String message, String urn) {
        private static final Pattern LINE = Pattern.compile("\\[(mandatory|advisory)\\] ([^:]+): (.*?)(?: \\((urn:[^)]*)\\))?\\s*");

        public static Optional<PolicyResult> parse(String line) {
            Matcher m = LINE.matcher(line);
            return m.matches() ? Optional.of(new PolicyResult(m.group(1), m.group(2).trim(), m.group(3), m.group(4) == null ? "" : m.group(4)))
                    : Optional.empty();
        }
    }

    private MarkdownReport() {
    }

    public static String render(StackPreview preview, List<PreviewStep> steps, boolean againstBase, Optional<List<String>> policyLines) {
        StringBuilder md = new StringBuilder();
        md.append("## Pulumi preview (offline): `").append(preview.stack()).append("`\n\n");
        SortedMap<String, Integer> counts = PreviewDigest.changeSummary(steps);
        md.append("| Operation | Resources |\n|---|---:|\n");
        for (var e : counts.entrySet()) {
            md.append("| ").append(opLabel(e.getKey())).append(" | ").append(e.getValue()).append(" |\n");
        }
        md.append('\n');

        md.append("### Changes\n\n");
        if (!againstBase) {
            md.append("No base preview was given: every resource above would be created.\n\n");
        } else {
            List<PreviewStep> changed = steps.stream()
                    .filter(s -> !s.op().equals(PreviewStep.SAME) && !s.op().equals(PreviewStep.READ)).toList();
            if (changed.isEmpty()) {
                md.append("No changes against the base preview.\n\n");
            } else {
                for (PreviewStep s : changed) {
                    md.append("- `").append(TextReport.symbol(s.op())).append("` **").append(s.op()).append("** `")
                            .append(s.state().displayType()).append("` `").append(s.state().name()).append('`');
                    if (s.op().equals(PreviewStep.UPDATE)) {
                        List<String> paths = new ArrayList<>();
                        new TreeMap<>(s.detailedDiff()).forEach((path, kind) -> paths.add("`" + path + "` (" + kind + ")"));
                        s.diffReasons().stream().filter(r -> r.equals("protect") || r.equals("retainOnDelete"))
                                .forEach(r -> paths.add("`" + r + "` (update)"));
                        md.append(": ").append(String.join(", ", paths));
                    }
                    md.append('\n');
                }
                md.append('\n');
            }
        }

        policyLines.ifPresent(lines -> policies(lines, md));

        if (!preview.diagnostics().isEmpty()) {
            md.append("### Diagnostics\n\n");
            preview.diagnostics().forEach(d -> md.append("- **").append(d.severity()).append("**: ").append(escape(d.message())).append('\n'));
            md.append('\n');
        }

        md.append("### Component tree\n\n```mermaid\n").append(mermaid(steps, againstBase)).append("```\n");
        return md.toString();
    }

    private static void policies(List<String> lines, StringBuilder md) {
        md.append("### Policy results\n\n");
        List<PolicyResult> results = lines.stream().map(PolicyResult::parse).flatMap(Optional::stream).toList();
        long mandatory = results.stream().filter(r -> r.level().equals("mandatory")).count();
        if (results.isEmpty()) {
            md.append("No policy violations.\n\n");
            return;
        }
        md.append(mandatory > 0 ? "**" + mandatory + " mandatory violation(s): this change must not be applied.**\n\n"
                : "Advisory findings only.\n\n");
        md.append("| Level | Policy | Message | Resource |\n|---|---|---|---|\n");
        for (PolicyResult r : results) {
            md.append("| ").append(r.level()).append(" | `").append(r.policy()).append("` | ").append(escape(r.message()))
                    .append(" | ").append(r.urn().isEmpty() ? "" : "`" + r.urn().substring(r.urn().lastIndexOf("::") + 2) + "`").append(" |\n");
        }
        md.append('\n');
    }

    /** Components as nodes (with how many cloud resources each holds), stack references as external nodes. */
    static String mermaid(List<PreviewStep> steps, boolean highlightChanges) {
        StringBuilder g = new StringBuilder("graph TD\n");
        Map<String, String> ids = new LinkedHashMap<>();
        for (ResourceTree.Node root : ResourceTree.of(steps, s -> true)) {
            node(root, null, ids, highlightChanges, g);
        }
        g.append("  classDef changed fill:#fff3cd,stroke:#b8860b\n");
        return g.toString();
    }

    private static void node(ResourceTree.Node node, String parentId, Map<String, String> ids, boolean highlight, StringBuilder g) {
        ResourceState state = node.step().state();
        boolean component = !state.custom();
        boolean reference = state.type().equals(OfflineMocks.STACK_REFERENCE);
        if (!component && !reference) {
            return;
        }
        String id = "n" + ids.size();
        ids.put(state.urn(), id);
        String type = state.type().substring(state.type().lastIndexOf(':') + 1);
        if (reference) {
            String target = state.inputs().path("name").asText(state.name());
            g.append("  ").append(id).append("[(\"stack reference<br/>").append(label(target)).append("\")]\n");
        } else {
            long resources = ResourceTree.flatten(node).stream().filter(n -> n.step().state().custom()).count();
            g.append("  ").append(id).append("[\"").append(label(type)).append("<br/>").append(label(state.name()))
                    .append(resources > 0 ? "<br/>" + resources + (resources == 1 ? " resource" : " resources") : "").append("\"]\n");
        }
        if (parentId != null) {
            g.append("  ").append(parentId).append(reference ? " -.-> " : " --> ").append(id).append('\n');
        }
        boolean changed = ResourceTree.flatten(node).stream().anyMatch(n -> {
            String op = n.step().op();
            return op.equals(PreviewStep.UPDATE) || op.equals(PreviewStep.DELETE) || op.equals(PreviewStep.CREATE);
        });
        if (highlight && changed && !reference) {
            g.append("  class ").append(id).append(" changed\n");
        }
        for (ResourceTree.Node child : node.children()) {
            node(child, id, ids, highlight, g);
        }
    }

    private static String label(String text) {
        return text.replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
    }

    private static String opLabel(String op) {
        return "`" + TextReport.symbol(op) + "` " + op;
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
