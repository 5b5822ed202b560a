package dev.mlops.offline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code pulumi preview --json} document ({@code PreviewDigest} in Pulumi's engine): {@code config},
 * {@code steps}, {@code diagnostics} and {@code changeSummary}, with the field names and nesting the
 * engine uses, so tools that read one read the other. Written deterministically: same preview, same bytes.
 * Reading accepts both this program's digests and real ones (absent fields take their zero values).
 */
public final class PreviewDigest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    // Go's json.MarshalIndent layout: four spaces, "key": value, empty collections as {} and [].
    private static final ObjectWriter WRITER = JSON.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("    ", "\n"))
            .withArrayIndenter(new DefaultIndenter("    ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator("")));

    private PreviewDigest() {
    }

    public static String write(SortedMap<String, String> config, List<PreviewStep> steps, List<Diagnostic> diagnostics) {
        ObjectNode root = NODES.objectNode();
        ObjectNode configNode = root.putObject("config");
        config.forEach(configNode::put);
        ArrayNode stepsNode = root.putArray("steps");
        steps.forEach(step -> stepsNode.add(step(step)));
        if (!diagnostics.isEmpty()) {
            ArrayNode diags = root.putArray("diagnostics");
            for (Diagnostic d : diagnostics) {
                ObjectNode node = diags.addObject();
                if (!d.urn().isEmpty()) {
                    node.put("urn", d.urn());
                }
                node.put("message", d.message());
                node.put("severity", d.severity());
            }
        }
        ObjectNode summary = root.putObject("changeSummary");
        changeSummary(steps).forEach(summary::put);
        try {
            return WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a preview digest could not be written", e);
        }
    }

    /** Count of steps per operation, operations sorted by name. */
    public static SortedMap<String, Integer> changeSummary(List<PreviewStep> steps) {
        SortedMap<String, Integer> counts = new TreeMap<>();
        steps.forEach(s -> counts.merge(s.op(), 1, Integer::sum));
        return counts;
    }

    private static ObjectNode step(PreviewStep step) {
        ObjectNode node = NODES.objectNode();
        node.put("op", step.op());
        node.put("urn", step.urn());
        if (!step.state().provider().isEmpty()) {
            node.put("provider", step.state().provider());
        }
        step.oldState().ifPresent(s -> node.set("oldState", state(s)));
        step.newState().ifPresent(s -> node.set("newState", state(s)));
        if (!step.diffReasons().isEmpty()) {
            ArrayNode reasons = node.putArray("diffReasons");
            step.diffReasons().forEach(reasons::add);
        }
        if (step.detailedDiff().isEmpty()) {
            node.putNull("detailedDiff");
        } else {
            ObjectNode detailed = node.putObject("detailedDiff");
            new TreeMap<>(step.detailedDiff()).forEach((path, kind) -> {
                ObjectNode diff = detailed.putObject(path);
                diff.put("kind", kind);
                diff.put("inputDiff", true);
            });
        }
        return node;
    }

    private static ObjectNode state(ResourceState s) {
        ObjectNode node = NODES.objectNode();
        node.put("urn", s.urn());
        node.put("custom", s.custom());
        node.put("type", s.type());
        node.set("inputs", s.inputs());
        if (!s.parent().isEmpty()) {
            node.put("parent", s.parent());
        }
        node.put("protect", s.protect());
        ArrayNode deps = node.putArray("dependencies");
        s.dependencies().forEach(deps::add);
        if (!s.provider().isEmpty()) {
            node.put("provider", s.provider());
        }
        node.put("retainOnDelete", s.retainOnDelete());
        return node;
    }

    /** A digest read back: its steps and configuration. */
    public record Document(SortedMap<String, String> config, List<PreviewStep> steps) {
        /** The resources that exist once this preview's steps are applied (everything but deletes). */
        public List<ResourceState> resultingResources() {
            return steps.stream().filter(s -> !s.op().equals(PreviewStep.DELETE))
                    .map(s -> s.newState().orElseGet(() -> s.oldState().orElseThrow())).toList();
        }
    }

    /**
     * Reads a digest written by this program or by {@code pulumi preview --json}.
     *
     * @throws IllegalArgumentException with a message for people when the file is not such a document
     */
    public static Document read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read as a preview (pulumi preview --json): "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject() || (!root.has("steps") && !root.has("changeSummary") && !root.has("config"))) {
            throw new IllegalArgumentException(file + " is not a preview: expected a JSON object with steps (as pulumi preview --json writes)");
        }
        SortedMap<String, String> config = new TreeMap<>();
        root.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        List<PreviewStep> steps = new ArrayList<>();
        for (JsonNode step : root.path("steps")) {
            Optional<ResourceState> oldState = readState(step.path("oldState"));
            Optional<ResourceState> newState = readState(step.path("newState"));
            if (oldState.isEmpty() && newState.isEmpty()) {
                // Some steps in real previews carry only an URN; keep what identifies the resource.
                String urn = step.path("urn").asText("");
                if (urn.isEmpty()) {
                    continue;
                }
                newState = Optional.of(new ResourceState(urn, typeFromUrn(urn), true, "", "", false, false, List.of(), NODES.objectNode()));
            }
            List<String> reasons = new ArrayList<>();
            step.path("diffReasons").forEach(r -> reasons.add(r.asText()));
            Map<String, String> detailed = new TreeMap<>();
            step.path("detailedDiff").fields().forEachRemaining(e -> detailed.put(e.getKey(), e.getValue().path("kind").asText("update")));
            steps.add(new PreviewStep(step.path("op").asText(PreviewStep.SAME), oldState, newState, reasons, detailed));
        }
        return new Document(config, steps);
    }

    private static Optional<ResourceState> readState(JsonNode node) {
        if (!node.isObject() || !node.has("urn")) {
            return Optional.empty();
        }
        String urn = node.path("urn").asText();
        List<String> deps = new ArrayList<>();
        node.path("dependencies").forEach(d -> deps.add(d.asText()));
        ObjectNode inputs = node.path("inputs").isObject() ? Recorder.sortKeys((ObjectNode) node.get("inputs")) : NODES.objectNode();
        return Optional.of(new ResourceState(urn,
                node.path("type").asText(typeFromUrn(urn)),
                node.path("custom").asBoolean(false),
                node.path("parent").asText(""),
                node.path("provider").asText(""),
                node.path("protect").asBoolean(false),
                node.path("retainOnDelete").asBoolean(false),
                deps,
                inputs));
    }

    /** The type from {@code urn:pulumi:stack::project::parent$type::name}: the last {@code $}-part of the qualified type. */
    static String typeFromUrn(String urn) {
        String[] parts = urn.split("::");
        if (parts.length < 4) {
            return "";
        }
        String qualified = parts[2];
        return qualified.substring(qualified.lastIndexOf('$') + 1);
    }
}
