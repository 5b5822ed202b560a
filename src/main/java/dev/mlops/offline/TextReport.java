package dev.mlops.offline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The preview as {@code pulumi preview} prints it: the resource tree with an operation per row, then
 * diagnostics, outputs and counts. With a base preview, unchanged resources are folded into a count.
 */
public final class TextReport {

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private TextReport() {
    }

    public static String render(StackPreview preview, List<PreviewStep> steps, boolean againstBase, List<String> notes) {
        StringBuilder out = new StringBuilder();
        out.append("Previewing update (").append(preview.stack()).append("), offline: ids and ARNs come from mocks; nothing was read from AWS\n");
        notes.forEach(n -> out.append("  ").append(n).append('\n'));
        out.append('\n');

        List<String[]> rows = new ArrayList<>();
        for (ResourceTree.Node root : ResourceTree.of(steps, s -> !againstBase || !s.op().equals(PreviewStep.SAME))) {
            rows(root, "", "", rows);
        }
        int typeWidth = "Type".length();
        int nameWidth = "Name".length();
        for (String[] row : rows) {
            typeWidth = Math.max(typeWidth, row[1].length());
            nameWidth = Math.max(nameWidth, row[2].length());
        }
        String format = " %-3s %-" + typeWidth + "s  %-" + nameWidth + "s  %-6s  %s";
        out.append(String.format(format, "", "Type", "Name", "Plan", "Info").stripTrailing()).append('\n');
        for (String[] row : rows) {
            out.append(String.format(format, row[0], row[1], row[2], row[3], row[4]).stripTrailing()).append('\n');
        }

        if (!preview.diagnostics().isEmpty()) {
            out.append("\nDiagnostics:\n");
            preview.diagnostics().forEach(d -> out.append("  ").append(d.severity()).append(": ").append(d.message()).append('\n'));
        }
        if (!preview.outputs().values().isEmpty()) {
            out.append("\nOutputs:\n");
            preview.outputs().values().forEach((name, value) -> out.append("    ").append(name).append(": ")
                    .append(preview.outputs().secretNames().contains(name) ? "[secret]" : json(value)).append('\n'));
        }
        out.append("\nResources:\n");
        SortedMap<String, Integer> counts = PreviewDigest.changeSummary(steps);
        for (String op : List.of(PreviewStep.CREATE, PreviewStep.READ, PreviewStep.UPDATE, PreviewStep.DELETE)) {
            Integer n = counts.get(op);
            if (n != null) {
                out.append("    ").append(symbol(op)).append(' ').append(n).append(op.equals(PreviewStep.READ) ? " to read" : " to " + op).append('\n');
            }
        }
        if (counts.containsKey(PreviewStep.SAME)) {
            out.append("    ").append(counts.get(PreviewStep.SAME)).append(" unchanged\n");
        }
        return out.toString();
    }

    private static void rows(ResourceTree.Node node, String prefix, String childPrefix, List<String[]> rows) {
        PreviewStep step = node.step();
        ResourceState state = step.state();
        rows.add(new String[] {symbol(step.op()), prefix + state.displayType(), state.name(), step.op().equals(PreviewStep.SAME) ? "" : step.op(), info(step)});
        List<ResourceTree.Node> children = node.children();
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            rows(children.get(i), childPrefix + (last ? "└─ " : "├─ "), childPrefix + (last ? "   " : "│  "), rows);
        }
    }

    private static String info(PreviewStep step) {
        if (!step.op().equals(PreviewStep.UPDATE)) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> change : new java.util.TreeMap<>(step.detailedDiff()).entrySet()) {
            parts.add(switch (change.getValue()) {
                case "add" -> "+";
                case "delete" -> "-";
                default -> "~";
            } + change.getKey());
        }
        step.diffReasons().stream().filter(r -> r.equals("protect") || r.equals("retainOnDelete")).forEach(r -> parts.add("~" + r));
        return "[diff: " + String.join(", ", parts) + "]";
    }

    static String symbol(String op) {
        return switch (op) {
            case PreviewStep.CREATE -> "+";
            case PreviewStep.DELETE -> "-";
            case PreviewStep.UPDATE -> "~";
            case PreviewStep.READ -> ">";
            default -> " ";
        };
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }
}
