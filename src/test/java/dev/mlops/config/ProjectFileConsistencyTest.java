package dev.mlops.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Pulumi.yaml} declares the {@code mlops:} keys Pulumi's project schema can type, and
 * {@link ProjectKey} is the program's list of keys: the two must say the same thing, and the project
 * file must be one the Pulumi CLI accepts (its schema, {@code sdk/go/common/workspace/project.json},
 * and the rules of {@code Project.Validate}).
 */
class ProjectFileConsistencyTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SIMPLE_TYPES = Set.of("string", "integer", "boolean", "array");
    private static final Set<String> DECLARATION_FIELDS = Set.of("type", "items", "description", "secret", "default", "value");

    private static String project;
    /** Every entry of the project file's config block, keys fully qualified as Pulumi reads them. */
    private static Map<String, JsonNode> config;

    @BeforeAll
    static void readProjectFile() throws IOException {
        JsonNode root = YAML.readTree(TestProjects.realFile(StackFiles.PROJECT_FILE));
        project = root.path("name").asText();
        config = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.path("config").properties()) {
            config.put(e.getKey().contains(":") ? e.getKey() : project + ":" + e.getKey(), e.getValue());
        }
    }

    private static Set<String> declaredProjectKeys() {
        return config.keySet().stream().filter(k -> k.startsWith(project + ":"))
                .map(k -> k.substring(project.length() + 1)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<ProjectKey> typedKeys() {
        return Arrays.stream(ProjectKey.values()).filter(k -> k.pulumiType().isPresent()).toList();
    }

    @Test
    void projectIsNamedAfterTheConfigNamespace() {
        assertThat(project).isEqualTo("mlops");
    }

    @Test
    void declaresExactlyTheTypedKeys() {
        assertThat(declaredProjectKeys())
                .containsExactlyInAnyOrderElementsOf(typedKeys().stream().map(ProjectKey::key).toList());
    }

    @Test
    void everyDeclaredKeyIsAProjectKey() {
        assertThat(declaredProjectKeys()).allSatisfy(key -> assertThat(ProjectKey.byKey(key)).as(key).isPresent());
    }

    @Test
    void typesMatch() {
        for (ProjectKey key : typedKeys()) {
            JsonNode declared = config.get(project + ":" + key.key());
            String type = key.pulumiType().orElseThrow();
            if (type.startsWith("array<") && type.endsWith(">")) {
                assertThat(declared.path("type").asText()).as(key.key()).isEqualTo("array");
                assertThat(declared.path("items").path("type").asText()).as(key.key() + " items")
                        .isEqualTo(type.substring("array<".length(), type.length() - 1));
            } else {
                assertThat(declared.path("type").asText()).as(key.key()).isEqualTo(type);
                assertThat(declared.has("items")).as(key.key() + " has no items").isFalse();
            }
        }
    }

    @Test
    void descriptionsMatch() {
        for (ProjectKey key : typedKeys()) {
            assertThat(config.get(project + ":" + key.key()).path("description").asText())
                    .as(key.key()).isEqualTo(key.description());
        }
    }

    @Test
    void defaultsMatch() {
        for (ProjectKey key : typedKeys()) {
            JsonNode declared = config.get(project + ":" + key.key());
            if (key.defaultValue().isPresent()) {
                assertThat(declared.get("default")).as(key.key()).isEqualTo(JSON.valueToTree(key.defaultValue().get()));
            } else {
                assertThat(declared.has("default")).as(key.key() + " declares no default").isFalse();
            }
        }
    }

    @Test
    void structuredKeysAreNotDeclared() {
        for (ProjectKey key : ProjectKey.values()) {
            if (key.pulumiType().isEmpty()) {
                assertThat(config).as(key.key()).doesNotContainKey(project + ":" + key.key());
            }
        }
    }

    @Test
    void everyEntryIsAllowedByPulumisProjectSchema() {
        List<String> violations = new ArrayList<>();
        config.forEach((key, entry) -> violations.addAll(schemaViolations(key, entry)));

        assertThat(violations).isEmpty();
    }

    @Test
    void theSchemaCheckCatchesWhatPulumiRejects() throws IOException {
        assertThat(schemaViolations("mlops:data", YAML.readTree("{type: object}"))).isNotEmpty();
        assertThat(schemaViolations("mlops:models", YAML.readTree("{type: array}"))).isNotEmpty();
        assertThat(schemaViolations("mlops:owner", YAML.readTree("{type: string, default: 1, value: x}"))).isNotEmpty();
        assertThat(schemaViolations("mlops:owner", YAML.readTree("{type: string, required: true}"))).isNotEmpty();
        assertThat(schemaViolations("mlops:flag", YAML.readTree("{type: boolean, default: \"yes\"}"))).isNotEmpty();
        assertThat(schemaViolations("aws:region", YAML.readTree("{default: eu-west-1}"))).isNotEmpty();
        assertThat(schemaViolations("aws:region", YAML.readTree("{type: string, value: eu-west-1}"))).isNotEmpty();
        assertThat(schemaViolations("aws:region", YAML.readTree("eu-west-1"))).isEmpty();
        assertThat(schemaViolations("mlops:emails", YAML.readTree("{type: array, items: {type: string}, default: [a]}"))).isEmpty();
    }

    /** What Pulumi would reject about one config entry of a project file. */
    private static List<String> schemaViolations(String key, JsonNode entry) {
        List<String> found = new ArrayList<>();
        if (!entry.isObject()) {
            if (!(entry.isTextual() || entry.isIntegralNumber() || entry.isBoolean())) {
                found.add(key + ": a short-hand value must be a string, integer or boolean");
            }
            return found;
        }
        entry.fieldNames().forEachRemaining(field -> {
            if (!DECLARATION_FIELDS.contains(field)) {
                found.add(key + ": '" + field + "' is not a config declaration field");
            }
        });
        if (entry.has("default") && entry.has("value")) {
            found.add(key + ": cannot have both a 'default' and 'value' attribute");
        }
        if (entry.has("description") && !entry.get("description").isTextual()) {
            found.add(key + ": description must be a string");
        }
        if (entry.has("secret") && !entry.get("secret").isBoolean()) {
            found.add(key + ": secret must be a boolean");
        }
        boolean ownNamespace = key.startsWith(project + ":");
        if (!ownNamespace) {
            if (entry.has("type")) {
                found.add(key + ": is not namespaced by the project and should not define a type");
            }
            if (entry.has("default")) {
                found.add(key + ": is not namespaced by the project and should not define a default value");
            }
            if (!entry.has("value")) {
                found.add(key + ": is namespaced and must provide an attribute 'value'");
            }
            return found;
        }
        found.addAll(typeViolations(key, entry));
        if (entry.has("type") && entry.has("default") && !matchesType(entry, entry.get("default"))) {
            found.add(key + ": the default is not of type " + entry.path("type").asText());
        }
        return found;
    }

    private static List<String> typeViolations(String where, JsonNode declaration) {
        List<String> found = new ArrayList<>();
        if (!declaration.has("type")) {
            return found;
        }
        String type = declaration.get("type").asText();
        if (!declaration.get("type").isTextual() || !SIMPLE_TYPES.contains(type)) {
            found.add(where + ": type " + declaration.get("type") + " is not one of " + new TreeSet<>(SIMPLE_TYPES));
        }
        if (type.equals("array")) {
            JsonNode items = declaration.path("items");
            if (!items.isObject() || !items.has("type")) {
                found.add(where + ": an array needs 'items' with a 'type'");
            } else {
                found.addAll(typeViolations(where + ".items", items));
            }
        } else if (declaration.has("items")) {
            found.add(where + ": only an array declares 'items'");
        }
        return found;
    }

    /** Pulumi's {@code ValidateConfigValue}: whole numbers for integers, true/false for booleans, typed items. */
    private static boolean matchesType(JsonNode declaration, JsonNode value) {
        return switch (declaration.path("type").asText()) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || (value.isTextual() && value.asText().matches("[-+]?\\d+"));
            case "boolean" -> value.isBoolean() || (value.isTextual() && Set.of("true", "false").contains(value.asText()));
            case "array" -> {
                boolean all = value.isArray();
                for (JsonNode item : value) {
                    all &= matchesType(declaration.path("items"), item);
                }
                yield all;
            }
            default -> false;
        };
    }
}
