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
            String notAnObject = "the engine's configuration is not a JSON object: ";
            JsonNode all = parseJson(configJson, source, "PULUMI_CONFIG", notAnObject);
            if (!all.isObject()) {
                throw ConfigException.single(source, "PULUMI_CONFIG", notAnObject + "found " + ConfigReader.describe(all));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                // The language host sends text; anything else (e.g. from a test harness) is kept as its JSON.
                JsonNode value = e.getValue();
                text.put(StackFiles.cleanKey(e.getKey()), value.isTextual() ? value.asText() : value.toString());
            }
            if (secretKeysJson != null && !secretKeysJson.isBlank()) {
                String notAList = "the engine's secret keys are not a JSON list of key names: ";
                JsonNode keys = parseJson(secretKeysJson, source, "PULUMI_CONFIG_SECRET_KEYS", notAList);
                if (!keys.isArray()) {
                    throw ConfigException.single(source, "PULUMI_CONFIG_SECRET_KEYS", notAList + "found " + ConfigReader.describe(keys));
                }
                keys.forEach(k -> secretKeys.add(StackFiles.cleanKey(k.asText())));
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

    /** The JSON value of the environment variable {@code variable}; a ConfigException naming it when it is not JSON. */
    private static JsonNode parseJson(String text, String source, String variable, String problem) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw ConfigException.single(source, variable, problem + ConfigReader.jsonError(e));
        }
    }
}
