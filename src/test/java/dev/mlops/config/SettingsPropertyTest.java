package dev.mlops.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a stack file holds, reading it ends in settings or in a {@link ConfigException} whose every
 * problem names a key path and says what is wrong — never in another exception, which would reach an
 * operator as a stack trace. Inputs range from arbitrary text and damaged copies of the real stack files
 * to well-formed YAML documents with random keys and values at every level.
 */
class SettingsPropertyTest {

    private static final String STACK = "fuzz";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> REAL_STACK_FILES =
            List.of(TestProjects.realFile("Pulumi.staging.yaml"), TestProjects.realFile("Pulumi.prod.yaml"));

    /** Text that means something to a YAML parser or to this program, spliced into the inputs. */
    private static final List<String> FRAGMENTS = List.of(
            ":", ": ", "- ", "-", "\t", "  ", "    ", "\n", "\r\n", "#", " # note", "&a ", "*a", "&anchor", "*anchor",
            "<<: *a", "{", "}", "[", "]", ",", "'", "\"", "\\", "!!str ", "!!binary ", "!!int ", "!!map ", "!custom ",
            "? ", "|", ">-", "%YAML 1.2\n", "---\n", "...\n", "~", "null", "Null", "{secure: v1:abc}", "secure: ",
            "9999999999999999999999999999", "-2147483649", "2147483647", "1e999", "-0", "0x1F", "0o17", "0042",
            ".nan", ".inf", "1.5", "1_000", "true", "\"true\"", "yes", "off", "[]", "{}", "é", "ß", "🚀", "\u0000",
            "\uFEFF", "\u2028", "\uD800", "mlops:", "aws:", "pulumi:", "config:", "config:\n  ", "mlops:models:",
            "mlops:config:", "environment:", "name: ", "tag: ", "userName: ", "email: ", "sourceStack: ",
            "2024-01-01", "@", "%", "`", "x".repeat(500));

    /** Keys of the config block: the real ones, misspellings, other namespaces, and keys that are no keys. */
    private static final List<String> CONFIG_KEYS = List.of(
            "aws:region", "aws:profile", "aws:accessKey", "aws:config:region", "mlops:environment", "mlops:accounts",
            "mlops:owner", "mlops:costCenter", "mlops:holdsRealData", "mlops:alertEmails", "mlops:data",
            "mlops:models", "mlops:scientists", "mlops:promotion", "mlops:modles", "mlops:config:models",
            "mlops:Models", "mlpos:models", "pulumi:disable-default-providers", "pulumi:tags", "models", "owner",
            "", " ", ":", "mlops:", ":models", "a:b:c", "mlops:data.captureRetentionDays", "ns:ключ", "mlops:🚀");

    /** Keys of nested objects: every field the program reads, misspellings and oddities. */
    private static final List<String> FIELD_NAMES = List.of(
            "name", "tag", "description", "userName", "email", "sourceStack", "captureRetentionDays",
            "captureInfrequentAccessAfterDays", "noncurrentVersionRetentionDays", "keyDeletionWindowDays",
            "staging", "prod", "dev", "secure", "nmae", "Tag", "captureRetentionDay", "", "<<", "a.b", "x y");

    private static final List<String> TOP_LEVEL_KEYS =
            List.of("config", "config", "config", "environment", "secretsprovider", "encryptedkey", "confg", "");

    private static final String OUTCOME = "outcome";
    private static final String SETTINGS = "settings";
    private static final String SETTINGS_REJECTED = "settings rejected";
    private static final String FILE_REJECTED = "file rejected";

    private static Path dir;

    @BeforeContainer
    static void createProject() throws IOException {
        dir = Files.createTempDirectory("mlops-settings-property");
        TestProjects.project(dir, STACK, "config: {}\n");
    }

    @AfterContainer
    static void deleteProject() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    // ---------------------------------------------------------------- the property

