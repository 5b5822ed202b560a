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
    // Read as stack "fuzz": staging's mlops:deployment.stack names its own stack, which must be this one.
    private static final List<String> REAL_STACK_FILES =
            List.of(TestProjects.realFile("Pulumi.staging.yaml").replace("stack: acme/mlops/staging", "stack: acme/mlops/" + STACK),
                    TestProjects.realFile("Pulumi.prod.yaml"));

    /** Text that means something to a YAML parser or to this program, spliced into the inputs. */
    private static final List<String> FRAGMENTS = List.of(
            ":", ": ", "- ", "-", "\t", "  ", "    ", "\n", "\r\n", "#", " # note", "&a ", "*a", "&anchor", "*anchor",
            "<<: *a", "{", "}", "[", "]", ",", "'", "\"", "\\", "!!str ", "!!binary ", "!!int ", "!!map ", "!custom ",
            "? ", "|", ">-", "%YAML 1.2\n", "---\n", "...\n", "~", "null", "Null", "{secure: v1:abc}", "secure: ",
            "9999999999999999999999999999", "-2147483649", "2147483647", "1e999", "-0", "0x1F", "0o17", "0042",
            ".nan", ".inf", "1.5", "1_000", "true", "\"true\"", "yes", "off", "[]", "{}", "é", "ß", "🚀", "\u0000",
            "\uFEFF", "\u2028", "\uD800", "mlops:", "aws:", "pulumi:", "config:", "config:\n  ", "mlops:models:",
            "mlops:config:", "environment:", "name: ", "tag: ", "userName: ", "email: ", "sourceStack: ",
            "2024-01-01", "@", "%", "`", "x".repeat(500),
            "mlops:identity:", "mlops:network:", "mlops:dataSources:", "source: ", "cidr: ", "schedule: ", "columns: ",
            "thresholds: ", "training: ", "repository: ", "cron(0 3 * * ? *)", "rate(1 day)", "10.20.0.0/16", "s3://b-1/x/",
            "ml.m5.xlarge", ".nan", "1e999");

    /** Keys of the config block: the real ones, misspellings, other namespaces, and keys that are no keys. */
    private static final List<String> CONFIG_KEYS = List.of(
            "aws:region", "aws:profile", "aws:accessKey", "aws:config:region", "mlops:environment", "mlops:accounts",
            "mlops:owner", "mlops:costCenter", "mlops:holdsRealData", "mlops:alertEmails", "mlops:data",
            "mlops:models", "mlops:scientists", "mlops:promotion", "mlops:registry", "mlops:modles", "mlops:config:models",
            "mlops:identity", "mlops:network", "mlops:workbench", "mlops:dataSources", "mlops:datasources", "mlops:identty",
            "mlops:Models", "mlpos:models", "pulumi:disable-default-providers", "pulumi:tags", "models", "owner",
            "", " ", ":", "mlops:", ":models", "a:b:c", "mlops:data.captureRetentionDays", "ns:ключ", "mlops:🚀");

    /** Keys of nested objects: every field the program reads, misspellings and oddities. */
    private static final List<String> FIELD_NAMES = List.of(
            "name", "tag", "description", "userName", "email", "sourceStack", "captureRetentionDays",
            "captureInfrequentAccessAfterDays", "noncurrentVersionRetentionDays", "keyDeletionWindowDays",
            "staging", "prod", "dev", "secure", "nmae", "Tag", "captureRetentionDay", "", "<<", "a.b", "x y",
            // mlops:identity, mlops:network, mlops:workbench
            "source", "trustedAccountIds", "samlProviderArn", "permissionSets", "dataEngineer", "dataScientist", "mlEngineer",
            "maxSessionHours", "cidr", "availabilityZones", "zoneLetters", "natGateway", "interfaceEndpoints",
            "idleShutdownMinutes", "mlflowServerSize",
            // mlops:registry
            "sharedWith",
            // mlops:dataSources
            "sourceUri", "schedule", "expectations", "minRows", "columns", "type", "required", "min", "max",
            // mlops:models
            "dataSource", "targetColumn", "thresholds", "maxRmse", "maxMae", "minR2", "repository", "provider", "branch",
            "connectionArn", "training", "image", "instanceType", "instanceCount", "processingInstanceType",
            "maxRuntimeMinutes", "hyperparameters", "pipelineName", "targetColum", "maxRMSE");

    /** Text the readers of identity, network, workbench, data sources and model training look for, right and wrong. */
    private static final List<String> NEW_KEY_VALUES = List.of(
            "accounts", "saml", "iam-identity-center", "acounts", "333333333333", "arn:aws:iam::111111111111:saml-provider/idp",
            "MlopsDataEngineer", "10.20.0.0/16", "10.20.1.0/16", "10.0.0.0/8", "192.168.4.0/22", "a", "ab", "sts", "sagemaker.apy",
            "Small", "small", "s3://acme-landing/house-sales/", "https://x/", "cron(0 3 * * ? *)", "cron(0 3 * * * *)",
            "rate(1 day)", "rate(1 days)", "number", "integer", "string", "boolean", "numbr", "NaN", "Infinity", "1e999",
            "house-sales", "price", "sale price", "codecommit", "github", "githb", "acme/house-prices-model",
            "arn:aws:codeconnections:eu-west-1:111111111111:connection/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
            "builtin-xgboost", "own-container", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/m:1", "xgboost:1.7",
            "ml.m5.xlarge", "ml.m5.xlarg", "ml.trn1.2xlarge", "reg:squarederror", "main", "a..b", "house-prices-training", "p_1");

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
            assertThat(settings.registryReaderAccounts()).doesNotContain(settings.aws().accountId())
                    .allSatisfy(account -> assertThat(settings.accounts()).containsValue(account));
            // What the components derive from valid settings must work, too.
            for (int i = 0; i < settings.network().zones().size(); i++) {
                assertThat(settings.network().subnetCidr(i)).isNotEqualTo(settings.network().publicSubnetCidr(i));
            }
            settings.models().forEach(m -> assertThat(m.pipelineNameFor("mlops-" + STACK) + m.curatedPrefix()).isNotBlank());
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

    @Property(tries = 800)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void randomDocuments(@ForAll("randomDocuments") String yaml) {
        readsToSettingsOrProblems(yaml);
        atLeastPercent(SETTINGS_REJECTED, 20);
    }

    @Property(tries = 1000)
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
                Arbitraries.of(NEW_KEY_VALUES).map(s -> (Object) s),
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
                Arbitraries.integers().between(0, 20).list().ofMaxSize(6),
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

    // ---------------------------------------------------------------- well-formed stacks, values right and wrong

    /**
     * What the settings look like: objects of known fields (a name starting with {@code !} is required, one starting
     * with {@code ?} is there one time in five, the others half the time), lists of such objects, alternatives, and
     * leaves drawn mostly from values that are right for the field, sometimes from values that are wrong for it,
     * rarely from anything. Alternatives keep the fields of one identity source or repository provider together, so
     * that whole valid files come out too; the wrong values and missing required fields reach every rule.
     */
    sealed interface Shape permits Leaf, Obj, ListOf, OneOf {
    }

    record Leaf(List<Object> right, List<Object> wrong) implements Shape {
    }

    record Obj(Map<String, Shape> fields) implements Shape {
    }

    /** Items of a list are unique, objects by their name. */
    record ListOf(Shape item, int minSize, int maxSize) implements Shape {
    }

    record OneOf(List<Shape> alternatives) implements Shape {
    }

    private static Leaf leaf(List<?> right, List<?> wrong) {
        return new Leaf(List.copyOf(right), List.copyOf(wrong));
    }

    private static Obj obj(Object... namesAndShapes) {
        Map<String, Shape> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndShapes.length; i += 2) {
            fields.put((String) namesAndShapes[i], (Shape) namesAndShapes[i + 1]);
        }
        return new Obj(fields);
    }

    private static OneOf oneOf(Shape... alternatives) {
        return new OneOf(List.of(alternatives));
    }

    private static final Leaf MAX_SESSION_HOURS = leaf(List.of(1, 4, 12), List.of(0, 13, "4h", 1.5));
    private static final Leaf SAML_ARN = leaf(List.of("arn:aws:iam::111111111111:saml-provider/idp"),
            List.of("arn:aws:iam::1:saml-provider/x", "idp"));
    private static final Shape ACCOUNT_IDS =
            new ListOf(leaf(List.of("333333333333", "444444444444"), List.of("12345", 333333333333L, "333333333333")), 1, 2);
    private static final Shape PERMISSION_SETS = obj(
            "!dataEngineer", leaf(List.of("MlopsDataEngineer"), List.of("Data Engineers", "")),
            "!dataScientist", leaf(List.of("MlopsDataScientist"), List.of("x".repeat(33))),
            "!mlEngineer", leaf(List.of("MlopsMlEngineer"), List.of("a/b")));

    private static final Shape IDENTITY = oneOf(
            obj("!source", leaf(List.of("accounts"), List.of("acounts", "", " ")), "!trustedAccountIds", ACCOUNT_IDS,
                    "maxSessionHours", MAX_SESSION_HOURS),
            obj("!source", leaf(List.of("saml"), List.of("SAML", "okta")), "!samlProviderArn", SAML_ARN,
                    "maxSessionHours", MAX_SESSION_HOURS),
            obj("!source", leaf(List.of("iam-identity-center"), List.of("sso")), "!permissionSets", PERMISSION_SETS,
                    "maxSessionHours", MAX_SESSION_HOURS),
            // fields of every source at once
            obj("!source", leaf(List.of("accounts", "saml", "iam-identity-center"), List.of("")), "trustedAccountIds", ACCOUNT_IDS,
                    "samlProviderArn", SAML_ARN, "permissionSets", PERMISSION_SETS, "maxSessionHours", MAX_SESSION_HOURS));

    private static final Leaf CIDR = leaf(List.of("10.20.0.0/16", "172.16.16.0/20", "192.168.4.0/22"),
            List.of("10.20.1.0/16", "10.0.0.0/8", "10.20.0.0/23", "10.20.0.0", "256.0.0.0/16", ""));
    private static final Leaf NAT = leaf(List.of(true, false), List.of("yes", "sometimes"));
    private static final Shape ENDPOINTS =
            new ListOf(leaf(List.of("sts", "logs", "kms", "sagemaker.api"), List.of("sagemaker.apy", "s3", "sts")), 0, 3);

    private static final Shape NETWORK = oneOf(
            obj("cidr", CIDR, "availabilityZones", leaf(List.of(1, 2), List.of(0, 3, 4, 6, 7, "two")), "natGateway", NAT,
                    "interfaceEndpoints", ENDPOINTS),
            obj("cidr", CIDR, "!zoneLetters", new ListOf(leaf(List.of("a", "b", "c", "d", "e", "f"), List.of("ab", "A", "", "g")), 1, 6),
                    "?availabilityZones", leaf(List.of(2), List.of(1, 3)), "natGateway", NAT));

    /** The stacks here have the one environment fuzz: sharing with nobody is right, with anyone else wrong. */
    private static final Shape REGISTRY = obj(
            "sharedWith", leaf(List.of(List.of()), List.of(List.of("fuzz"), List.of("prod"), "prod", List.of("Prod"))));

    private static final Shape WORKBENCH = obj(
            "idleShutdownMinutes", leaf(List.of(15, 60, 1440), List.of(14, 1441, -1)),
            "mlflowServerSize", leaf(List.of("Small", "Medium", "Large"), List.of("small", "XL")));

    private static final Leaf COLUMN_NAME = leaf(List.of("price", "rooms", "postcode", "area", "garden"), List.of("1st", "a b"));
    private static final Shape COLUMN = oneOf(
            obj("!name", COLUMN_NAME, "!type", leaf(List.of("number", "integer"), List.of("numbr", "float")),
                    "required", leaf(List.of(true, false), List.of("mostly")),
                    "min", leaf(List.of(0, 1.5, -10), List.of("low", "NaN", "Infinity", 1e7)),
                    "max", leaf(List.of(100, 1e6), List.of(-100, "NaN"))),
            obj("!name", COLUMN_NAME, "!type", leaf(List.of("string", "boolean"), List.of("String", "bool")),
                    "required", leaf(List.of(true, false), List.of("mostly")),
                    "min", leaf(List.of(), List.of(0)), "max", leaf(List.of(), List.of(1))));

    private static final Shape DATA_SOURCES = new ListOf(obj(
            "!name", leaf(List.of("house-sales", "rents"), List.of("House_Sales", "")),
            "!sourceUri", leaf(List.of("s3://acme-landing/house-sales/", "s3://acme-landing"), List.of("https://x/", "s3://A/")),
            "!schedule", leaf(List.of("cron(0 3 * * ? *)", "rate(1 day)", "rate(6 hours)", "cron(0/15 * ? * MON-FRI *)"),
                    List.of("rate(1 days)", "rate(5 minute)", "rate(0 days)", "cron(0 3 * * * *)", "cron(0 3 ? * ? *)",
                            "cron(0 3 * * ?)", "daily")),
            "!expectations", obj(
                    "minRows", leaf(List.of(1, 500), List.of(0, -5)),
                    "!columns", new ListOf(COLUMN, 1, 3))), 0, 2);

    private static final Leaf BRANCH = leaf(List.of("main", "release/1.0"), List.of("a..b", "/main"));
    private static final Shape REPOSITORY = oneOf(
            obj("provider", leaf(List.of("codecommit"), List.of("CodeCommit", "gitlab")),
                    "name", leaf(List.of("house-prices-model", "pricing.v2"), List.of("a b", "x.git", "acme/x")), "branch", BRANCH,
                    "connectionArn", leaf(List.of(), List.of("arn:aws:codeconnections:eu-west-1:111111111111:connection/"
                            + "0a1b2c3d-4e5f-6789-abcd-ef0123456789"))),
            obj("!provider", leaf(List.of("github"), List.of("githb")),
                    "!name", leaf(List.of("acme/house-prices-model"), List.of("house-prices-model", "acme/")), "branch", BRANCH,
                    "!connectionArn", leaf(List.of("arn:aws:codeconnections:eu-west-1:111111111111:connection/"
                            + "0a1b2c3d-4e5f-6789-abcd-ef0123456789"), List.of("arn:aws:codeconnections:x"))));

    private static final Shape MODELS = new ListOf(obj(
            "!name", leaf(List.of("house-prices", "rent", "churn"), List.of("House", "")),
            "!tag", leaf(List.of(1, 2), List.of(0, "one")),
            "description", leaf(List.of("Predicts prices."), List.of("d".repeat(1025))),
            "?dataSource", leaf(List.of("house-sales", "rents"), List.of("house-sale", "Rents")),
            "!targetColumn", leaf(List.of("price", "rent"), List.of("sale price", "")),
            "!thresholds", obj(
                    "!maxRmse", leaf(List.of(50000, 0.5), List.of(0, -1, "NaN", "lots")),
                    "maxMae", leaf(List.of(40000), List.of(0, "Infinity")),
                    "!minR2", leaf(List.of(0, 0.7, 1), List.of(-0.1, 1.5, "70%"))),
            "repository", REPOSITORY,
            "training", obj(
                    "image", leaf(List.of("builtin-xgboost", "own-container", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/m:1"),
                            List.of("xgboost:1.7", "public.ecr.aws/x/y:1", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/m")),
                    "instanceType", leaf(List.of("ml.m5.xlarge", "ml.trn1.2xlarge"), List.of("ml.m5.xlarg", "m5.xlarge")),
                    "processingInstanceType", leaf(List.of("ml.m5.large"), List.of("ml.trn1.2xlarge", "ml.t3.mediun")),
                    "instanceCount", leaf(List.of(1, 20), List.of(0, 21)),
                    "maxRuntimeMinutes", leaf(List.of(1, 120, 40320), List.of(0, 40321)),
                    "hyperparameters", obj(
                            "objective", leaf(List.of("reg:squarederror"), List.of(List.of("x"))),
                            "num_round", leaf(List.of(200, "300"), List.of(Map.of("a", 1))))),
            "pipelineName", leaf(List.of("house-prices-training"), List.of("p_1", "-p")),
            // A model without a data source must say how many features its rows have.
            "!serving", obj(
                    "!featureCount", leaf(List.of(4, 12), List.of(0, "four")),
                    "instanceType", leaf(List.of("ml.m5.large", "ml.c5.xlarge"), List.of("ml.m5.larg", "m5.large")),
                    "instanceCount", leaf(List.of(1, 2), List.of(0, 101)),
                    "maxCapacity", leaf(List.of(4, 8), List.of(0))),
            "retraining", obj(
                    "schedule", leaf(List.of("rate(7 days)", "cron(0 4 ? * MON *)", "none"), List.of("weekly", "cron(0 4 * * *)")),
                    "onDrift", leaf(List.of(true, false), List.of("sometimes"))),
            "monitoring", obj(
                    "minSamples", leaf(List.of(100, 500), List.of(0, -1)),
                    "gate", obj("mode", leaf(List.of("manual", "auto", "off"), List.of("automatic"))))), 0, 2);

    /** The new keys, each read by its own reader, and the models that use them. */
    private static final Map<String, Shape> NEW_KEYS = Map.of("mlops:identity", IDENTITY, "mlops:network", NETWORK,
            "mlops:workbench", WORKBENCH, "mlops:dataSources", DATA_SOURCES, "mlops:models", MODELS, "mlops:registry", REGISTRY);

    private static final Object ABSENT = new Object();

    private static Arbitrary<Object> valuesOf(Shape shape) {
        if (shape instanceof Leaf leaf) {
            if (leaf.right().isEmpty()) {
                return Arbitraries.frequencyOf(Tuple.of(19, Arbitraries.just(ABSENT)), Tuple.of(1, Arbitraries.of(leaf.wrong())));
            }
            return Arbitraries.frequencyOf(
                    Tuple.of(96, Arbitraries.of(leaf.right())),
                    Tuple.of(3, Arbitraries.of(leaf.wrong())),
                    Tuple.of(1, values()));
        }
        if (shape instanceof OneOf oneOf) {
            return Arbitraries.oneOf(oneOf.alternatives().stream().map(SettingsPropertyTest::valuesOf).toList());
        }
        if (shape instanceof ListOf list) {
            return Arbitraries.frequencyOf(
                    Tuple.of(49, valuesOf(list.item()).list().ofMinSize(list.minSize()).ofMaxSize(list.maxSize())
                            .uniqueElements(v -> v instanceof Map<?, ?> m ? m.get("name") : v).map(l -> (Object) l)),
                    Tuple.of(1, values()));
        }
        Obj obj = (Obj) shape;
        List<String> names = List.copyOf(obj.fields().keySet());
        List<Arbitrary<Object>> fields = names.stream()
                .map(n -> {
                    int absent = n.startsWith("!") ? 1 : n.startsWith("?") ? 4 : 1;
                    int present = n.startsWith("!") ? 49 : 1;
                    return Arbitraries.frequencyOf(Tuple.of(present, valuesOf(obj.fields().get(n))),
                            Tuple.of(absent, Arbitraries.just(ABSENT)));
                })
                .toList();
        Arbitrary<Object> object = Combinators.combine(fields).as(vs -> {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                if (vs.get(i) != ABSENT) {
                    map.put(names.get(i).replaceFirst("^[!?]", ""), vs.get(i));
                }
            }
            return (Object) map;
        });
        // Now and then a misspelt or foreign key beside the known ones.
        return Arbitraries.frequencyOf(
                Tuple.of(48, object),
                Tuple.of(1, Combinators.combine(object, Arbitraries.of(FIELD_NAMES), values()).as((o, k, v) -> {
                    @SuppressWarnings("unchecked") Map<String, Object> map = new LinkedHashMap<>((Map<String, Object>) o);
                    map.putIfAbsent(k, v);
                    return (Object) map;
                })),
                Tuple.of(1, values()));
    }

    @Provide
    Arbitrary<String> shapedStackFiles() {
        List<String> keys = List.copyOf(new java.util.TreeSet<>(NEW_KEYS.keySet()));
        List<Arbitrary<Object>> newValues = keys.stream()
                .map(k -> Arbitraries.frequencyOf(Tuple.of(19, valuesOf(NEW_KEYS.get(k))), Tuple.of(1, Arbitraries.just(ABSENT))))
                .toList();
        Arbitrary<String> region = Arbitraries.frequency(Tuple.of(4, "eu-west-1"), Tuple.of(2, "us-east-1"), Tuple.of(1, "us-west-1"),
                Tuple.of(1, "ap-northeast-1"), Tuple.of(1, "ap-southeast-5"), Tuple.of(1, "eu-wset-1"));
        // The engine hands every top-level value over as text (objects as JSON): now and then write it so.
        Arbitrary<Boolean> asJsonText = Arbitraries.of(false, false, false, true);
        return Combinators.combine(Combinators.combine(newValues).as(ArrayList::new), region, asJsonText).as((vs, r, json) -> {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("aws:region", r);
            config.put("mlops:environment", "fuzz");
            config.put("mlops:accounts", Map.of("fuzz", "123456789012"));
            config.put("mlops:owner", "ml-platform");
            config.put("mlops:costCenter", "cc-4711");
            config.put("mlops:alertEmails", List.of("alerts@example.com"));
            for (int i = 0; i < keys.size(); i++) {
                Object value = vs.get(i);
                if (value != ABSENT) {
                    config.put(keys.get(i), json && (value instanceof Map || value instanceof List) ? toJson(value) : value);
                }
            }
            return toYaml(Map.of("config", config));
        }).withoutEdgeCases();
    }

    @Property(tries = 300)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void shapedStacks(@ForAll("shapedStackFiles") String yaml) {
        readsToSettingsOrProblems(yaml);
        atLeastPercent(SETTINGS, 4);
        atLeastPercent(SETTINGS_REJECTED, 60);
    }

    private static String toJson(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
