package dev.mlops.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts the property values a program sends to the engine (protobuf {@code Struct}s carrying Pulumi's
 * special signatures) into the JSON {@code pulumi preview --json} shows: secrets as {@code "[secret]"},
 * unknown values as Pulumi's unknown sentinel, resource references as their URN, object keys sorted.
 */
public final class PropertyValues {

    /** The engine's marker for a value not known until the resource exists. */
    public static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    public static final String SECRET = "[secret]";

    private static final String SIG = "4dabf18193072939515e22adb298388d";
    private static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    private static final String RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
    private static final String OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PropertyValues() {
    }

    public static ObjectNode toJson(Struct struct) {
        ObjectNode object = JSON.objectNode();
        new TreeMap<>(struct.getFieldsMap()).forEach((key, value) -> object.set(key, toJson(value)));
        return object;
    }

    public static JsonNode toJson(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> JSON.nullNode();
            case BOOL_VALUE -> JSON.booleanNode(value.getBoolValue());
            case NUMBER_VALUE -> number(value.getNumberValue());
            case STRING_VALUE -> JSON.textNode(value.getStringValue());
            case LIST_VALUE -> {
                ArrayNode array = JSON.arrayNode();
                value.getListValue().getValuesList().forEach(v -> array.add(toJson(v)));
                yield array;
            }
            case STRUCT_VALUE -> special(value.getStructValue());
        };
    }

    private static JsonNode special(Struct struct) {
        Map<String, Value> fields = struct.getFieldsMap();
        Value sig = fields.get(SIG);
        if (sig == null) {
            return toJson(struct);
        }
        String kind = sig.getStringValue();
        if (SECRET_SIG.equals(kind)) {
            return JSON.textNode(SECRET);
        }
        if (RESOURCE_SIG.equals(kind)) {
            return JSON.textNode(fields.containsKey("urn") ? fields.get("urn").getStringValue() : UNKNOWN);
        }
        if (OUTPUT_SIG.equals(kind)) {
            if (fields.containsKey("secret") && fields.get("secret").getBoolValue()) {
                return JSON.textNode(SECRET);
            }
            return fields.containsKey("value") ? toJson(fields.get("value")) : JSON.textNode(UNKNOWN);
        }
        // Assets and archives keep their engine representation.
        return toJson(struct);
    }

    private static JsonNode number(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            long whole = (long) d;
            // The same node type a JSON parser produces for the number, so parsed and recorded inputs compare equal.
            return whole == (int) whole ? JSON.numberNode((int) whole) : JSON.numberNode(whole);
        }
        return JSON.numberNode(d);
    }
}
