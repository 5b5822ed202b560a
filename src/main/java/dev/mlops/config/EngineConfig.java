package dev.mlops.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.pulumi.Context;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The configuration the Pulumi engine passed to this program. The Java language host hands the whole
 * map over in {@code PULUMI_CONFIG} (values as text, objects as JSON) and the names of secret keys in
 * {@code PULUMI_CONFIG_SECRET_KEYS}; reading the map, not just known keys, is what lets a misspelled
 * key be reported. When the map is absent (inline automation), the known keys are read through the
 * {@link Context}. Secret values are wrapped as {@code {secure: ...}} so they are treated exactly as
 * encrypted values in a stack file: accepted only where a key takes a secret.
 */
public final class EngineConfig {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> AWS_KEYS = List.of("region", "profile");

    private EngineConfig() {
    }

    public static RawConfig read(Context ctx) {
        return read(ctx.projectName(), ctx.stackName(), System.getenv("PULUMI_CONFIG"),
                System.getenv("PULUMI_CONFIG_SECRET_KEYS"),
                fullKey -> {
                    int colon = fullKey.indexOf(':');
                    return ctx.config(fullKey.substring(0, colon)).get(fullKey.substring(colon + 1));
                });
    }

    /** Testable core of {@link #read(Context)}. */
    static RawConfig read(String project, String stack, String configJson, String secretKeysJson,
                          Function<String, Optional<String>> lookup) {
        String source = "the configuration of stack " + stack;
        Map<String, String> text = new TreeMap<>();
        Set<String> secretKeys = new TreeSet<>();
        if (configJson != null && !configJson.isBlank()) {
            try {
                JsonNode all = JSON.readTree(configJson);
                for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    text.put(StackFiles.cleanKey(e.getKey()), e.getValue().asText());
                }
                if (secretKeysJson != null && !secretKeysJson.isBlank()) {
                    JSON.readTree(secretKeysJson).forEach(k -> secretKeys.add(StackFiles.cleanKey(k.asText())));
                }
            } catch (JsonProcessingException e) {
                throw ConfigException.single(source, "PULUMI_CONFIG", "the engine's configuration is not JSON: " + e.getOriginalMessage());
            }
        } else {
            for (ProjectKey key : ProjectKey.values()) {
                String fullKey = project + ":" + key.key();
                lookup.apply(fullKey).ifPresent(v -> text.put(fullKey, v));
            }
            for (String key : AWS_KEYS) {
                lookup.apply("aws:" + key).ifPresent(v -> text.put("aws:" + key, v));
            }
        }
        Map<String, JsonNode> values = new TreeMap<>();
        text.forEach((key, value) -> {
            TextNode node = TextNode.valueOf(value);
            if (secretKeys.contains(key)) {
                ObjectNode secure = JsonNodeFactory.instance.objectNode();
                secure.set("secure", node);
                values.put(key, secure);
            } else {
                values.put(key, node);
            }
        });
        return RawConfig.of(source, project, stack, values);
    }
}
