package dev.mlops.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, problem-collecting access to one configuration object: a namespace such as {@code mlops:} or
 * a nested object such as {@code mlops:data}. Every field that is read becomes a known key, so
 * {@link #rejectUnknownKeys()} can report misspellings with a suggestion.
 *
 * <p>Values arrive in two shapes: native YAML/JSON nodes (offline, from {@code Pulumi.<stack>.yaml}) or
 * text (the Pulumi engine hands every top-level value over as a string, objects as JSON text). Both
 * are accepted: text is parsed where a number, boolean, list or object is expected.
 */
public final class ConfigReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String path;
    private final JsonNode node;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();

    private ConfigReader(String path, JsonNode node, Problems problems) {
        this.path = path;
        this.node = node;
        this.problems = problems;
    }

    /** A reader over the keys of one namespace: {@code values} maps {@code "mlops:models"} to its value. */
    public static ConfigReader namespace(String namespace, Map<String, JsonNode> values, Problems problems) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        String prefix = namespace + ":";
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                object.set(key.substring(prefix.length()), value);
            }
        });
        return new ConfigReader(prefix, object, problems);
    }

    public String path() {
        return path;
    }

    public Problems problems() {
        return problems;
    }

    /** The key path of {@code field} inside this object, e.g. {@code mlops:data.captureRetentionDays}. */
    public String pathOf(String field) {
        return path.endsWith(":") ? path + field : path + "." + field;
    }

    public Field<String> string(String field) {
        JsonNode raw = take(field);
        String at = pathOf(field);
        if (raw.isMissingNode() || raw.isNull()) {
            return new Field<>(at, problems, false, null, false);
        }
        if (isSecure(raw)) {
            return failed(at, "holds an encrypted (secure:) value, but this key takes plain text");
        }
        if (raw.isValueNode()) {
            return new Field<>(at, problems, true, raw.asText(), false);
        }
        return failed(at, "expected text, found " + describe(raw));
    }

    public Field<Integer> integer(String field) {
        JsonNode raw = take(field);
        String at = pathOf(field);
        if (raw.isMissingNode() || raw.isNull()) {
            return new Field<>(at, problems, false, null, false);
        }
        if (isSecure(raw)) {
            return failed(at, "holds an encrypted (secure:) value, but this key takes a plain whole number");
        }
        if (raw.isIntegralNumber() || raw.isTextual()) {
            String text = raw.asText().trim();
            try {
                BigInteger big = raw.isIntegralNumber() ? raw.bigIntegerValue() : new BigInteger(text);
                if (big.bitLength() < 32) {
                    return new Field<>(at, problems, true, big.intValue(), false);
                }
                return failed(at, text + " is too large for a whole number setting");
            } catch (NumberFormatException e) {
                return failed(at, Check.quote(Check.abbreviate(text)) + " is not a whole number");
            }
        }
        if (raw.isNumber()) {
            return failed(at, raw.asText() + " is not a whole number");
        }
        return failed(at, "expected a whole number, found " + describe(raw));
    }

    /** A finite decimal number (NaN and infinities are refused: no AWS setting takes them). */
    public Field<Double> decimal(String field) {
        JsonNode raw = take(field);
        String at = pathOf(field);
        if (raw.isMissingNode() || raw.isNull()) {
            return new Field<>(at, problems, false, null, false);
        }
        if (isSecure(raw)) {
            return failed(at, "holds an encrypted (secure:) value, but this key takes a plain number");
        }
        if (raw.isNumber() || raw.isTextual()) {
            String text = raw.asText().trim();
            try {
                double value = raw.isNumber() ? raw.doubleValue() : Double.parseDouble(text);
                if (Double.isFinite(value) && !text.isEmpty() && !text.endsWith("d") && !text.endsWith("f")
                        && !text.endsWith("D") && !text.endsWith("F")) {
                    return new Field<>(at, problems, true, value, false);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            if (raw.isNumber()) {
                // Only a YAML number too large for a double gets here; the parser has already made it "Infinity",
                // which is not what the operator wrote.
                return failed(at, "is too large: " + raw.asText() + " is not a finite number");
            }
            return failed(at, Check.quote(Check.abbreviate(text)) + " is not a finite number");
        }
        return failed(at, "expected a number, found " + describe(raw));
    }

    public Field<Boolean> bool(String field) {
        JsonNode raw = take(field);
        String at = pathOf(field);
        if (raw.isMissingNode() || raw.isNull()) {
            return new Field<>(at, problems, false, null, false);
        }
        if (raw.isBoolean()) {
            return new Field<>(at, problems, true, raw.booleanValue(), false);
        }
        if (raw.isTextual() && (raw.asText().equals("true") || raw.asText().equals("false"))) {
            return new Field<>(at, problems, true, Boolean.parseBoolean(raw.asText()), false);
        }
        return failed(at, (raw.isValueNode() ? Check.quote(Check.abbreviate(raw.asText())) + " is not a boolean"
                : "expected a boolean, found " + describe(raw)) + "; allowed: true, false");
    }

    /** A list of text values; each item is checked with {@code itemCheck}, and duplicates are reported. */
    public Field<List<String>> stringList(String field, Check<String> itemCheck) {
        JsonNode raw = container(field, true);
        String at = pathOf(field);
        if (raw == null) {
            return new Field<>(at, problems, true, null, true);
        }
        if (raw.isMissingNode() || raw.isNull()) {
            return new Field<>(at, problems, false, null, false);
        }
        if (!raw.isArray()) {
            return failed(at, "expected a list, found " + describe(raw));
        }
        List<String> items = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < raw.size(); i++) {
            JsonNode item = raw.get(i);
            String itemPath = at + "[" + i + "]";
            if (!item.isValueNode() || item.isNull()) {
                problems.add(itemPath, "expected text, found " + describe(item));
                ok = false;
                continue;
            }
            String text = item.asText();
            if (!itemCheck.accepts().test(text)) {
                problems.add(itemPath, itemCheck.explain().apply(text));
                ok = false;
            } else if (!seen.add(text)) {
                problems.add(itemPath, Check.quote(text) + " is listed twice");
                ok = false;
            }
            items.add(text);
        }
        return ok ? new Field<>(at, problems, true, List.copyOf(items), false)
                : new Field<>(at, problems, true, null, true);
    }

    /** An object of text values (insertion order kept), e.g. environment name to account id. */
    public Field<Map<String, String>> stringMap(String field, Check<String> keyCheck, Check<String> valueCheck) {
        JsonNode raw = container(field, false);
        String at = pathOf(field);
        if (raw == null) {
            return new Field<>(at, problems, true, null, true);
        }
        if (raw.isMissingNode() || raw.isNull()) {
            return new Field<>(at, problems, false, null, false);
        }
        if (!raw.isObject() || isSecure(raw)) {
            return failed(at, "expected an object of names to values, found " + describe(raw));
        }
        Map<String, String> entries = new LinkedHashMap<>();
        boolean ok = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = raw.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String entryPath = at + "." + entry.getKey();
            if (!keyCheck.accepts().test(entry.getKey())) {
                problems.add(entryPath, keyCheck.explain().apply(entry.getKey()));
                ok = false;
                continue;
            }
            JsonNode value = entry.getValue();
            if (!value.isValueNode() || value.isNull()) {
                problems.add(entryPath, "expected text, found " + describe(value));
                ok = false;
                continue;
            }
            if (!valueCheck.accepts().test(value.asText())) {
                problems.add(entryPath, valueCheck.explain().apply(value.asText()));
                ok = false;
                continue;
            }
            entries.put(entry.getKey(), value.asText());
        }
        return ok ? new Field<>(at, problems, true, Collections.unmodifiableMap(entries), false)
                : new Field<>(at, problems, true, null, true);
    }

    /** Whether the key is set (to anything but null); marks it as known. */
    public boolean has(String field) {
        JsonNode raw = take(field);
        return !raw.isMissingNode() && !raw.isNull();
    }

    /** Reports a missing required key, with what to put there. */
    public void require(String field, String hint) {
        if (!has(field)) {
            problems.add(pathOf(field), "is required: " + hint);
        }
    }

    /** A nested object; when absent, a reader over an empty object (so its fields take their defaults). */
    public ConfigReader object(String field) {
        return optionalObject(field).orElseGet(() -> new ConfigReader(pathOf(field), MissingNode.getInstance(), problems));
    }

    /** A nested object, or empty when the key is absent (or not an object, which is reported). */
    public Optional<ConfigReader> optionalObject(String field) {
        JsonNode raw = container(field, false);
        String at = pathOf(field);
        if (raw == null || raw.isMissingNode() || raw.isNull()) {
            return Optional.empty();
        }
        if (!raw.isObject() || isSecure(raw)) {
            problems.add(at, "expected an object with named settings, found " + describe(raw));
            return Optional.empty();
        }
        return Optional.of(new ConfigReader(at, raw, problems));
    }

    /** A list of objects; {@code present} is false when the key is absent. */
    public Field<List<ConfigReader>> objectList(String field) {
        JsonNode raw = container(field, true);
        String at = pathOf(field);
        if (raw == null) {
            return new Field<>(at, problems, true, null, true);
        }
        if (raw.isMissingNode() || raw.isNull()) {
            return new Field<>(at, problems, false, null, false);
        }
        if (!raw.isArray()) {
            return failed(at, "expected a list, found " + describe(raw));
        }
        List<ConfigReader> items = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            JsonNode item = raw.get(i);
            String itemPath = at + "[" + i + "]";
            if (!item.isObject() || isSecure(item)) {
                problems.add(itemPath, "expected an object with named settings, found " + describe(item));
                continue;
            }
            items.add(new ConfigReader(itemPath, item, problems));
        }
        return new Field<>(at, problems, true, List.copyOf(items), false);
    }

    /** Reports every key of this object that was never read, with the closest known key as a hint. */
    public void rejectUnknownKeys() {
        rejectUnknownKeys(null);
    }

    /** As {@link #rejectUnknownKeys()}, with {@code note} added to each message to say why. */
    public void rejectUnknownKeys(String note) {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                String hint = Suggestions.closest(name, known)
                        .map(c -> "did you mean " + Check.quote(pathOf(c)) + "?")
                        .orElse("known keys here: " + String.join(", ", known));
                problems.add(pathOf(name), "unknown key; " + hint + (note == null ? "" : " (" + note + ")"));
            }
        }
    }

    /** Keys this reader has been asked for, in order. */
    public Set<String> knownKeys() {
        return Set.copyOf(known);
    }

    private JsonNode take(String field) {
        known.add(field);
        problems.read(pathOf(field));
        return node.path(field);
    }

    /**
     * Like {@link #take}, but a text value holding JSON (as the Pulumi engine passes objects) is parsed.
     * Null when that JSON is malformed: the problem is reported here, and the caller must not report the
     * key again (e.g. as missing).
     */
    private JsonNode container(String field, boolean array) {
        JsonNode raw = take(field);
        if (raw.isTextual()) {
            String text = raw.asText().trim();
            if ((array && text.startsWith("[")) || (!array && text.startsWith("{"))) {
                try {
                    return JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    problems.add(pathOf(field), "is not valid JSON: " + jsonError(e));
                    return null;
                }
            }
        }
        return raw;
    }

    private <T> Field<T> failed(String at, String message) {
        Field<T> field = new Field<>(at, problems, true, null, false);
        field.fail(message);
        return field;
    }

    /** Jackson's message without its "[Source: REDACTED (...)" jargon: {@code ... (start marker at [line: 1, column: 2])}. */
    static String jsonError(JsonProcessingException e) {
        return String.valueOf(e.getOriginalMessage()).replaceAll("\\[Source: [^;\\]]*; ", "[");
    }

    static boolean isSecure(JsonNode raw) {
        return raw.isObject() && raw.size() == 1 && raw.has("secure");
    }

    static String describe(JsonNode raw) {
        if (isSecure(raw)) {
            return "an encrypted (secure:) value";
        }
        return switch (raw.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case NULL, MISSING -> "nothing";
            case BOOLEAN -> "the boolean " + raw.asText();
            case NUMBER -> "the number " + raw.asText();
            default -> "the text " + Check.quote(Check.abbreviate(raw.asText()));
        };
    }
}
