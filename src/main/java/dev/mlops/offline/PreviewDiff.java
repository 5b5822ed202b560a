package dev.mlops.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares a preview with a base preview (the previous state, e.g. the base branch's preview): each
 * resource becomes a create, update, same or delete step, and an update lists the input paths that
 * change. JSON documents held in strings (IAM and bucket policies) are compared statement by statement,
 * so a reviewer sees {@code policy.Statement[1].Action[0]}, not just {@code policy}.
 */
public final class PreviewDiff {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PreviewDiff() {
    }

    public static List<PreviewStep> against(List<ResourceState> base, List<PreviewStep> current) {
        Map<String, ResourceState> before = new LinkedHashMap<>();
        base.forEach(r -> before.put(r.urn(), r));
        List<PreviewStep> steps = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (PreviewStep step : current) {
            ResourceState now = step.state();
            seen.add(now.urn());
            ResourceState old = before.get(now.urn());
            if (step.op().equals(PreviewStep.READ)) {
                steps.add(step);
            } else if (old == null) {
                steps.add(PreviewStep.create(now));
            } else {
                steps.add(compare(old, now));
            }
        }
        for (ResourceState old : base) {
            if (!seen.contains(old.urn())) {
                steps.add(new PreviewStep(PreviewStep.DELETE, Optional.of(old), Optional.empty(), List.of(), Map.of()));
            }
        }
        return steps;
    }

    static PreviewStep compare(ResourceState old, ResourceState now) {
        Map<String, String> changes = new TreeMap<>();
        diff("", old.inputs(), now.inputs(), changes);
        changes.keySet().removeIf(path -> path.equals("__defaults") || path.startsWith("__defaults["));
        Set<String> reasons = new LinkedHashSet<>();
        changes.keySet().forEach(path -> reasons.add(topLevel(path)));
        if (old.protect() != now.protect()) {
            reasons.add("protect");
        }
        if (old.retainOnDelete() != now.retainOnDelete()) {
            reasons.add("retainOnDelete");
        }
        String op = reasons.isEmpty() ? PreviewStep.SAME : PreviewStep.UPDATE;
        return new PreviewStep(op, Optional.of(old), Optional.of(now), List.copyOf(reasons), changes);
    }

    private static void diff(String path, JsonNode old, JsonNode now, Map<String, String> out) {
        if (old.equals(now) || (old.isNumber() && now.isNumber() && old.decimalValue().compareTo(now.decimalValue()) == 0)) {
            return;
        }
        if (old.isObject() && now.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            old.fieldNames().forEachRemaining(keys::add);
            now.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                String child = path.isEmpty() ? key : path + "." + key;
                if (!old.has(key)) {
                    out.put(child, "add");
                } else if (!now.has(key)) {
                    out.put(child, "delete");
                } else {
                    diff(child, old.get(key), now.get(key), out);
                }
            }
            return;
        }
        if (old.isArray() && now.isArray()) {
            int common = Math.min(old.size(), now.size());
            for (int i = 0; i < common; i++) {
                diff(path + "[" + i + "]", old.get(i), now.get(i), out);
            }
            for (int i = common; i < now.size(); i++) {
                out.put(path + "[" + i + "]", "add");
            }
            for (int i = common; i < old.size(); i++) {
                out.put(path + "[" + i + "]", "delete");
            }
            return;
        }
        Optional<JsonNode> oldDoc = document(old);
        Optional<JsonNode> newDoc = document(now);
        if (oldDoc.isPresent() && newDoc.isPresent()) {
            diff(path, oldDoc.get(), newDoc.get(), out);
            return;
        }
        out.put(path, "update");
    }

    /** A string that holds a JSON object or list (a policy document), parsed. */
    private static Optional<JsonNode> document(JsonNode node) {
        if (!node.isTextual()) {
            return Optional.empty();
        }
        String text = node.asText().strip();
        if (!(text.startsWith("{") || text.startsWith("["))) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(text));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String topLevel(String path) {
        int end = path.length();
        int dot = path.indexOf('.');
        int bracket = path.indexOf('[');
        if (dot >= 0) {
            end = dot;
        }
        if (bracket >= 0 && bracket < end) {
            end = bracket;
        }
        return path.substring(0, end);
    }
}
