package dev.mlops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading {@code Pulumi.yaml} and {@code Pulumi.<stack>.yaml} offline into {@link RawConfig}: what the
 * Pulumi CLI would assemble, with file-level mistakes reported as {@link ConfigException}s.
 */
class StackFilesTest {

    private static final String STACK = "dev";

    @TempDir
    Path dir;

    private RawConfig load(String stackYaml) {
        return StackFiles.load(TestProjects.project(dir, STACK, stackYaml), STACK);
    }

    private List<String> problemsOf(String stackYaml) {
        TestProjects.project(dir, STACK, stackYaml);
        return problemsLoading(STACK);
    }

    private List<String> problemsLoading(String stack) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> StackFiles.load(dir, stack));
        assertThat(e).as("a ConfigException loading stack %s", stack).isNotNull();
        return TestProjects.lines(e);
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    // ---------------------------------------------------------------- finding the files

    @Test
    void missingProjectFile() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> StackFiles.load(dir, STACK));

        assertThat(e.source()).isEqualTo("Pulumi.yaml");
        assertThat(TestProjects.lines(e)).singleElement().asString()
                .startsWith("Pulumi.yaml: not found in " + dir.toAbsolutePath().normalize())
                .contains("run from the project's directory");
    }

    @Test
    void missingStackFileListsTheStacksPresent() throws IOException {
        TestProjects.project(dir, "staging", "config: {}\n");
        write("Pulumi.prod.yaml", "config: {}\n");
        write("Pulumi.yml", "not a stack file\n");

        assertThat(problemsLoading("qa")).singleElement().asString()
                .startsWith("--stack: no stack file Pulumi.qa.yaml in " + dir.toAbsolutePath().normalize())
                .endsWith("; stacks here: prod, staging");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "", "stack*", "dev\n"})
    void malformedStackName(String stack) {
        TestProjects.project(dir, "staging", "config: {}\n");

        assertThat(problemsLoading(stack)).singleElement().asString()
                .startsWith("--stack: \"" + stack + "\" is not a stack name")
                .contains("letters, digits");
    }

    @Test
    void fullyQualifiedStackNameReadsItsShortNamesFile() {
        RawConfig raw = StackFiles.load(TestProjects.project(dir, STACK, StackYaml.minimal().toString()), "acme/mlops/" + STACK);

        assertThat(raw.stack()).isEqualTo(STACK);
        assertThat(raw.source()).isEqualTo("Pulumi.dev.yaml");
    }

    @Test
    void stackConfigDirIsHonoured() throws IOException {
        write("Pulumi.yaml", TestProjects.realFile("Pulumi.yaml") + "stackConfigDir: stacks\n");
        write("stacks/Pulumi.dev.yaml", "config:\n  mlops:owner: from-stacks-dir\n");
        write("Pulumi.dev.yaml", "config:\n  mlops:owner: from-project-dir\n");

        RawConfig raw = StackFiles.load(dir, STACK);

        assertThat(raw.values().get("mlops:owner").asText()).isEqualTo("from-stacks-dir");
        assertThat(StackFiles.readProject(dir).stackConfigDir()).isEqualTo(dir.resolve("stacks"));
    }

    // ---------------------------------------------------------------- YAML mistakes

    @Test
    void invalidYamlNamesLineAndColumn() {
        List<String> problems = problemsOf("""
                config:
                  mlops:owner: ml-platform
                  mlops:models: [{name: a, tag: 1}
                  mlops:costCenter: cc-1
                """);

        assertThat(problems).singleElement().asString()
                .startsWith("(file): is not valid YAML: line ")
                .containsPattern("line \\d+, column \\d+: ");
    }

    @Test
    void badIndentationNamesTheLine() {
        List<String> problems = problemsOf("config:\n  mlops:owner: a\n mlops:costCenter: b\n");

        assertThat(problems).singleElement().asString().startsWith("(file): is not valid YAML: line 3, column ");
    }

    @Test
    void duplicateKeysAreRejected() {
        List<String> problems = problemsOf("""
                config:
                  mlops:owner: ml-platform
                  mlops:owner: data-team
                """);

        assertThat(problems).singleElement().asString()
                .startsWith("(file): is not valid YAML: line 3, column ")
                .contains("Duplicate field 'mlops:owner'");
    }

    @Test
    void duplicateNestedKeysAreRejected() {
        assertThat(problemsOf("config:\n  mlops:data:\n    captureRetentionDays: 1\n    captureRetentionDays: 2\n"))
                .singleElement().asString().contains("Duplicate field 'captureRetentionDays'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n\n", "# only a comment\n", "---\n", "~\n"})
    void emptyStackFile(String text) {
        assertThat(problemsOf(text)).containsExactly("config: the stack file is empty; it needs a config: block");
    }

    @Test
    void stackFileThatIsNotAMapping() {
        assertThat(problemsOf("- mlops:owner: a\n")).containsExactly(
                "(file): expected a YAML mapping with a config: block, found a list");
    }

    @Test
    void configBlockMissing() {
        assertThat(problemsOf("secretsprovider: passphrase\n")).containsExactly(
                "config: missing: the stack file needs a config: block");
    }

    @Test
    void configBlockThatIsNotAnObject() {
        assertThat(problemsOf("config: [mlops:owner]\n")).containsExactly(
                "config: expected an object of config keys, found a list");
    }

    @Test
    void unknownTopLevelKeySuggestsTheClosest() {
        assertThat(problemsOf("confg:\n  mlops:owner: a\n")).containsExactly(
                "confg: unknown stack file key; did you mean \"config\"?; "
                        + "allowed: config, encryptedkey, encryptionsalt, environment, secretsprovider",
                "config: missing: the stack file needs a config: block");
    }

    @Test
    void knownTopLevelKeysAreAccepted() {
        RawConfig raw = load("""
                secretsprovider: awskms://alias/pulumi
                encryptedkey: AQICAHh
                encryptionsalt: v1:abc
                config:
                  mlops:owner: a
                """);

        assertThat(raw.values()).containsKey("mlops:owner");
        assertThat(raw.warnings()).isEmpty();
    }

    @Test
    void blankKeysGetAVisiblePath() {
        assertThat(problemsOf("\"\": 1\nconfig:\n  \" \": 2\n")).containsExactly(
                "\" \": config keys need a namespace, e.g. \"mlops:models\"",
                "\"\": unknown stack file key; allowed: config, encryptedkey, encryptionsalt, environment, secretsprovider");
    }

    @Test
    void yamlAliasesAreNotReadAsTheAnchorsName() {
        // Jackson hands an alias over as the anchor's name ("team"); Pulumi resolves it to "ml-platform".
        // Either way of reading differently from Pulumi is wrong, so the offline reader says it cannot.
        List<String> problems = problemsOf("""
                config:
                  mlops:owner: &team ml-platform
                  mlops:costCenter: *team
                """);

        assertThat(problems).singleElement().asString()
                .startsWith("(file): line 3, column ")
                .contains("alias *team", "write the value out");
    }

    @Test
    void anchorsWithoutAliasesAreHarmless() {
        assertThat(load("config:\n  mlops:owner: &team ml-platform\n").values().get("mlops:owner").asText())
                .isEqualTo("ml-platform");
    }

    @Test
    void bareKeysNeedANamespace() {
        assertThat(problemsOf("config:\n  owner: a\n  \":costCenter\": b\n  mlops: c\n")).containsExactly(
                ":costCenter: config keys need a namespace, e.g. \"mlops:costCenter\"",
                "mlops: config keys need a namespace, e.g. \"mlops:mlops\"",
                "owner: config keys need a namespace, e.g. \"mlops:owner\"");
    }

    // ---------------------------------------------------------------- what the project file contributes

    @Test
    void projectFileDefaultsApplyWhenTheStackFileIsSilent() {
        RawConfig raw = load("config:\n  mlops:owner: a\n");

        assertThat(raw.values().get("mlops:holdsRealData")).isEqualTo(BooleanNode.TRUE);
    }

    @Test
    void stackFileOverridesProjectFileDefaults() {
        RawConfig raw = load("config:\n  mlops:holdsRealData: false\n");

        assertThat(raw.values().get("mlops:holdsRealData")).isEqualTo(BooleanNode.FALSE);
    }

    @Test
    void projectFileValuesOfOtherNamespacesArePresent() {
        RawConfig raw = load("config:\n  mlops:owner: a\n");

        JsonNode providers = raw.values().get("pulumi:disable-default-providers");
        assertThat(providers).isNotNull();
        assertThat(providers.isArray()).isTrue();
        assertThat(providers.get(0).asText()).isEqualTo("aws");
        assertThat(raw.display()).containsEntry("pulumi:disable-default-providers", "[\"aws\"]");
    }

    @Test
    void declaredKeysWithoutDefaultAreAbsent() {
        RawConfig raw = load("config:\n  mlops:owner: a\n");

        assertThat(raw.values()).doesNotContainKeys("mlops:environment", "mlops:costCenter", "mlops:alertEmails");
    }

    @Test
    void projectFileShortHandValues() throws IOException {
        write("Pulumi.yaml", """
                name: mlops
                runtime: java
                config:
                  owner: ml-platform
                  aws:region: eu-west-1
                  mlops:costCenter:
                    type: string
                    default: cc-1
                """);
        write("Pulumi.dev.yaml", "config: {}\n");

        RawConfig raw = StackFiles.load(dir, STACK);

        assertThat(raw.display()).containsEntry("mlops:owner", "ml-platform")
                .containsEntry("aws:region", "eu-west-1")
                .containsEntry("mlops:costCenter", "cc-1");
    }

    @Test
    void projectFileWithoutName() throws IOException {
        write("Pulumi.yaml", "runtime: java\nconfig: [a]\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> StackFiles.readProject(dir));

        assertThat(e.source()).isEqualTo("Pulumi.yaml");
        assertThat(TestProjects.lines(e)).containsExactly(
                "config: expected an object of config keys, found a list",
                "name: the project needs a name");
    }

    @Test
    void invalidProjectFile() throws IOException {
        write("Pulumi.yaml", "name: [mlops\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> StackFiles.readProject(dir));

        assertThat(e.source()).isEqualTo("Pulumi.yaml");
        assertThat(TestProjects.lines(e)).singleElement().asString().startsWith("(file): is not valid YAML: line ");
    }

    // ---------------------------------------------------------------- key forms, ESC, secrets

    @Test
    void legacyConfigKeyFormIsCleaned() {
        RawConfig raw = load("config:\n  mlops:config:models: []\n  aws:config:region: eu-west-1\n");

        assertThat(raw.values()).containsKeys("mlops:models", "aws:region")
                .doesNotContainKeys("mlops:config:models", "aws:config:region");
    }

    @Test
    void cleanKey() {
        assertThat(StackFiles.cleanKey("mlops:config:models")).isEqualTo("mlops:models");
        assertThat(StackFiles.cleanKey("mlops:models")).isEqualTo("mlops:models");
        assertThat(StackFiles.cleanKey("mlops:configs")).isEqualTo("mlops:configs");
        assertThat(StackFiles.cleanKey("nocolon")).isEqualTo("nocolon");
    }

    @Test
    void escEnvironmentGivesAWarning() {
        RawConfig raw = load("environment:\n  - ml-platform/staging\nconfig:\n  mlops:owner: a\n");

        assertThat(raw.warnings()).singleElement().asString()
                .contains("Pulumi.dev.yaml", "imports Pulumi ESC environments", "not available offline");
    }

    @Test
    void secureValuesStayOpaqueAndDisplayAsSecret() {
        RawConfig raw = load("""
                config:
                  mlops:apiToken:
                    secure: v1:AAAABBBBCCCC
                  mlops:data:
                    keyDeletionWindowDays: 7
                    webhook:
                      secure: v1:DDDDEEEE
                  mlops:scientists:
                    - userName: alice
                      email: {secure: v1:FFFF}
                """);

        JsonNode token = raw.values().get("mlops:apiToken");
        assertThat(token.path("secure").asText()).as("kept as written, never decrypted").isEqualTo("v1:AAAABBBBCCCC");
        assertThat(raw.display())
                .containsEntry("mlops:apiToken", RawConfig.SECRET)
                .containsEntry("mlops:data", "{\"keyDeletionWindowDays\":7,\"webhook\":\"[secret]\"}")
                .containsEntry("mlops:scientists", "[{\"email\":\"[secret]\",\"userName\":\"alice\"}]");
        assertThat(String.join("\n", raw.display().values())).doesNotContain("v1:");
    }

    @Test
    void displayShowsScalarsAsTextAndObjectsAsSortedJson() {
        RawConfig raw = load("config:\n  mlops:owner: a\n  mlops:data: {b: 2, a: [1, {d: x, c: true}]}\n");

        assertThat(raw.display())
                .containsEntry("mlops:owner", "a")
                .containsEntry("mlops:holdsRealData", "true")
                .containsEntry("mlops:data", "{\"a\":[1,{\"c\":true,\"d\":\"x\"}],\"b\":2}");
    }

    @Test
    void rawConfigKnowsItsOrigin() {
        RawConfig raw = load("config:\n  mlops:owner: a\n");

        assertThat(raw.source()).isEqualTo("Pulumi.dev.yaml");
        assertThat(raw.project()).isEqualTo("mlops");
        assertThat(raw.stack()).isEqualTo(STACK);
        assertThat(List.copyOf(raw.values().keySet())).isSorted();
    }
}
