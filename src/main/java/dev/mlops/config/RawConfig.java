package dev.mlops.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A stack's configuration as the engine would hand it to the program, before validation: every
 * fully qualified key ({@code mlops:models}, {@code aws:region}) with its value. Encrypted values stay
 * as their {@code {secure: ...}} objects; nothing here decrypts.
 *
 * @param source  where it was read from, for messages (e.g. {@code Pulumi.prod.yaml})
 * @param project the project name, which is also the program's config namespace
 * @param stack   the stack name
 * @param values   key to value, sorted by key
 * @param warnings what the source holds that cannot be honoured here (shown as preview diagnostics)
 */
public record RawConfig(
        String source, String project, String stack, SortedMap<String, JsonNode> values, List<String> warnings) {

    public static final String SECRET = "[secret]";
    private static final ObjectMapper SORTED_JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public RawConfig {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
        warnings = List.copyOf(warnings);
    }

    public static RawConfig of(String source, String project, String stack, Map<String, JsonNode> values) {
        return new RawConfig(source, project, stack, new TreeMap<>(values), List.of());
    }

    /**
     * The configuration as {@code pulumi preview --json} shows it: every value as text (objects and lists
     * as compact JSON with sorted keys), and every encrypted value, also inside objects, as {@code [secret]}.
     */
    public SortedMap<String, String> display() {
        SortedMap<String, String> shown = new TreeMap<>();
        values.forEach((key, value) -> {
            JsonNode blinded = blind(value);
            shown.put(key, blinded.isValueNode() ? blinded.asText() : compactSorted(blinded));
        });
        return Collections.unmodifiableSortedMap(shown);
    }

    private static JsonNode blind(JsonNode value) {
        if (ConfigReader.isSecure(value)) {
            return TextNode.valueOf(SECRET);
        }
        if (value.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey(), blind(e.getValue()));
            }
            return copy;
        }
        if (value.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            value.forEach(item -> copy.add(blind(item)));
            return copy;
        }
        return value;
    }

    private static String compactSorted(JsonNode node) {
        try {
            Object plain = SORTED_JSON.treeToValue(node, Object.class);
            return SORTED_JSON.writeValueAsString(plain);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed configuration value could not be written back as JSON", e);
        }
    }
}