    /**
     * Reads {@code stackYaml} as the offline preview does; only settings or a well-formed ConfigException may
     * come out. Collects how far the input got, so a generator that never reaches the validation shows.
     */
    private static void readsToSettingsOrProblems(String stackYaml) {
        TestProjects.project(dir, STACK, stackYaml);
        boolean loaded = false;
        try {
            // What the preview shows of the configuration must be printable for every file that loads.
            assertThat(StackFiles.load(dir, STACK).display()).isNotNull();
            loaded = true;
        } catch (ConfigException e) {
            assertWellFormed(e);
        }
        String outcome;
        try {
            StackSettings settings = StackSettings.fromStackFile(dir, STACK);
            assertThat(settings.accounts()).containsEntry(settings.environment(), settings.aws().accountId());
            assertThat(settings.models()).extracting(ModelSettings::tag).allSatisfy(tag -> assertThat(tag).isPositive());
            outcome = SETTINGS;
        } catch (ConfigException e) {
            assertWellFormed(e);
            outcome = loaded ? SETTINGS_REJECTED : FILE_REJECTED;
        }
        Statistics.label(OUTCOME).collect(outcome);
    }

    /** A coverage check, made when the property ends: a generator must keep reaching the outcome it is for. */
    private static void atLeastPercent(String outcome, double percent) {
        Statistics.label(OUTCOME).coverage(c -> c.check(outcome).percentage(p -> p >= percent));
    }

    private static void assertWellFormed(ConfigException e) {
        assertThat(e.source()).isNotBlank();
        assertThat(e.problems()).isNotEmpty().isSorted().doesNotHaveDuplicates().allSatisfy(p -> {
            assertThat(p.path()).as("path of %s", p).isNotBlank();
            assertThat(p.message()).as("message of %s", p).isNotBlank();
        });
        assertThat(e.getMessage()).startsWith(e.source() + " has ");
    }

    // ---------------------------------------------------------------- random text

    @Property(tries = 800)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void arbitraryText(@ForAll("arbitraryText") String text) {
        readsToSettingsOrProblems(text);
        atLeastPercent(FILE_REJECTED, 50);
    }

    @Property(tries = 800)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void damagedRealStackFiles(@ForAll("damagedStackFiles") String text) {
        readsToSettingsOrProblems(text);
        atLeastPercent(SETTINGS, 5);
        atLeastPercent(FILE_REJECTED, 30);
    }

    @Property(tries = 500)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void yamlFragmentSoup(@ForAll("fragmentSoup") String text) {
        readsToSettingsOrProblems(text);
        atLeastPercent(FILE_REJECTED, 50);
    }

