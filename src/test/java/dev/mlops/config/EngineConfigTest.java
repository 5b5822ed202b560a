package dev.mlops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The configuration as the Pulumi engine hands it over: every value as text in {@code PULUMI_CONFIG}
 * (objects and lists as JSON text), secret key names in {@code PULUMI_CONFIG_SECRET_KEYS}, and, without
 * those, the known keys through the {@link com.pulumi.Context}.
 */
class EngineConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Function<String, Optional<String>> NO_LOOKUP = key -> {
        throw new AssertionError("the lookup must not be used when PULUMI_CONFIG is present (asked for " + key + ")");
    };

    /** A valid stack's configuration exactly as the Java language host passes it: text values only. */
    /** The fields every model needs besides name and tag, as JSON members. */
    static final String MODEL_REQUIRED = "\"targetColumn\":\"price\",\"thresholds\":{\"maxRmse\":50000,\"minR2\":0.7},\"serving\":{\"featureCount\":4}";

    private static Map<String, String> engineValues() {
        Map<String, String> values = new TreeMap<>();
        values.put("aws:region", "eu-west-1");
        values.put("mlops:environment", "prod");
        values.put("mlops:accounts", "{\"staging\":\"111111111111\",\"prod\":\"222222222222\"}");
        values.put("mlops:owner", "ml-platform");
        values.put("mlops:costCenter", "cc-4711");
        values.put("mlops:holdsRealData", "true");
        values.put("mlops:alertEmails", "[\"ml-platform-alerts@example.com\"]");
        values.put("mlops:data", "{\"captureRetentionDays\":365,\"captureInfrequentAccessAfterDays\":30}");
        values.put("mlops:identity", "{\"source\":\"accounts\",\"trustedAccountIds\":[\"333333333333\"]}");
        values.put("mlops:models", "[{\"name\":\"house-prices\",\"tag\":1,\"description\":\"Sale prices.\"," + MODEL_REQUIRED + "},"
                + "{\"name\":\"rent\",\"tag\":3," + MODEL_REQUIRED + "}]");
        values.put("mlops:scientists", "[{\"userName\":\"alice\",\"email\":\"alice@example.com\"}]");
        values.put("mlops:promotion", "{\"sourceStack\":\"acme/mlops/staging\"}");
        values.put("pulumi:disable-default-providers", "[\"aws\"]");
        return values;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RawConfig read(Map<String, String> values, List<String> secretKeys) {
        return EngineConfig.read("mlops", "prod", json(values), json(secretKeys), NO_LOOKUP);
    }

    private static List<String> problemsParsing(RawConfig raw) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsParser.parse(raw));
        assertThat(e).as("a ConfigException parsing %s", raw.values()).isNotNull();
        return TestProjects.lines(e);
    }

    @Test
    void jsonTextValuesParseEndToEnd() {
        StackSettings s = SettingsParser.parse(read(engineValues(), List.of()));

        assertThat(s.project()).isEqualTo("mlops");
        assertThat(s.stack()).isEqualTo("prod");
        assertThat(s.aws().accountId()).isEqualTo("222222222222");
        assertThat(s.holdsRealData()).isTrue();
        assertThat(s.alertEmails()).containsExactly("ml-platform-alerts@example.com");
        assertThat(s.data()).isEqualTo(new DataSettings(365, 30, 30, 30));
        assertThat(s.models()).extracting(ModelSettings::name, ModelSettings::tag, ModelSettings::description).containsExactly(
                tuple("house-prices", 1, Optional.of("Sale prices.")),
                tuple("rent", 3, Optional.empty()));
        assertThat(s.scientists()).containsExactly(new ScientistSettings("alice", Optional.of("alice@example.com")));
        assertThat(s.promotion()).contains(new PromotionSettings(new StackName("acme", "mlops", "staging")));
    }

    @Test
    void engineAndStackFileGiveTheSameSettings() throws Exception {
        // Pulumi.prod.yaml, the way the engine passes it: every value as text, objects and lists as JSON.
        RawConfig file = StackFiles.load(TestProjects.REAL_PROJECT, "prod");
        Map<String, String> values = new TreeMap<>();
        file.values().forEach((key, value) -> values.put(key, value.isValueNode() ? value.asText() : json(value)));

        assertThat(SettingsParser.parse(read(values, List.of())))
                .isEqualTo(StackSettings.fromStackFile(TestProjects.REAL_PROJECT, "prod"));
    }

    @Test
    void objectKeptAsTextIsReportedWhereAnObjectIsNeeded() {
        Map<String, String> values = engineValues();
        values.put("mlops:models", "[{\"name\":\"house-prices\",\"tag\":0," + MODEL_REQUIRED + "}]");
        values.put("mlops:data", "{\"captureRetentionDays\": 3651}");

        assertThat(problemsParsing(read(values, List.of()))).containsExactly(
                "mlops:data.captureRetentionDays: 3651 is out of range 1..3650",
                "mlops:models[0].tag: 0 is not a positive whole number (model tags start at 1)");
    }

    @Test
    void malformedJsonTextInAValue() {
        Map<String, String> values = engineValues();
        values.put("mlops:models", "[{\"name\": \"house-prices\"");

        assertThat(problemsParsing(read(values, List.of()))).singleElement().asString()
                .startsWith("mlops:models: is not valid JSON: Unexpected end-of-input")
                .contains("[line: 1, column: 2]")
                .doesNotContain("Source", "REDACTED");
    }

    @Test
    void textThatIsNotJsonStaysText() {
        Map<String, String> values = engineValues();
        values.put("mlops:models", "house-prices");

        assertThat(problemsParsing(read(values, List.of()))).containsExactly(
                "mlops:models: expected a list, found the text \"house-prices\"");
    }

    @Test
    void valuesThatAreNotTextAreKeptAsTheirJson() {
        RawConfig raw = EngineConfig.read("mlops", "prod", """
                {"mlops:data": {"captureRetentionDays": 60}, "mlops:holdsRealData": false,
                 "mlops:models": [{"name": "a", "tag": 2}]}""", null, NO_LOOKUP);

        assertThat(raw.display()).containsEntry("mlops:data", "{\"captureRetentionDays\":60}")
                .containsEntry("mlops:holdsRealData", "false")
                .containsEntry("mlops:models", "[{\"name\":\"a\",\"tag\":2}]");
    }

    @Test
    void secretKeysBecomeSecureNodes() {
        Map<String, String> values = engineValues();
        values.put("mlops:owner", "the-real-owner");

        RawConfig raw = read(values, List.of("mlops:owner"));

        JsonNode owner = raw.values().get("mlops:owner");
        assertThat(ConfigReader.isSecure(owner)).isTrue();
        assertThat(raw.display()).containsEntry("mlops:owner", RawConfig.SECRET);
        assertThat(raw.display().values()).doesNotContain("the-real-owner");
        assertThat(problemsParsing(raw)).containsExactly(
                "mlops:owner: holds an encrypted (secure:) value, but this key takes plain text");
    }

    @Test
    void legacyKeyFormsAreCleaned() {
        Map<String, String> values = engineValues();
        values.put("mlops:config:owner", values.remove("mlops:owner"));

        RawConfig raw = read(values, List.of("mlops:config:owner"));

        assertThat(raw.values()).containsKey("mlops:owner").doesNotContainKey("mlops:config:owner");
        assertThat(ConfigReader.isSecure(raw.values().get("mlops:owner"))).isTrue();
    }

    @Test
    void misspelledKeysAreSeenBecauseTheWholeMapIsRead() {
        Map<String, String> values = engineValues();
        values.put("mlops:modles", "[]");

        assertThat(problemsParsing(read(values, List.of()))).containsExactly(
                "mlops:modles: unknown key; did you mean \"mlops:models\"?");
    }

    @Test
    void withoutPulumiConfigTheKnownKeysAreLookedUp() {
        Map<String, String> values = engineValues();
        values.put("mlops:modles", "[]");
        List<String> asked = new ArrayList<>();

        RawConfig raw = EngineConfig.read("mlops", "prod", null, null, key -> {
            asked.add(key);
            return Optional.ofNullable(values.get(key));
        });

        List<String> expected = new ArrayList<>();
        for (ProjectKey key : ProjectKey.values()) {
            expected.add("mlops:" + key.key());
        }
        expected.add("aws:region");
        expected.add("aws:profile");
        assertThat(asked).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(raw.values()).doesNotContainKey("mlops:modles");
        assertThat(SettingsParser.parse(raw).models()).extracting(ModelSettings::name).containsExactly("house-prices", "rent");
    }

    @Test
    void blankPulumiConfigFallsBackToTheLookup() {
        RawConfig raw = EngineConfig.read("mlops", "prod", "  ", "", key -> Optional.ofNullable(engineValues().get(key)));

        assertThat(SettingsParser.parse(raw).environment()).isEqualTo("prod");
    }

    @Test
    void missingKeysAreReportedAgainstTheStack() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SettingsParser.parse(EngineConfig.read("mlops", "prod", "{}", null, NO_LOOKUP)));

        assertThat(e.source()).isEqualTo("the configuration of stack prod");
        assertThat(TestProjects.lines(e)).contains("aws:region: is required: the AWS region to deploy to, e.g. eu-west-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "{\"mlops:owner\": ", "[\"mlops:owner\"]", "\"mlops:owner=a\"", "42"})
    void malformedPulumiConfig(String configJson) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> EngineConfig.read("mlops", "prod", configJson, null, NO_LOOKUP));

        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("PULUMI_CONFIG");
            assertThat(p.message()).startsWith("the engine's configuration is not a JSON object").doesNotContain("REDACTED");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"mlops:owner\"", "{\"mlops:owner\": true}"})
    void malformedSecretKeys(String secretKeysJson) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> EngineConfig.read("mlops", "prod", json(engineValues()), secretKeysJson, NO_LOOKUP));

        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("PULUMI_CONFIG_SECRET_KEYS");
            assertThat(p.message()).startsWith("the engine's secret keys are not a JSON list");
        });
    }

    @Test
    void keyWithoutNamespaceIsAProblemNotACrash() {
        Map<String, String> values = engineValues();
        values.put("owner", "ml-platform");

        assertThat(problemsParsing(read(values, List.of()))).containsExactly(
                "owner: config keys need a namespace, e.g. \"mlops:owner\"");
    }
}
