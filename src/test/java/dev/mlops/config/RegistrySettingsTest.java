package dev.mlops.config;

import static dev.mlops.config.StackYaml.minimal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code mlops:registry}: the environments whose account may read and deploy this stack's model versions. */
class RegistrySettingsTest extends StackFileParsing {

    private static final String KEY = "mlops:registry";

    /** The minimal stack is environment dev (123456789012) with a peer prod (210987654321). */
    private StackYaml registry(String yamlValue) {
        return minimal().with(KEY, yamlValue);
    }

    @Test
    void sharedWithNobodyByDefault() {
        StackSettings settings = settingsOf(minimal());
        assertThat(settings.registry().sharedWith()).isEmpty();
        assertThat(settings.registryReaderAccounts()).isEmpty();
    }

    @Test
    void aPeerEnvironmentNamesItsAccount() {
        StackSettings settings = settingsOf(registry("{sharedWith: [prod]}"));
        assertThat(settings.registry().sharedWith()).containsExactly("prod");
        assertThat(settings.registryReaderAccounts()).containsExactly("210987654321");
    }

    @Test
    void aPeerInThisStacksOwnAccountGetsNoGrant() {
        StackSettings settings = settingsOf(registry("{sharedWith: [qa, prod]}")
                .with("mlops:accounts", "{dev: \"123456789012\", qa: \"123456789012\", prod: \"210987654321\"}"));
        assertThat(settings.registry().sharedWith()).containsExactly("qa", "prod");
        assertThat(settings.registryReaderAccounts()).containsExactly("210987654321");
    }

    @Test
    void twoPeersInOneAccountNameItOnce() {
        StackSettings settings = settingsOf(registry("{sharedWith: [prod, audit]}")
                .with("mlops:accounts", "{dev: \"123456789012\", prod: \"210987654321\", audit: \"210987654321\"}"));
        assertThat(settings.registryReaderAccounts()).containsExactly("210987654321");
    }

    @Test
    void anEmptyListIsAllowed() {
        assertThat(settingsOf(registry("{sharedWith: []}")).registryReaderAccounts()).isEmpty();
    }

    @ParameterizedTest(name = "sharedWith: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            [prdo]      | mlops:registry.sharedWith[0] | "prdo" is not an environment of mlops:accounts; did you mean "prod"?; listed: dev, prod
            [staging]   | mlops:registry.sharedWith[0] | "staging" is not an environment of mlops:accounts; listed: dev, prod
            [dev]       | mlops:registry.sharedWith[0] | "dev" is this stack's own environment; list the environments that read this registry from another stack, e.g. prod
            [prod, prod] | mlops:registry.sharedWith[1] | "prod" is listed twice
            [Prod]      | mlops:registry.sharedWith[0] | "Prod" is not allowed: 1 to 16 lowercase letters, digits and single hyphens, starting with a letter
            prod        | mlops:registry.sharedWith    | expected a list, found the text "prod"
            """)
    void badEnvironmentsNameTheEntry(String value, String path, String message) {
        ConfigProblem p = onlyProblem(registry("{sharedWith: " + value + "}"));
        assertThat(p.path()).isEqualTo(path);
        assertThat(p.message()).isEqualTo(message);
    }

    @Test
    void everyBadEntryIsReportedAtOnce() {
        assertThat(problemsOf(registry("{sharedWith: [dev, prdo]}"))).containsExactly(
                "mlops:registry.sharedWith[0]: \"dev\" is this stack's own environment; list the environments that read this registry"
                        + " from another stack, e.g. prod",
                "mlops:registry.sharedWith[1]: \"prdo\" is not an environment of mlops:accounts; did you mean \"prod\"?; listed: dev, prod");
    }

    @Test
    void aMisspelledFieldGetsASuggestion() {
        ConfigProblem p = onlyProblem(registry("{sharedwith: [prod]}"));
        assertThat(p.path()).isEqualTo("mlops:registry.sharedwith");
        assertThat(p.message()).isEqualTo("unknown key; did you mean \"mlops:registry.sharedWith\"?");
    }

    @Test
    void notAnObject() {
        ConfigProblem p = onlyProblem(registry("[prod]"));
        assertThat(p.path()).isEqualTo(KEY);
        assertThat(p.message()).startsWith("expected an object with named settings, found a list");
    }

    @Test
    void withBrokenAccountsOnlyTheAccountsAreReported() {
        List<String> problems = problemsOf(registry("{sharedWith: [prod]}").with("mlops:accounts", "{dev: \"12345\"}"));
        assertThat(problems).allSatisfy(p -> assertThat(p).startsWith("mlops:accounts"));
    }

    @Test
    void theEngineHandsTheObjectOverAsJsonText() {
        assertThat(settingsOf(registry("'{\"sharedWith\": [\"prod\"]}'")).registryReaderAccounts()).containsExactly("210987654321");
    }
}
