package dev.mlops.offline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Struct;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceTransformation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Records what the program asks the engine for: each resource with its options and resolved inputs, in
 * the order the program constructed them, and what the program logged. Registration itself is
 * asynchronous, so the order of arrival is not the program's order; a stack transformation, which runs
 * synchronously in every resource's constructor, numbers the resources as the program creates them.
 */
final class Recorder {

    private record Entry(int sequence, String op, ResourceState state) {
    }

    private final String stack;
    private final AtomicInteger counter = new AtomicInteger();
    private final Map<Resource, Integer> sequence = new IdentityHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    Recorder(String stack) {
        this.stack = stack;
    }

    /** A stack transformation that only numbers resources; it changes nothing. */
    ResourceTransformation numbering() {
        return args -> {
            synchronized (sequence) {
                sequence.put(args.resource(), counter.incrementAndGet());
            }
            return Optional.empty();
        };
    }

    void registered(Resource resource, String op, String urn, String type, boolean custom, String parent, String provider,
                    boolean protect, boolean retainOnDelete, List<String> dependencies, Struct inputs) {
        ObjectNode json = PropertyValues.toJson(inputs);
        if (custom) {
            AutoNames.ruleFor(type).ifPresent(rule -> {
                if (!json.has(rule.property())) {
                    json.put(rule.property(), AutoNames.generate(stack, type, nameOf(urn), rule));
                    // The provider marks properties it filled in, as a real preview shows them.
                    json.putArray("__defaults").add(rule.property());
                }
            });
        }
        ObjectNode sorted = sortKeys(json);
        ResourceState state = new ResourceState(urn, type, custom, parent, provider, protect, retainOnDelete,
                dependencies.stream().sorted().distinct().toList(), sorted);
        int seq;
        synchronized (sequence) {
            seq = sequence.getOrDefault(resource, 0);
        }
        synchronized (entries) {
            entries.add(new Entry(seq, op, state));
        }
    }

    /** A log handler that turns what the program logs (info and above) into diagnostics. */
    Handler diagnosticsHandler() {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() < Level.INFO.intValue()) {
                    return;
                }
                String severity = record.getLevel().intValue() >= Level.SEVERE.intValue() ? "error"
                        : record.getLevel().intValue() >= Level.WARNING.intValue() ? "warning" : "info";
                synchronized (diagnostics) {
                    diagnostics.add(new Diagnostic("", severity, String.valueOf(record.getMessage())));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    List<Diagnostic> diagnostics() {
        synchronized (diagnostics) {
            return List.copyOf(diagnostics);
        }
    }

    /** Steps in tree order: the stack first, each resource's children after it in program order. */
    List<PreviewStep> steps() {
        List<Entry> all;
        synchronized (entries) {
            all = new ArrayList<>(entries);
        }
        Map<String, List<Entry>> children = new LinkedHashMap<>();
        Map<String, Entry> byUrn = new LinkedHashMap<>();
        for (Entry e : all) {
            byUrn.put(e.state().urn(), e);
            children.computeIfAbsent(e.state().parent(), k -> new ArrayList<>()).add(e);
        }
        Comparator<Entry> programOrder = Comparator.comparingInt(Entry::sequence).thenComparing(e -> e.state().urn());
        children.values().forEach(list -> list.sort(programOrder));
        List<PreviewStep> ordered = new ArrayList<>();
        List<Entry> roots = all.stream().filter(e -> !byUrn.containsKey(e.state().parent())).sorted(programOrder).toList();
        for (Entry root : roots) {
            visit(root, children, ordered);
        }
        return ordered;
    }

    private void visit(Entry entry, Map<String, List<Entry>> children, List<PreviewStep> out) {
        out.add(PreviewStep.READ.equals(entry.op()) ? PreviewStep.read(entry.state()) : PreviewStep.create(entry.state()));
        for (Entry child : children.getOrDefault(entry.state().urn(), List.of())) {
            visit(child, children, out);
        }
    }

    private static String nameOf(String urn) {
        return urn.substring(urn.lastIndexOf("::") + 2);
    }

    static ObjectNode sortKeys(ObjectNode node) {
        ObjectNode sorted = node.objectNode();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(Comparator.naturalOrder());
        for (String name : names) {
            var value = node.get(name);
            sorted.set(name, value.isObject() ? sortKeys((ObjectNode) value) : sortArray(value));
        }
        return sorted;
    }

    private static com.fasterxml.jackson.databind.JsonNode sortArray(com.fasterxml.jackson.databind.JsonNode value) {
        if (!value.isArray()) {
            return value;
        }
        var array = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        value.forEach(item -> array.add(item.isObject() ? sortKeys((ObjectNode) item) : sortArray(item)));
        return array;
    }
}