    @Provide
    Arbitrary<String> arbitraryText() {
        // Deep nesting is rare and shallow-ish: SnakeYAML scans nested flow collections in quadratic time, and
        // just past Jackson's nesting limit (1000) is the interesting place.
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().all().ofMaxLength(200)),
                Tuple.of(4, Arbitraries.strings().withChars("config:mlops aws-{}[]\"'#&*!|>?%@`,.~0123456789\n\t").ofMaxLength(200)),
                Tuple.of(1, longText(500, 5_000).map(s -> "config:\n  mlops:owner: " + s)),
                Tuple.of(1, Arbitraries.integers().between(1, 1_100)
                        .map(depth -> "config:\n  mlops:data: " + "[".repeat(depth) + "]".repeat(depth))),
                Tuple.of(1, Arbitraries.integers().between(1, 1_100)
                        .map(depth -> "config:\n  mlops:data:\n" + "  {a: ".repeat(depth) + "}".repeat(depth))));
    }

    /** Long text, built by repetition: generating thousands of characters one by one is slow. */
    private static Arbitrary<String> longText(int minRepeats, int maxRepeats) {
        return Combinators.combine(Arbitraries.strings().all().ofMinLength(1).ofMaxLength(6),
                Arbitraries.integers().between(minRepeats, maxRepeats)).as(String::repeat);
    }

    @Provide
    Arbitrary<String> fragmentSoup() {
        Arbitrary<String> line = Arbitraries.of(FRAGMENTS).list().ofMaxSize(6).map(parts -> String.join("", parts));
        Arbitrary<String> indent = Arbitraries.of("", "  ", "    ", "\t", " ", "      ");
        Arbitrary<String> lines = Combinators.combine(indent, line).as(String::concat).list().ofMaxSize(12)
                .map(l -> String.join("\n", l));
        return Combinators.combine(Arbitraries.of("", "config:\n", "config:\n  mlops:owner: a\n"), lines).as(String::concat);
    }

    /** One change to a text: where (as a fraction of its length), how much, and what is put in. */
    enum Damage { TRUNCATE, DELETE, INSERT, REPLACE, DUPLICATE_LINE, INDENT_LINE, TABS_FOR_SPACES, SWAP_LINES }

    record Change(Damage damage, double at, int length, String fragment) {

        String applyTo(String text) {
            int pos = (int) (at * text.length());
            int end = Math.min(text.length(), pos + length);
            List<String> lines = new ArrayList<>(text.lines().toList());
            int line = lines.isEmpty() ? 0 : Math.min(lines.size() - 1, (int) (at * lines.size()));
            return switch (damage) {
                case TRUNCATE -> text.substring(0, pos);
                case DELETE -> text.substring(0, pos) + text.substring(end);
                case INSERT -> text.substring(0, pos) + fragment + text.substring(pos);
                case REPLACE -> text.substring(0, pos) + fragment + text.substring(end);
                case DUPLICATE_LINE -> {
                    if (!lines.isEmpty()) {
                        lines.add(line, lines.get(line));
                    }
                    yield String.join("\n", lines);
                }
                case INDENT_LINE -> {
                    if (!lines.isEmpty()) {
                        lines.set(line, " ".repeat(length % 7) + lines.get(line).stripLeading());
                    }
                    yield String.join("\n", lines);
                }
                case TABS_FOR_SPACES -> text.replace("  ", "\t");
                case SWAP_LINES -> {
                    if (lines.size() > 1) {
                        int other = (line + length) % lines.size();
                        String swapped = lines.get(line);
                        lines.set(line, lines.get(other));
                        lines.set(other, swapped);
                    }
                    yield String.join("\n", lines);
                }
            };
        }
    }

    @Provide
    Arbitrary<String> damagedStackFiles() {
        Arbitrary<String> fragment = Arbitraries.oneOf(Arbitraries.of(FRAGMENTS), Arbitraries.strings().all().ofMaxLength(8));
        Arbitrary<Change> change = Combinators.combine(
                Arbitraries.of(Damage.class), Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 40), fragment)
                .as(Change::new);
        return Combinators.combine(Arbitraries.of(REAL_STACK_FILES), change.list().ofMinSize(1).ofMaxSize(5))
                .as((text, changes) -> {
                    String damaged = text;
                    for (Change c : changes) {
                        damaged = c.applyTo(damaged);
                    }
                    return damaged;
                });
    }

    // ---------------------------------------------------------------- random documents

    @Property(tries = 1000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void randomDocuments(@ForAll("randomDocuments") String yaml) {
        readsToSettingsOrProblems(yaml);
        atLeastPercent(SETTINGS_REJECTED, 20);
    }

    @Property(tries = 1200)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void editedRealStackFiles(@ForAll("editedStackFiles") String yaml) {
        readsToSettingsOrProblems(yaml);
        atLeastPercent(SETTINGS, 5);
        atLeastPercent(SETTINGS_REJECTED, 20);
        atLeastPercent(FILE_REJECTED, 5);
    }

    /** Any value a YAML document can hold: scalars of every kind, lists, objects, encrypted values. */
    private static Arbitrary<Object> values() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.integers().between(-2, 400).map(i -> (Object) i),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)).map(b -> (Object) b),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e308, 1.5).map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.strings().all().ofMaxLength(30).map(s -> (Object) s),
                Arbitraries.of("house-prices", "alice", "a@example.com", "eu-west-1", "eu-wset-1", "111111111111",
                        "staging", "prod", "acme/mlops/staging", "acme/mlops/fuzz", "true", "30", "0", "-1", "1.5",
                        "[1, 2]", "{\"a\": 1}", "[{", "", " ").map(s -> (Object) s),
                longText(10, 500).map(s -> (Object) s))
                .injectNull(0.05);
        return Arbitraries.recursive(() -> scalar, SettingsPropertyTest::containersOf, 0, 4);
    }

    private static Arbitrary<Object> containersOf(Arbitrary<Object> element) {
        return Arbitraries.oneOf(
                element,
                element.list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(Arbitraries.of(FIELD_NAMES), element).ofMaxSize(5).map(m -> (Object) m),
                element.map(v -> (Object) singleton("secure", v)));
    }

    private static Map<String, Object> singleton(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    @Provide
    Arbitrary<String> randomDocuments() {
        Arbitrary<Object> config = Arbitraries.oneOf(
                Arbitraries.maps(Arbitraries.of(CONFIG_KEYS), values()).ofMaxSize(10).map(m -> (Object) m),
                values());
        Arbitrary<Map<String, Object>> document = Combinators.combine(
                config, Arbitraries.maps(Arbitraries.of(TOP_LEVEL_KEYS), values()).ofMaxSize(2))
                .as((c, others) -> {
                    Map<String, Object> root = new LinkedHashMap<>(others);
                    root.put("config", c);
                    return root;
                });
        return Arbitraries.oneOf(document.map(SettingsPropertyTest::toYaml), values().map(SettingsPropertyTest::toYaml));
    }

    /** One structural change to a parsed stack file, at a path chosen by {@code steps}. */
    enum EditKind { REPLACE, REMOVE, ADD_KEY, WRAP_SECURE, AS_JSON_TEXT, WRAP_IN_LIST, DUPLICATE }

    record Edit(List<Integer> steps, EditKind kind, String key, Object value) {

        void applyTo(ObjectNode root) {
            JsonNode parent = root;
            JsonNode target = root.path("config");
            String name = "config";
            int index = -1;
            for (int step : steps) {
                if (!target.isContainerNode() || target.isEmpty()) {
                    break;
                }
                parent = target;
                if (target.isObject()) {
                    List<String> names = new ArrayList<>();
                    target.fieldNames().forEachRemaining(names::add);
                    name = names.get(step % names.size());
                    index = -1;
                    target = target.get(name);
                } else {
                    index = step % target.size();
                    target = target.get(index);
                }
            }
            JsonNode replacement = switch (kind) {
                case REPLACE -> YAML.valueToTree(value);
                case WRAP_SECURE -> JsonNodeFactory.instance.objectNode().set("secure", target);
                case AS_JSON_TEXT -> TextNode.valueOf(target.toString());
                case WRAP_IN_LIST -> JsonNodeFactory.instance.arrayNode().add(target);
                case REMOVE, ADD_KEY, DUPLICATE -> null;
            };
            if (kind == EditKind.ADD_KEY && target.isObject()) {
                ((ObjectNode) target).set(key, YAML.valueToTree(value));
            } else if (kind == EditKind.DUPLICATE && target.isArray() && !target.isEmpty()) {
                ((ArrayNode) target).add(target.get(0).deepCopy());
            } else if (parent instanceof ObjectNode object) {
                if (kind == EditKind.REMOVE) {
                    object.remove(name);
                } else if (replacement != null) {
                    object.set(name, replacement);
                }
            } else if (parent instanceof ArrayNode array && index >= 0) {
                if (kind == EditKind.REMOVE) {
                    array.remove(index);
                } else if (replacement != null) {
                    array.set(index, replacement);
                }
            }
        }
    }

    @Provide
    Arbitrary<String> editedStackFiles() {
        Arbitrary<Edit> edit = Combinators.combine(
                Arbitraries.integers().between(0, 20).list().ofMaxSize(4),
                Arbitraries.of(EditKind.class),
                Arbitraries.oneOf(Arbitraries.of(FIELD_NAMES), Arbitraries.of(CONFIG_KEYS)),
                values()).as(Edit::new);
        return Combinators.combine(Arbitraries.of(REAL_STACK_FILES), edit.list().ofMinSize(1).ofMaxSize(4))
                .as((text, edits) -> {
                    ObjectNode root = (ObjectNode) readYaml(text);
                    edits.forEach(e -> e.applyTo(root));
                    return toYaml(root);
                });
    }

    private static JsonNode readYaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
