package dev.mlops.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a project's configuration offline, the way the Pulumi CLI assembles it: the project file's
 * {@code config:} block (declared defaults and fixed values) under the stack file's {@code config:}.
 * Encrypted values are kept as they are; nothing is decrypted.
 */
public final class StackFiles {

    public static final String PROJECT_FILE = "Pulumi.yaml";
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Set<String> STACK_FILE_KEYS =
            Set.of("config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment");
    // Pulumi passes a top-level value to the program as its text, so YAML 1.1 words such as yes/on must stay
    // text here too: otherwise `holdsRealData: yes` would pass offline and fail under the engine.
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS).build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private StackFiles() {
    }

    /** The project file: its name, where stack files live, and what its config block contributes. */
    public record Project(String name, Path stackConfigDir, Map<String, JsonNode> defaults) {
    }

    public static Project readProject(Path projectDir) {
        Path file = projectDir.resolve(PROJECT_FILE);
        if (!Files.isRegularFile(file)) {
            throw ConfigException.single(PROJECT_FILE, PROJECT_FILE,
                    "not found in " + projectDir.toAbsolutePath().normalize() + "; run from the project's directory");
        }
        JsonNode root = readYaml(file, PROJECT_FILE);
        Problems problems = new Problems();
        String name = root.path("name").asText("");
        if (!root.path("name").isTextual() || name.isBlank()) {
            problems.add("name", "the project needs a name");
        }
        Path stackDir = projectDir;
        if (root.path("stackConfigDir").isTextual()) {
            stackDir = projectDir.resolve(root.path("stackConfigDir").asText());
        }
        Map<String, JsonNode> defaults = new TreeMap<>();
        JsonNode config = root.path("config");
        if (!config.isMissingNode() && !config.isNull() && !config.isObject()) {
            problems.add("config", "expected an object of config keys, found " + ConfigReader.describe(config));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey().contains(":") ? entry.getKey() : name + ":" + entry.getKey();
            JsonNode declared = entry.getValue();
            boolean ownNamespace = key.startsWith(name + ":");
            if (declared.isObject() && !ConfigReader.isSecure(declared)) {
                // A declaration: project keys may carry a default, other namespaces a fixed value.
                JsonNode value = declared.has("value") ? declared.get("value") : declared.path("default");
                if (!value.isMissingNode()) {
                    defaults.put(key, value);
                }
            } else if (ownNamespace || !declared.isNull()) {
                // Short-hand: a project key's plain value is its default, another namespace's its value.
                defaults.put(key, declared);
            }
        }
        problems.throwIfAny(PROJECT_FILE);
        return new Project(name, stackDir, defaults);
    }

    /** The merged configuration of {@code stack}, ready for {@link SettingsParser}. */
    public static RawConfig load(Path projectDir, String stack) {
        Project project = readProject(projectDir);
        String shortName = stack.contains("/") ? stack.substring(stack.lastIndexOf('/') + 1) : stack;
        String fileName = "Pulumi." + shortName + ".yaml";
        if (!STACK_NAME.matcher(shortName).matches()) {
            throw ConfigException.single(fileName, "--stack", "\"" + stack + "\" is not a stack name: use letters, digits, '_', '.' or '-'");
        }
        Path file = project.stackConfigDir().resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw ConfigException.single(fileName, "--stack",
                    "no stack file " + fileName + " in " + project.stackConfigDir().toAbsolutePath().normalize()
                            + "; stacks here: " + String.join(", ", stacksIn(project.stackConfigDir())));
        }
        JsonNode root = readYaml(file, fileName);
        Problems problems = new Problems();
        if (root.isMissingNode() || root.isNull()) {
            problems.add("config", "the stack file is empty; it needs a config: block");
            problems.throwIfAny(fileName);
        }
        if (!root.isObject()) {
            problems.add("(file)", "expected a YAML mapping with a config: block, found " + ConfigReader.describe(root));
            problems.throwIfAny(fileName);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!STACK_FILE_KEYS.contains(key)) {
                problems.add(pathOf(key), "unknown stack file key" + Suggestions.didYouMean(key, STACK_FILE_KEYS)
                        + "; allowed: " + String.join(", ", sorted(STACK_FILE_KEYS)));
            }
        }
        JsonNode config = root.path("config");
        Map<String, JsonNode> values = new TreeMap<>(project.defaults());
        if (config.isMissingNode() || config.isNull()) {
            problems.add("config", "missing: the stack file needs a config: block");
        } else if (!config.isObject()) {
            problems.add("config", "expected an object of config keys, found " + ConfigReader.describe(config));
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String key = entry.getKey();
                int colon = key.indexOf(':');
                if (colon <= 0 || colon == key.length() - 1) {
                    String name = key.replace(":", "").strip();
                    problems.add(pathOf(key), "config keys need a namespace, e.g. \""
                            + project.name() + ":" + (name.isEmpty() ? "models" : name) + "\"");
                    continue;
                }
                values.put(cleanKey(key), entry.getValue());
            }
        }
        problems.throwIfAny(fileName);
        List<String> warnings = new ArrayList<>();
        if (root.has("environment")) {
            warnings.add(fileName + " imports Pulumi ESC environments; their values are not available offline");
        }
        return new RawConfig(fileName, project.name(), shortName, new TreeMap<>(values), warnings);
    }

    /** Stack names that have a {@code Pulumi.<stack>.yaml} in {@code dir}, sorted. */
    public static List<String> stacksIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("Pulumi.") && n.endsWith(".yaml") && !n.equals(PROJECT_FILE))
                    .map(n -> n.substring("Pulumi.".length(), n.length() - ".yaml".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Pulumi once wrote keys as {@code ns:config:name}; it still reads them as {@code ns:name}. */
    static String cleanKey(String key) {
        int first = key.indexOf(':');
        if (key.startsWith(":config:", first)) {
            return key.substring(0, first) + ":" + key.substring(first + ":config:".length());
        }
        return key;
    }

    /** A key as a problem's path; a blank key is quoted so the path stays visible. */
    private static String pathOf(String key) {
        return key.isBlank() ? Check.quote(key) : key;
    }

    private static List<String> sorted(Set<String> keys) {
        return keys.stream().sorted().toList();
    }

    private static JsonNode readYaml(Path file, String name) {
        try {
            String text = Files.readString(file);
            if (text.isBlank()) {
                return MissingNode.getInstance();
            }
            rejectAliases(text, name);
            JsonNode node = YAML.readTree(text);
            // A document without content ("---") reads as the empty text: it is an empty file, not a text file.
            boolean empty = node == null || (node.isTextual() && node.asText().isEmpty());
            return empty ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw ConfigException.single(name, "(file)", "is not valid YAML: " + where + firstLine(e.getOriginalMessage()));
        } catch (ConfigException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw ConfigException.single(name, "(file)", "cannot be read: " + firstLine(String.valueOf(e.getMessage())));
        }
    }

    /**
     * Jackson's tree reader turns a YAML alias ({@code *name}) into the text {@code "name"}, where Pulumi
     * reads the anchored value: the offline preview would silently differ from {@code pulumi up}. Say so
     * instead. Only the first document is checked, the one that is read.
     */
    private static void rejectAliases(String text, String name) throws IOException {
        try (JsonParser parser = YAML.createParser(text)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    JsonLocation at = parser.currentTokenLocation();
                    throw ConfigException.single(name, "(file)", "line " + at.getLineNr() + ", column " + at.getColumnNr()
                            + ": the YAML alias *" + parser.getText() + " cannot be read offline; "
                            + "write the value out in full instead of referring to its anchor");
                }
                depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
                if (depth == 0) {
                    return;
                }
            }
        }
    }

    private static String firstLine(String message) {
        String text = message == null ? "unknown error" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
